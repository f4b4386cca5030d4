package solve

import (
	"math"

	"github.com/ansatz/ansatz/symreg/expr"
)

// Transform is a change of the target: the search fits g(x) ≈ Forward(y)
// and Inverse turns g back into a formula for y. Many laws are simpler
// after one (AI Feynman's brute-force set): 1/(exp(x)−1) becomes exp(x)−1
// under 1/y, sqrt(a²+b²) becomes a²+b² under y², asin(x) becomes x under
// sin y.
type Transform struct {
	Name    string
	Forward func(y float64) float64
	// Inverse wraps g; sign is the sign of every target value (±1), for
	// the transforms that lose it.
	Inverse func(g *expr.Node, sign float64) *expr.Node
	// Valid reports whether the transform is defined and invertible on
	// targets spanning [lo, hi].
	Valid func(lo, hi float64) bool
}

func unaryNode(op expr.Op, a *expr.Node) *expr.Node { return &expr.Node{Op: op, L: a} }

func binaryNode(op expr.Op, a, b *expr.Node) *expr.Node { return &expr.Node{Op: op, L: a, R: b} }

// signed is sign·t, the sign folded into a constant factor.
func signed(t *expr.Node, sign float64) *expr.Node {
	if sign < 0 {
		return unaryNode(expr.OpNeg, t)
	}
	return t
}

// oneSigned reports whether no target value is 0 and all share a sign.
func oneSigned(lo, hi float64) bool { return lo > 0 || hi < 0 }

// Transforms are the target transforms Solve tries after the plain
// search, in order.
var Transforms = []Transform{
	{Name: "1/y", Forward: func(y float64) float64 { return 1 / y },
		Inverse: func(g *expr.Node, _ float64) *expr.Node { return binaryNode(expr.OpDiv, expr.Const(1), g) },
		Valid:   oneSigned},
	{Name: "y^2", Forward: func(y float64) float64 { return y * y },
		Inverse: func(g *expr.Node, s float64) *expr.Node { return signed(unaryNode(expr.OpSqrt, g), s) },
		Valid:   oneSigned},
	{Name: "1/y^2", Forward: func(y float64) float64 { return 1 / (y * y) },
		Inverse: func(g *expr.Node, s float64) *expr.Node {
			return signed(binaryNode(expr.OpDiv, expr.Const(1), unaryNode(expr.OpSqrt, g)), s)
		},
		Valid: oneSigned},
	{Name: "sqrt(y)", Forward: func(y float64) float64 { return math.Sqrt(math.Abs(y)) },
		Inverse: func(g *expr.Node, s float64) *expr.Node { return signed(binaryNode(expr.OpMul, g, g.Clone()), s) },
		Valid:   oneSigned},
	{Name: "log(y)", Forward: func(y float64) float64 { return math.Log(math.Abs(y)) },
		Inverse: func(g *expr.Node, s float64) *expr.Node { return signed(unaryNode(expr.OpExp, g), s) },
		Valid:   oneSigned},
	{Name: "sin(y)", Forward: math.Sin,
		Inverse: func(g *expr.Node, _ float64) *expr.Node { return unaryNode(expr.OpAsin, g) },
		Valid:   func(lo, hi float64) bool { return lo >= -math.Pi/2 && hi <= math.Pi/2 && hi > lo }},
	{Name: "cos(y)", Forward: math.Cos,
		Inverse: func(g *expr.Node, _ float64) *expr.Node { return unaryNode(expr.OpAcos, g) },
		Valid:   func(lo, hi float64) bool { return lo >= 0 && hi <= math.Pi && hi > lo }},
	{Name: "tan(y)", Forward: math.Tan,
		Inverse: func(g *expr.Node, _ float64) *expr.Node { return unaryNode(expr.OpAtan, g) },
		Valid:   func(lo, hi float64) bool { return lo > -math.Pi/2 && hi < math.Pi/2 && hi > lo }},
}

// apply is Forward on every value of y, and the values' common sign.
func (t Transform) apply(y []float64) ([]float64, float64) {
	out := make([]float64, len(y))
	sign := 1.0
	for i, v := range y {
		out[i] = t.Forward(v)
		if v < 0 {
			sign = -1
		}
	}
	return out, sign
}

// span is the least and greatest value of y.
func span(y []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range y {
		lo, hi = min(lo, v), max(hi, v)
	}
	return lo, hi
}
