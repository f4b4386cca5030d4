package decompose

import (
	"math"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/symreg/expr"
)

// A part c·x^p + d within the surrogate's error is taken as a power law
// with the right exponent; a part that is no power law is not.
func TestPowerLaw(t *testing.T) {
	noise := 1e-3
	for _, c := range []struct {
		name string
		f    func(x float64) float64
		ok   bool
	}{
		{"3/x^2", func(x float64) float64 { return 3 / (x * x) }, true},
		{"2*x^1.5-7", func(x float64) float64 { return 2*x*math.Sqrt(x) - 7 }, true},
		{"(x-3)^2+1", func(x float64) float64 { return (x-3)*(x-3) + 1 }, true},
		{"sin(x)", math.Sin, false},
		{"exp(x)", math.Exp, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := table(500, 1, 1, 5, 3, func(x []float64) float64 { return c.f(x[0]) })
			if strings.HasPrefix(c.name, "(x-3)") { // a column of both signs: x − 3
				for i := range d.Y {
					d.X[0][i] -= 3
				}
				f := c.f
				c.f = func(x float64) float64 { return f(x + 3) }
			}
			for i := range d.Y {
				d.Y[i] += noise * math.Sin(float64(7*i)) // smooth-ish error like a surrogate's
			}
			got, ok := powerLaw(d, noise)
			if ok != c.ok {
				t.Fatalf("power law = %v, want %v", ok, c.ok)
			}
			if !ok {
				return
			}
			// The formula is c·x^p (+ d): compare its shape at 1 and 2.
			f := func(x float64) float64 { return evalAt(got, []float64{x}) }
			ratio := (f(2) - f(1)) / (c.f(2) - c.f(1))
			if math.Abs(ratio-1) > 1e-2 {
				t.Errorf("%s: (f(2)-f(1)) is %.4g of the truth's", expr.Format(got, d.Names), ratio)
			}
		})
	}
}
