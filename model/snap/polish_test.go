package snap

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/symreg/expr"
)

// TestPolishReachesLaw: a snapped network's formula for velocity
// addition, with its chains of constants, a leftover edge of weight 1e-7
// and constants off by 1e-5, polishes to tanh(atanh(x0) + atanh(x1)):
// exact on fresh points, without the leftover.
func TestPolishReachesLaw(t *testing.T) {
	src := "0.6098*(1.63979*tanh(-0.3555 - 5.27116*(0.18971*atanh(1e-9 - 1*x1) + 0.18972*atanh(3e-9 - 1.00001*x0) - 0.067449)) " +
		"+ 4.8e-7*asin(-0.04 - 0.999*x0) - 0.00274) + 0.00167"
	names := []string{"x0", "x1"}
	tr, err := expr.Parse(src, names)
	if err != nil {
		t.Fatal(err)
	}
	law := func(a, b float64) float64 { return (a + b) / (1 + a*b) }
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 600
	x, y := make([]float64, 2*n), make([]float64, n)
	for r := range y {
		x[2*r], x[2*r+1] = 1.8*rng.Float64()-0.9, 1.8*rng.Float64()-0.9
		y[r] = law(x[2*r], x[2*r+1])
	}
	got, loss := Polish(tr, x, y, n, 2, PolishOptions{})
	f := expr.Format(got, names)
	if strings.Contains(f, "asin") || got.Size() > 8 || loss > 1e-20 {
		t.Fatalf("polished to %s (size %d, MSE %g), want tanh(atanh(x0) + atanh(x1))", f, got.Size(), loss)
	}
	for k := 0; k < 200; k++ {
		a, b := 1.8*rng.Float64()-0.9, 1.8*rng.Float64()-0.9
		if v, w := got.EvalAt([]float64{a, b}), law(a, b); math.Abs(v-w) > 1e-9*math.Max(1, math.Abs(w)) {
			t.Fatalf("%s at (%g, %g) = %g, law %g", f, a, b, v, w)
		}
	}
}

// TestPolishTangent: a parabola written as a gaussian at a tiny scale
// inside exp (as a snapped KAN writes exp(sin(πx)+y²)) polishes to the
// law through the tangent rewrite.
func TestPolishTangent(t *testing.T) {
	src := "1.04e127*exp(292.467*(0.0034195*sin(3.14155*x0 + 8.9e-6) - exp(x1*(7.9e-8 - 0.0034253*x1)))) + 0.000206"
	names := []string{"x0", "x1"}
	tr, err := expr.Parse(src, names)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	const n = 600
	x, y := make([]float64, 2*n), make([]float64, n)
	law := func(a, b float64) float64 { return math.Exp(math.Sin(math.Pi*a) + b*b) }
	for r := range y {
		x[2*r], x[2*r+1] = 2*rng.Float64()-1, 2*rng.Float64()-1
		y[r] = law(x[2*r], x[2*r+1])
	}
	got, _ := Polish(tr, x, y, n, 2, PolishOptions{})
	f := expr.Format(got, names)
	for k := 0; k < 200; k++ {
		a, b := 2*rng.Float64()-1, 2*rng.Float64()-1
		if v, w := got.EvalAt([]float64{a, b}), law(a, b); math.Abs(v-w) > 1e-9*math.Abs(w) {
			t.Fatalf("%s at (%g, %g) = %g, law %g", f, a, b, v, w)
		}
	}
}

// TestPolishProduct: x·y as a snapped 2,2,1 KAN writes it, two cosines
// of nearly linear atanh combinations, polishes to x0*x1 (both cosines
// give way together to parabolas, the atanh to lines).
func TestPolishProduct(t *testing.T) {
	if testing.Short() {
		t.Skip("many constant fits (~3 s)")
	}
	src := "54.56277316928738*cos(0.027307124678889638*(x1 - 51.13310162913098*atanh(0.24031381777909955*x0 + 3.1727520801337457e-07))) - " +
		"53.77478029930119*cos(0.027511167070011004*(x1 + 51.03555990112567*atanh(0.24073245038725802*x0 + 2.2140153990907687e-07))) - 0.7879946938323484"
	names := []string{"x0", "x1"}
	tr, err := expr.Parse(src, names)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	const n = 600
	x, y := make([]float64, 2*n), make([]float64, n)
	for r := range y {
		x[2*r], x[2*r+1] = 2*rng.Float64()-1, 2*rng.Float64()-1
		y[r] = x[2*r] * x[2*r+1]
	}
	got, _ := Polish(tr, x, y, n, 2, PolishOptions{})
	if f := expr.Format(got, names); f != "x0*x1" {
		t.Fatalf("polished to %s, want x0*x1", f)
	}
}
