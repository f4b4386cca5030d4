package solve

import (
	"math"

	"github.com/ansatz/ansatz/symreg"
	"github.com/ansatz/ansatz/symreg/expr"
)

// unsign returns t with every absolute value whose argument keeps one
// sign on all rows of d replaced by the argument (or its negation), or
// t itself when there is none. Such absolute values come from square
// roots of squares: the y² transform inverts to sqrt(g) and the search
// on y² finds g = h²·k, whose root is |h|·sqrt(k). The data cannot tell
// |h| from ±h, but the law is ±h: outside the sampled ranges h may
// change sign, and |h| then stops being the law.
func unsign(t *expr.Node, d *symreg.Data) *expr.Node {
	if !hasOp(t, expr.OpSqrt) && !hasOp(t, expr.OpAbs) {
		return t
	}
	if !hasOp(expr.Canonical(t, expr.CanonOptions{}), expr.OpAbs) {
		return t // no root of a square
	}
	// The data's bounds settle the signs they can; the rows the rest.
	c := expr.Canonical(t, expr.CanonOptions{Bounds: expr.BoundsOf(d.X)})
	dropSigns(&c, d)
	if hasOp(c, expr.OpAbs) {
		return t // a sign changes on the data: the absolute value is real
	}
	// The rewrite keeps every value on the data; a formula whose
	// canonical form differs there (rounding aside) is left alone.
	a, b := symreg.MSE(t, d), symreg.MSE(c, d)
	if math.IsNaN(b) || math.IsInf(b, 0) || math.Abs(a-b) > 1e-9*max(a, meanSquare(d)) {
		return t
	}
	return c
}

// dropSigns rewrites in place every abs(h) under *n whose h has one
// strict sign on the rows of d, and reports whether it rewrote any.
func dropSigns(n **expr.Node, d *symreg.Data) bool {
	if *n == nil {
		return false
	}
	changed := dropSigns(&(*n).L, d)
	if (*n).R != nil && dropSigns(&(*n).R, d) {
		changed = true
	}
	if (*n).Op != expr.OpAbs {
		return changed
	}
	h := (*n).L
	v := make([]float64, d.Rows())
	var ev expr.Evaluator
	ev.Eval64(expr.Compile(h), d.X, v)
	pos, neg := true, true
	for _, x := range v {
		pos = pos && x > 0
		neg = neg && x < 0
	}
	switch {
	case pos:
		*n = h
	case neg:
		*n = &expr.Node{Op: expr.OpNeg, L: h}
	default:
		return changed
	}
	return true
}

// hasOp reports whether op occurs in t.
func hasOp(t *expr.Node, op expr.Op) bool {
	if t == nil {
		return false
	}
	return t.Op == op || hasOp(t.L, op) || hasOp(t.R, op)
}
