package solve

import (
	"math"
	"testing"

	"github.com/ansatz/ansatz/symreg/expr"
)

// Every transform's inverse undoes it: searching g = Forward(y) exactly
// and inverting gives y back, with the sign restored where the forward
// map loses it.
func TestTransformsInvert(t *testing.T) {
	for _, tr := range Transforms {
		for _, ys := range [][]float64{{0.1, 0.5, 1.2, 1.5}, {-1.4, -0.7, -0.2}, {0.3, 2.5, 3}} {
			lo, hi := span(ys)
			if !tr.Valid(lo, hi) {
				continue
			}
			g, sign := tr.apply(ys)
			inv := tr.Inverse(&expr.Node{Op: expr.OpVar, Var: 0}, sign)
			for i, y := range ys {
				if got := inv.EvalAt([]float64{g[i]}); math.Abs(got-y) > 1e-12*max(1, math.Abs(y)) {
					t.Errorf("%s: y=%g: inverse gives %g", tr.Name, y, got)
				}
			}
		}
	}
}

// Transforms that are not invertible on a target's span are not valid
// there: a target crossing zero loses its sign under y², asin's branch
// holds only within ±π/2.
func TestTransformValidity(t *testing.T) {
	valid := func(name string, lo, hi float64) bool {
		for _, tr := range Transforms {
			if tr.Name == name {
				return tr.Valid(lo, hi)
			}
		}
		t.Fatalf("no transform %s", name)
		return false
	}
	cases := []struct {
		name   string
		lo, hi float64
		want   bool
	}{
		{"y^2", -1, 1, false}, {"y^2", 0.5, 2, true}, {"1/y", -2, -1, true}, {"log(y)", 0, 1, false},
		{"sin(y)", 0.1, 1.5, true}, {"sin(y)", 0.1, 1.6, false}, {"cos(y)", 0.1, 3, true}, {"tan(y)", -1.6, 0, false},
	}
	for _, c := range cases {
		if got := valid(c.name, c.lo, c.hi); got != c.want {
			t.Errorf("%s on [%g, %g]: valid %v, want %v", c.name, c.lo, c.hi, got, c.want)
		}
	}
}
