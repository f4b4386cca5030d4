package decompose

import "github.com/ansatz/ansatz/symreg/expr"

// transform is a map of a view's values under which a part may become
// separable when the values themselves are not (AI Feynman tries its
// separability tests after such transforms too): 1/f of
// 1/(a² + b²), f² of sqrt(a² + b²).
type transform int

const (
	tfNone transform = iota
	tfInv
	tfSquare
)

// stage is one step of a view's value map: v ← (T(v) − off)/scale.
type stage struct {
	tf         transform
	off, scale float64
}

// splitTransforms are the transforms tried when a view is not separable
// as it is.
var splitTransforms = []transform{tfInv, tfSquare}

func (t transform) apply(v float64) float64 {
	switch t {
	case tfInv:
		return 1 / v
	case tfSquare:
		return v * v
	}
	return v
}

func (t transform) deriv(v float64) float64 {
	switch t {
	case tfInv:
		return -1 / (v * v)
	case tfSquare:
		return 2 * v
	}
	return 1
}

// valid reports whether t may be applied to values of these signs: both
// need one sign throughout and no zero.
func (t transform) valid(vals []float64) bool {
	if t == tfNone {
		return true
	}
	ok, _ := sameSign(vals)
	return ok
}

// invert writes the formula of f from that of T(f); neg says f < 0.
func (t transform) invert(n *expr.Node, neg bool) *expr.Node {
	switch t {
	case tfInv:
		return &expr.Node{Op: expr.OpDiv, L: expr.Const(1), R: n}
	case tfSquare:
		// abs: the parts' sum, fitted to the surrogate, may dip below 0
		// where f² is near 0; dropZeros takes it out when the polished
		// sum stays positive on the table.
		r := &expr.Node{Op: expr.OpSqrt, L: &expr.Node{Op: expr.OpAbs, L: n}}
		if neg {
			r = &expr.Node{Op: expr.OpNeg, L: r}
		}
		return r
	}
	return n
}
