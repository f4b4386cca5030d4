package expr

import (
	"math"
	"os"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/internal/feynman"
)

func TestParseExamples(t *testing.T) {
	vars := []string{"x1", "x2", "theta", "θ"}
	cases := []struct {
		src  string
		x    []float64
		want float64
	}{
		{"x1*cos(x2 - 3.2)", []float64{2, 1, 0}, 2 * math.Cos(1-3.2)},
		{"exp(-theta**2/2)/sqrt(2*pi)", []float64{0, 0, 0.7}, math.Exp(-0.49/2) / math.Sqrt(2*math.Pi)},
		{"-x1^2", []float64{3, 0, 0}, -9},
		{"-3^2", nil, -9},
		{"(-3)^2", nil, 9},
		{"2^-1", nil, 0.5},
		{"2^3^2", nil, 512},
		{"1e-3 + .5 + 2.5E+1 + 3.", nil, 0.001 + 0.5 + 25 + 3},
		{"pow(x1, 3) - ln(e)", []float64{2, 0, 0}, 7},
		{"arcsin(1) + arccos(1) + arctan(0)", nil, math.Pi / 2},
		{"x1 - x2 - theta", []float64{1, 2, 3}, -4},
		{"x1 / x2 / theta", []float64{12, 2, 3}, 2},
		{"+x1 * -x2", []float64{2, 3, 0}, -6},
		{"square(x1) + cube(x2) + abs(-theta)", []float64{2, 3, 1}, 4 + 27 + 1},
		{"θ*2", []float64{0, 0, 0, 1.5}, 3},
	}
	for _, c := range cases {
		n, err := Parse(c.src, vars)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.src, err)
			continue
		}
		x := c.x
		if len(x) == 3 {
			x = append(x, 0)
		}
		if x == nil {
			x = make([]float64, 4)
		}
		if got := n.EvalAt(x); math.Abs(got-c.want) > 1e-12*math.Max(1, math.Abs(c.want)) {
			t.Errorf("%q = %v, want %v (tree %s)", c.src, got, c.want, Format(n, vars))
		}
	}
}

func TestParseErrors(t *testing.T) {
	vars := []string{"x", "y"}
	cases := []struct{ src, want string }{
		{"x*cos(y))", "col 9: unexpected ')'"},
		{"x +", "col 4: unexpected end of formula"},
		{"foo(x)", "col 1: unknown function \"foo\""},
		{"x + z", "col 5: unknown name \"z\""},
		{"x $ y", "col 3: unexpected character '$'"},
		{"pow(x)", "col 1: pow takes 2 argument(s), got 1"},
		{"sin x", "col 1: function \"sin\" needs an argument"},
		{"(x + y", "col 7: expected ')'"},
		{"", "col 1: unexpected end of formula"},
		{"`x", "col 1: unclosed '`'"},
	}
	for _, c := range cases {
		_, err := Parse(c.src, vars)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("Parse(%q) error = %v, want prefix %q", c.src, err, c.want)
		}
	}
}

// loadFeynman reads the copied Feynman table (testdata/README.md).
func loadFeynman(t testing.TB) []feynman.Equation {
	t.Helper()
	const path = "../../testdata/feynman/FeynmanEquations.csv"
	if _, err := os.Stat(path); err != nil {
		t.Skipf("Feynman table missing: %v", err)
	}
	eqs, err := feynman.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	return eqs
}

func TestParseFeynman(t *testing.T) {
	rows := loadFeynman(t)
	if len(rows) != 100 {
		t.Fatalf("got %d equations, want 100", len(rows))
	}
	for _, row := range rows {
		vars := row.Names()
		n, err := Parse(row.Formula, vars)
		if err != nil {
			t.Errorf("%s %q: %v", row.Name, row.Formula, err)
			continue
		}
		back, err := Parse(Format(n, vars), vars)
		if err != nil || !Equal(n, back) {
			t.Errorf("%s: print/parse changed %q -> %q (%v)", row.Name, row.Formula, Format(n, vars), err)
		}
		// Inside the ranges these laws are finite.
		x := make([]float64, len(vars))
		for i := range x {
			x[i] = row.Vars[i].Lo + (0.3+0.07*float64(i))*(row.Vars[i].Hi-row.Vars[i].Lo)
		}
		v := n.EvalAt(x)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Errorf("%s: %q is %v inside its ranges", row.Name, row.Formula, v)
		}
		// The compiled program agrees with the tree walk.
		cols := make([][]float64, len(x))
		for i := range cols {
			cols[i] = []float64{x[i]}
		}
		out := []float64{0}
		NewEvaluator().Eval64(Compile(n), cols, out)
		if !closeTo(out[0], v, 1e-12) {
			t.Errorf("%s: compiled %v, tree %v", row.Name, out[0], v)
		}
	}
}
