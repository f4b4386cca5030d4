package symreg

import (
	"github.com/ansatz/ansatz/symreg/expr"
)

// This file is the search's only door to symreg-core's code: evaluation,
// constant fitting, simplification and complexity. Keeping it in one place
// lets the engine switch to the compiled evaluator and the LM fitter
// without touching the evolution code.

// evalInto writes t's predictions for the len(dst) rows of cols
// (column-major: cols[k][i] is variable k at row i) into dst, in float64
// through the compiled row-block evaluator (ev is per goroutine).
func evalInto(ev *expr.Evaluator, t *expr.Node, cols [][]float64, dst []float64) {
	ev.Eval64(expr.Compile(t), cols, dst)
}

// simplifyTree returns an algebraically simpler equivalent of t (or t).
func simplifyTree(t *expr.Node) *expr.Node { return expr.Simplify(t) }

// defaultComplexity is the node count (Options.ComplexityWeights changes
// the measure).
func defaultComplexity(t *expr.Node) int { return expr.Complexity(t) }

// fitConstants refines t's constants in place to reduce the squared error
// against y on cols (rows weighted by w if not nil) with at most iters
// Levenberg–Marquardt iterations (of a·t+b when scaling). It reports
// whether it changed anything.
// The loss evaluations LM spends are added to *evals (for --max-evals).
func fitConstants(t *expr.Node, cols [][]float64, y, w []float64, iters int, scaling bool, evals *int64) bool {
	if !hasConst(t) {
		return false
	}
	r := expr.FitConstants(t, cols, y, w, expr.FitOptions{MaxIter: iters, LinearScaling: scaling})
	*evals += int64(r.Evals)
	return r.OK && r.Iters > 0
}

func hasConst(t *expr.Node) bool {
	if t == nil {
		return false
	}
	return t.Op == expr.OpConst || hasConst(t.L) || hasConst(t.R)
}
