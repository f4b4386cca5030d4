package symreg

import (
	"math"
	"strings"

	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/kernels"
)

// LossKind names the per-row loss the search minimises (averaged over rows,
// weighted when the data has weights).
type LossKind int

// The losses.
const (
	LossMSE     LossKind = iota // (ŷ−y)²
	LossL1                      // |ŷ−y|
	LossHuber                   // quadratic within HuberDelta, linear outside
	LossLogCosh                 // log(cosh(ŷ−y)): smooth, robust
)

var lossNames = []string{"mse", "l1", "huber", "logcosh"}

// String is the --loss name of the loss.
func (k LossKind) String() string { return lossNames[k] }

// ParseLoss reads a --loss value.
func ParseLoss(s string) (LossKind, error) {
	for i, n := range lossNames {
		if strings.EqualFold(s, n) {
			return LossKind(i), nil
		}
	}
	if strings.EqualFold(s, "log-cosh") {
		return LossLogCosh, nil
	}
	return 0, inputerr.Field("symreg.Options.Loss", "unknown loss %q (known: mse, l1, huber, logcosh)", s)
}

// rowLoss is the loss of one residual r = ŷ − y.
func rowLoss(kind LossKind, r, delta float64) float64 {
	switch kind {
	case LossL1:
		return math.Abs(r)
	case LossHuber:
		a := math.Abs(r)
		if a <= delta {
			return 0.5 * r * r
		}
		return delta * (a - 0.5*delta)
	case LossLogCosh:
		a := math.Abs(r)
		// log(cosh(a)) = a + log1p(exp(-2a)) − log 2, stable for large a.
		return a + math.Log1p(math.Exp(-2*a)) - math.Ln2
	}
	return r * r
}

// lossSum is the loss of predictions pred against y summed over the rows
// (weighted by w; nil: 1) and the sum of the weights, for a mean over one
// or many row blocks. ok is false if a prediction is not finite, so broken
// formulas lose every comparison. The squared error runs on the reduction
// kernels (accumulated in float64 for either precision; a non-finite
// prediction makes the sum non-finite); the other losses are a loop over
// rowLoss.
func lossSum[T kernels.Float](kind LossKind, delta float64, pred, y, w []T) (s, sw float64, ok bool) {
	n := len(pred)
	if w == nil {
		sw = float64(n)
	} else {
		sw = float64(kernels.Sum(w[:n]))
	}
	if kind == LossMSE {
		if w == nil {
			s = float64(kernels.SqDiff(pred, y))
		} else {
			s = float64(kernels.WSqDiff(w[:n], pred, y))
		}
		return s, sw, finite(s)
	}
	for i, p := range pred {
		pf := float64(p)
		if pf-pf != 0 { // NaN or ±Inf
			return 0, 0, false
		}
		l := rowLoss(kind, pf-float64(y[i]), delta)
		if w != nil {
			l *= float64(w[i])
		}
		s += l
	}
	return s, sw, true
}

// lossOf is the (weighted) mean loss of predictions pred against y, +Inf
// if any prediction is not finite.
func lossOf[T kernels.Float](kind LossKind, delta float64, pred, y, w []T) float64 {
	s, sw, ok := lossSum(kind, delta, pred, y, w)
	if !ok || !(sw > 0) {
		return math.Inf(1)
	}
	return s / sw
}

// lineFit accumulates the weighted least-squares line y ≈ a·pred + b over
// row blocks: per block the weighted means and centred (co)moments come
// from the reduction kernels, and blocks are merged with Chan's pairwise
// update, so the result does not lose digits to cancellation however many
// rows are streamed.
type lineFit struct {
	sw, mp, my, cpp, cpy float64
}

// addLine adds one block to l; d and wd are scratch of len(pred) values
// (wd unused without weights). It reports false if a prediction is not
// finite.
func addLine[T kernels.Float](l *lineFit, pred, y, w, d, wd []T) bool {
	n := len(pred)
	d, y = d[:n], y[:n]
	var sw, sp, sy float64
	if w == nil {
		sw, sp, sy = float64(n), float64(kernels.Sum(pred)), float64(kernels.Sum(y))
	} else {
		w = w[:n]
		sw, sp, sy = float64(kernels.Sum(w)), float64(kernels.Dot(w, pred)), float64(kernels.Dot(w, y))
	}
	if !finite(sp) {
		return false
	}
	if !(sw > 0) {
		return true
	}
	mp, my := sp/sw, sy/sw
	kernels.AddScalar(d, pred, T(-mp))
	var cpp, cpy float64
	if w == nil {
		cpp = float64(kernels.Dot(d, d))
		cpy = float64(kernels.Dot(d, y)) - my*float64(kernels.Sum(d))
	} else {
		wd = wd[:n]
		kernels.Mul(wd, d, w)
		cpp = float64(kernels.Dot(wd, d))
		cpy = float64(kernels.Dot(wd, y)) - my*float64(kernels.Sum(wd))
	}
	if l.sw == 0 {
		*l = lineFit{sw: sw, mp: mp, my: my, cpp: cpp, cpy: cpy}
		return true
	}
	tot := l.sw + sw
	dp, dy := mp-l.mp, my-l.my
	f := l.sw * sw / tot
	l.cpp += cpp + dp*dp*f
	l.cpy += cpy + dp*dy*f
	l.mp += dp * sw / tot
	l.my += dy * sw / tot
	l.sw = tot
	return true
}

// coef is the fitted line; ok is false if the predictions were constant.
func (l *lineFit) coef() (a, b float64, ok bool) {
	if !(l.cpp > 0) || !finite(l.cpp) {
		return 1, 0, false
	}
	a = l.cpy / l.cpp
	return a, l.my - a*l.mp, true
}

// applyLine replaces pred with a·pred+b.
func applyLine[T kernels.Float](pred []T, a, b float64) {
	kernels.MulScalar(pred, pred, T(a))
	kernels.AddScalar(pred, pred, T(b))
}

// linearScale replaces pred with a·pred+b, the weighted least-squares fit
// of y on pred; it reports false (pred unchanged) if pred is constant or
// not finite. d and wd are scratch as for addLine.
func linearScale[T kernels.Float](pred, y, w, d, wd []T) bool {
	var l lineFit
	if !addLine(&l, pred, y, w, d, wd) {
		return false
	}
	a, b, ok := l.coef()
	if ok {
		applyLine(pred, a, b)
	}
	return ok
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// baselineLoss is the loss of the best constant predictor (the weighted
// mean of y): costs are divided by it so parsimony means the same thing on
// any scale of y.
func baselineLoss(kind LossKind, delta float64, y, w []float64) float64 {
	var s, sw float64
	for i, v := range y {
		wi := 1.0
		if w != nil {
			wi = w[i]
		}
		s += wi * v
		sw += wi
	}
	m := s / sw
	pred := make([]float64, len(y))
	for i := range pred {
		pred[i] = m
	}
	l := lossOf(kind, delta, pred, y, w)
	if l <= 0 || math.IsNaN(l) || math.IsInf(l, 0) {
		return 1
	}
	return l
}
