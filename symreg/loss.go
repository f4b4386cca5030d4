package symreg

import (
	"math"
	"strings"

	"github.com/ansatz/ansatz/internal/inputerr"
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

// rowAt maps the k-th prediction to its data row (idx nil: row k, as when
// scoring all rows rather than a mini-batch) and that row's weight (w nil:
// 1). It is small enough to be inlined in the scoring loops.
func rowAt(k int, idx []int, w []float64) (row int, weight float64) {
	row, weight = k, 1
	if idx != nil {
		row = idx[k]
	}
	if w != nil {
		weight = w[row]
	}
	return row, weight
}

// lossOf is the (weighted) mean loss of predictions pred against y over
// rows idx (nil: all rows). It returns +Inf if any prediction is not finite,
// so broken formulas lose every comparison.
func lossOf(kind LossKind, delta float64, pred, y, w []float64, idx []int) float64 {
	var s, sw float64
	n := len(pred)
	for k := 0; k < n; k++ {
		i, _ := rowAt(k, idx, w)
		p := pred[k]
		if math.IsNaN(p) || math.IsInf(p, 0) {
			return math.Inf(1)
		}
		l := rowLoss(kind, p-y[i], delta)
		if w != nil {
			s += w[i] * l
			sw += w[i]
		} else {
			s += l
		}
	}
	if w == nil {
		sw = float64(n)
	}
	if sw <= 0 {
		return math.Inf(1)
	}
	return s / sw
}

// linearScale replaces pred with a·pred+b, the weighted least-squares fit
// of y on pred over the rows idx; it reports false if pred is constant.
func linearScale(pred, y, w []float64, idx []int) bool {
	var sw, sp, sy float64
	for k, p := range pred {
		i, wi := rowAt(k, idx, w)
		sw += wi
		sp += wi * p
		sy += wi * y[i]
	}
	if sw <= 0 {
		return false
	}
	mp, my := sp/sw, sy/sw
	var spp, spy float64
	for k, p := range pred {
		i, wi := rowAt(k, idx, w)
		spp += wi * (p - mp) * (p - mp)
		spy += wi * (p - mp) * (y[i] - my)
	}
	if spp <= 0 || math.IsNaN(spp) || math.IsInf(spp, 0) {
		return false
	}
	a := spy / spp
	b := my - a*mp
	for k := range pred {
		pred[k] = a*pred[k] + b
	}
	return true
}

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
	l := lossOf(kind, delta, pred, y, w, nil)
	if l <= 0 || math.IsNaN(l) || math.IsInf(l, 0) {
		return 1
	}
	return l
}
