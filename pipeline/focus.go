package pipeline

import (
	"context"
	"fmt"
	"math"
	"slices"
)

// focus is stage 3: retrain on the top 1, 2, ... features by saliency
// (same split and seed as stage 1) and keep the fewest that do nearly as
// well, on the validation rows, as the best of them (see pickFocus); the
// rest of the inputs-kept curve follows. The test stage adds the test
// scores.
func (r *runner) focus(ctx context.Context) (Status, string, error) {
	cands, rule := r.candidates()
	fo := &Focus{Rule: rule}
	r.res.Focus = fo
	models := map[int]*fitted{len(r.all): r.full}
	// The fits the focus rule needs come first; the curve's others after.
	need := []int{cands}
	if r.cfg.Top == 0 {
		need = need[:0]
		for k := 1; k <= cands; k++ {
			need = append(need, k)
		}
	}
	sizes := slices.Concat(need, r.curveSizes())
	slices.Sort(sizes)
	sizes = slices.Compact(sizes)
	order := slices.Concat(need, slices.DeleteFunc(slices.Clone(sizes), func(k int) bool { return slices.Contains(need, k) }))
	status, note := StatusDone, ""
	for _, k := range order {
		if models[k] != nil {
			continue
		}
		if ctx.Err() != nil {
			status, note = StatusInterrupted, "interrupted before every model of the focus stage was trained"
			break
		}
		r.cfg.progress(Progress{Stage: StageFocus, Step: fmt.Sprintf("model on the top %d features", k)})
		f, stopped, err := r.fit(ctx, r.topCols(k), r.cfg.Train.Seed)
		if err != nil {
			return StatusFailed, "", err
		}
		if stopped { // a half-trained model would mislead the choice
			status, note = StatusInterrupted, fmt.Sprintf("training on the top %d features stopped after %d steps", k, f.steps)
			break
		}
		models[k] = f
	}
	k := r.pickFocus(need, models)
	if k == 0 {
		return status, note, nil
	}
	rank := r.res.Attribution.Saliency
	for _, f := range rank[:k] {
		fo.Features = append(fo.Features, f.Feature)
		fo.Covered += f.Score
	}
	r.focused = models[k]
	fo.Val = r.focused.chooseBy
	prev := 0
	for _, n := range sizes {
		f := models[n]
		if f == nil {
			continue // interrupted before this one
		}
		p := CurvePoint{Inputs: n, Val: f.chooseBy.Value, Test: Num(math.NaN())}
		if n == prev+1 {
			p.Added = rank[n-1].Feature
		}
		prev = n
		fo.Curve = append(fo.Curve, p)
		r.curve = append(r.curve, f)
	}
	if k == len(r.all) && note == "" {
		note = "the focus set is every feature"
	}
	return status, note, nil
}

// topCols are the table columns of the k most salient features, in table
// order (so a focused model sees columns as the full one does).
func (r *runner) topCols(k int) []int {
	cols := make([]int, k)
	for i, f := range r.res.Attribution.Saliency[:k] {
		cols[i] = slices.Index(r.tab.Features, f.Feature)
	}
	slices.Sort(cols)
	return cols
}

// candidates is how many top features the focus set may hold and the
// rule that chose it: Top, or the fewest holding Coverage of the saliency,
// at most MaxTop.
func (r *runner) candidates() (int, string) {
	rank := r.res.Attribution.Saliency
	if r.cfg.Top > 0 {
		k := min(r.cfg.Top, len(rank))
		return k, fmt.Sprintf("the %d most salient features (a fixed focus size)", k)
	}
	k, cum := 0, 0.0
	for k < len(rank) && cum < r.cfg.Coverage-1e-12 {
		cum += rank[k].Score
		k++
	}
	rule := fmt.Sprintf("the fewest top features whose network keeps %.0f%% of the best validation skill (score above the trivial predictor) among networks on the top 1 to %d features, those holding %.0f%% of the saliency",
		100*r.cfg.Keep, max(k, 1), 100*r.cfg.Coverage)
	if k > r.cfg.MaxTop {
		k = r.cfg.MaxTop
		rule = fmt.Sprintf("the fewest top features whose network keeps %.0f%% of the best validation skill (score above the trivial predictor) among networks on the top 1 to %d features (those holding %.0f%% of the saliency, capped at %d)",
			100*r.cfg.Keep, k, 100*r.cfg.Coverage, k)
	}
	return max(k, 1), rule
}

// pickFocus is the size of the focus set among the trained sizes need:
// the only one for a fixed Top; else the fewest whose validation score
// keeps Keep of the best skill above the trivial predictor. 0 when none
// was trained.
func (r *runner) pickFocus(need []int, models map[int]*fitted) int {
	base := float64(r.baseline(r.seen()).Value)
	best := math.Inf(-1)
	for _, k := range need {
		if f := models[k]; f != nil {
			best = math.Max(best, float64(f.chooseBy.Value))
		}
	}
	for _, k := range need {
		if f := models[k]; f != nil && float64(f.chooseBy.Value)-base >= r.cfg.Keep*(best-base) {
			return k
		}
	}
	return 0
}

// curveSizes are the input counts of the inputs-kept curve beyond the
// focus stage's own fits: 1..CurveMax (below the number of features) and
// all features; just all features when CurveMax is 0.
func (r *runner) curveSizes() []int {
	sizes := []int{len(r.all)}
	for k := 1; k <= r.cfg.CurveMax && k < len(r.all); k++ {
		sizes = append(sizes, k)
	}
	return sizes
}
