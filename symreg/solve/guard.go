package solve

import (
	"fmt"
	"math"

	"github.com/ansatz/ansatz/symreg"
	"github.com/ansatz/ansatz/symreg/expr"
)

// maxPhaseStep is the most a periodic function's argument may change
// between neighbouring samples (two full turns): beyond it the term
// oscillates faster than the data can show and threads between the
// points instead of describing them.
const maxPhaseStep = 4 * math.Pi

// guardRows caps the rows the oscillation check evaluates.
const guardRows = 500

// ConstCap is the most free constants a chosen formula may have for a
// table of the given rows: a quarter of the rows, at least 4. More
// constants than that let a formula interpolate small tables.
func ConstCap(rows int) int { return max(4, rows/4) }

// interpolant says why t looks like an interpolant of d ("" if not): it
// has more constants than ConstCap allows, a division whose denominator
// changes sign between rows (a pole inside the data), or a sin, cos or
// tan whose argument changes, at the median row, by more than
// maxPhaseStep over the sampling spacing of some input (that input's
// range over the number of samples along one axis, rows^(1/inputs used)).
func interpolant(t *expr.Node, d *symreg.Data) string {
	if c := len(expr.ConstNodes(t)); c > ConstCap(d.Rows()) {
		return fmt.Sprintf("%d constants for %d rows (at most %d)", c, d.Rows(), ConstCap(d.Rows()))
	}
	used := usedVars(t)
	if len(used) == 0 {
		return ""
	}
	per := math.Pow(float64(d.Rows()), 1/float64(len(used))) // samples along one axis
	s := subsample(d, guardRows)
	var why string
	walk(t, func(n *expr.Node) bool {
		if n.Op == expr.OpDiv && changesSign(n.R, s) {
			why = "a denominator changes sign between rows: a pole inside the data"
			return false
		}
		if n.Op != expr.OpSin && n.Op != expr.OpCos && n.Op != expr.OpTan {
			return true
		}
		if step := phaseStep(n.L, s, used, per); step > maxPhaseStep {
			why = fmt.Sprintf("%s changes by %.3g rad between neighbouring samples", n.Op.Name(), step)
			return false
		}
		return true
	})
	return why
}

// phaseStep is the median over the rows of s of the largest change of
// arg over one sampling spacing of an input in used: |∂arg/∂x_k| (by a
// central difference) × range_k / per.
func phaseStep(arg *expr.Node, s *symreg.Data, used []int, per float64) float64 {
	p := expr.Compile(arg)
	var ev expr.Evaluator
	n := s.Rows()
	steps := make([]float64, n)
	up, down := make([]float64, n), make([]float64, n)
	cols := make([][]float64, len(s.X))
	copy(cols, s.X)
	for _, k := range used {
		lo, hi := span(s.X[k])
		w := hi - lo
		if !(w > 0) {
			continue
		}
		h := 1e-6 * w
		shifted := make([]float64, n)
		cols[k] = shifted
		for i, v := range s.X[k] {
			shifted[i] = v + h
		}
		ev.Eval64(p, cols, up)
		for i, v := range s.X[k] {
			shifted[i] = v - h
		}
		ev.Eval64(p, cols, down)
		cols[k] = s.X[k]
		for i := range steps {
			g := math.Abs(up[i]-down[i]) / (2 * h) * w / per
			if math.IsNaN(g) {
				g = 0
			}
			steps[i] = max(steps[i], g)
		}
	}
	return median(steps)
}

// changesSign reports whether t takes both signs on the rows of s.
func changesSign(t *expr.Node, s *symreg.Data) bool {
	v := make([]float64, s.Rows())
	var ev expr.Evaluator
	ev.Eval64(expr.Compile(t), s.X, v)
	lo, hi := span(v)
	return lo < 0 && hi > 0
}

// usedVars are the distinct variables of t, in first-use order.
func usedVars(t *expr.Node) []int {
	var out []int
	seen := map[int]bool{}
	walk(t, func(n *expr.Node) bool {
		if n.Op == expr.OpVar && !seen[n.Var] {
			seen[n.Var] = true
			out = append(out, n.Var)
		}
		return true
	})
	return out
}

// walk visits t's nodes in pre-order while visit returns true.
func walk(t *expr.Node, visit func(*expr.Node) bool) bool {
	if t == nil {
		return true
	}
	return visit(t) && walk(t.L, visit) && walk(t.R, visit)
}
