package pipeline

import (
	"context"
	"fmt"
	"math"
	"slices"
)

// focus is stage 3: pick the top features by saliency and retrain on them
// alone (same split and seed as stage 1).
func (r *runner) focus(ctx context.Context) (Status, string, error) {
	names, rule, covered := r.pickTop()
	fo := &Focus{Features: names, Rule: rule, Covered: covered, Full: r.full.score, Baseline: r.res.Signal.Baseline}
	r.res.Focus = fo
	var cols []int
	for _, n := range names {
		cols = append(cols, slices.Index(r.tab.Features, n))
	}
	slices.Sort(cols) // table order, so the focused model sees columns as the full one does
	status, note := StatusDone, ""
	if len(cols) == len(r.all) {
		fo.Score, note = r.full.score, "the focus set is every feature: no retraining needed"
	} else {
		f, stopped, err := r.fit(ctx, cols, r.cfg.Train.Seed)
		if err != nil {
			return StatusFailed, "", err
		}
		fo.Score = f.score
		if stopped {
			status, note = StatusInterrupted, fmt.Sprintf("training stopped after %d steps", f.steps)
		}
	}
	full, base := float64(fo.Full.Value), float64(fo.Baseline.Value)
	fo.Kept = Num(math.NaN())
	if full > base {
		fo.Kept = Num((float64(fo.Score.Value) - base) / (full - base))
	}
	return status, note, nil
}

// pickTop returns the focus features, best first, how they were chosen,
// and their share of the saliency.
func (r *runner) pickTop() ([]string, string, float64) {
	rank := r.res.Attribution.Saliency
	k := r.cfg.Top
	rule := fmt.Sprintf("the %d most salient features (a fixed focus size)", k)
	if k == 0 {
		var cum float64
		for k < len(rank) && cum < r.cfg.Coverage-1e-12 {
			cum += rank[k].Score
			k++
		}
		rule = fmt.Sprintf("the fewest features holding %.0f%% of the saliency", 100*r.cfg.Coverage)
		if k > r.cfg.MaxTop {
			k = r.cfg.MaxTop
			rule += fmt.Sprintf(", capped at %d", k)
		}
	}
	k = min(max(k, 1), len(rank))
	var names []string
	var covered float64
	for _, f := range rank[:k] {
		names = append(names, f.Feature)
		covered += f.Score
	}
	return names, rule, covered
}
