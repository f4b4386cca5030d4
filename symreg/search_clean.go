package symreg

import (
	"math"

	"github.com/ansatz/ansatz/symreg/expr"
)

// cleanFront tidies the final front: constants within rounding of a
// simple value (an integer or half-integer) are snapped to it, and
// negligible constants (|c| < 1e-8) are dropped (set to 0 and simplified
// away), each change kept only if the full-data loss stays within the
// exact floor or 1e-9 relative of what it was. Tidied trees are offered to
// the hall of fame, where a smaller twin can take a lower complexity.
// This is what turns "0.39894228*exp(θ*(θ*-0.5000000000000001)) +
// 2.4e-16" into "0.39894228*exp(θ*(θ*-0.5))". It runs once, in a fixed
// order, so it keeps the search deterministic.
func (e *engine) cleanFront() {
	// A tidied entry can land at a lower complexity that was already
	// visited (Simplify folds constants), so repeat while the front changes.
	for pass := 0; pass < 4; pass++ {
		if !e.cleanPass() {
			break
		}
	}
}

// cleanPass tidies every front entry once and reports whether the hall of
// fame changed.
func (e *engine) cleanPass() bool {
	changed := false
	is := e.islands[0]
	for _, f := range e.hof.Front() {
		tol := max(f.Loss*(1+1e-9), e.hof.Floor)
		t := f.Tree.Clone()
		for _, n := range expr.ConstNodes(t) {
			old := n.Value
			if r := math.Round(2*old) / 2; r != old && math.Abs(old-r) <= 1e-9*max(1, math.Abs(old)) {
				n.Value = r
				if e.scoreFull(is, t, nil).Loss > tol {
					n.Value = old
				}
			}
		}
		for _, n := range expr.ConstNodes(t) {
			old := n.Value
			if old == 0 || math.Abs(old) >= 1e-8 {
				continue
			}
			n.Value = 0
			if e.scoreFull(is, expr.Simplify(t), nil).Loss > tol {
				n.Value = old
			}
		}
		t = expr.Simplify(t)
		m := e.scoreFull(is, t, nil)
		switch {
		case m.Loss > tol || !e.g.valid(t) || expr.Equal(t, f.Tree):
		case m.Complexity == f.Complexity:
			e.hof.Best[f.Complexity] = m // the tidy twin replaces its own entry
			changed = true
		default:
			changed = e.hof.offer(m) || changed
		}
	}
	e.collect(is)
	return changed
}
