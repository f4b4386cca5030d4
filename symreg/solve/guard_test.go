package solve

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/symreg"
	"github.com/ansatz/ansatz/symreg/expr"
)

// uniformData draws rows points with each input uniform on [lo, hi] and
// y = f(x) + noise·N(0,1).
func uniformData(rows int, lo, hi []float64, names []string, f func(x []float64) float64, noise float64, seed uint64) *symreg.Data {
	rng := rand.New(rand.NewPCG(seed, 7))
	d := &symreg.Data{X: make([][]float64, len(lo)), Y: make([]float64, rows), Names: names}
	for k := range d.X {
		d.X[k] = make([]float64, rows)
	}
	x := make([]float64, len(lo))
	for i := range rows {
		for k := range lo {
			x[k] = lo[k] + (hi[k]-lo[k])*rng.Float64()
			d.X[k][i] = x[k]
		}
		d.Y[i] = f(x) + noise*rng.NormFloat64()
	}
	return d
}

func mustParse(t *testing.T, src string, names []string) *expr.Node {
	t.Helper()
	n, err := expr.Parse(src, names)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// The interpolant the issue reports for I.12.1 at 20 rows (sin of
// 1839·N) oscillates between the samples and is set aside; a law with a
// few periods over the ranges, cos(k·d) for k, d in [1, 5], is not, nor
// is a formula without periodic terms; a formula with more constants
// than the rows support is.
func TestInterpolantGuard(t *testing.T) {
	names := []string{"mu", "Nn", "d"}
	d := uniformData(20, []float64{0.1, 1, 1}, []float64{1, 5, 5}, names, func(x []float64) float64 { return x[0] * x[1] }, 0, 1)
	cases := []struct {
		src  string
		want string // substring of the reason, "" for none
	}{
		{"mu*Nn - 0.087*sin(-1839.5*(Nn + 20.07))", "sin changes"},
		{"Nn*(1 - cos(mu*d))", ""},
		{"2*Nn*(1 - cos(Nn*d))", ""},
		{"mu*Nn", ""},
		{"5.8 - 53.8*cos(0.0187*mu*Nn + 5.1e-05/(Nn - 3))", "pole"},
		{"mu/(Nn + 1)", ""},
		{"1.1*mu + 2.2*Nn + 3.3*d + 4.4*mu*Nn + 5.5*mu*d + 6.6", "6 constants for 20 rows"},
	}
	for _, c := range cases {
		got := interpolant(mustParse(t, c.src, names), d)
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("%s: %q, want %q", c.src, got, c.want)
		}
	}
}
