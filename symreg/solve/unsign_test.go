package solve

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/ansatz/ansatz/symreg"
	"github.com/ansatz/ansatz/symreg/expr"
)

// The root of a square whose base keeps one sign on the data becomes the
// base itself, which goes on being the law where the base changes sign;
// a base that changes sign on the data keeps its absolute value.
func TestUnsign(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := 200
	x := [][]float64{make([]float64, n), make([]float64, n)}
	for i := range n {
		x[0][i] = 1 + rng.Float64()   // t in [1, 2]
		x[1][i] = 0.1 * rng.Float64() // u in [0, 0.1]
	}
	names := []string{"t", "u"}
	d := &symreg.Data{X: x, Y: make([]float64, n), Names: names}
	f, _ := expr.Parse("sqrt((t - 3*u)*(t - 3*u)/(1 - u*u))", names)
	g := unsign(f, d)
	if hasOp(g, expr.OpAbs) {
		t.Fatalf("unsign(%s) = %s, still an absolute value", expr.Format(f, names), expr.Format(g, names))
	}
	// Where t − 3u < 0 the law (t − 3u)/sqrt(1 − u²) is negative.
	out := make([]float64, 1)
	var ev expr.Evaluator
	ev.Eval64(expr.Compile(g), [][]float64{{1}, {0.5}}, out)
	v := out[0]
	if want := (1 - 1.5) / math.Sqrt(1-0.25); math.Abs(v-want) > 1e-12 {
		t.Fatalf("unsign(%s) = %s: %g at t=1, u=0.5, want %g", expr.Format(f, names), expr.Format(g, names), v, want)
	}
	for i := range n {
		x[1][i] = rng.Float64() // now t − 3u changes sign on the data
	}
	if g := unsign(f, d); !expr.Equal(g, f) {
		t.Fatalf("unsign changed %s to %s although t − 3u changes sign on the data", expr.Format(f, names), expr.Format(g, names))
	}
}
