package pipeline

import (
	"context"
	"fmt"

	"github.com/ansatz/ansatz/model"
)

// attribution is stage 2: gradient saliency and permutation importance on
// the training and validation rows of Repeats models (stage 1's and
// Repeats−1 more trained with the next seeds on the same split), ranked
// by mean with the standard deviation over models as spread. The test
// rows stay out: the ranking decides the focus set.
func (r *runner) attribution(ctx context.Context) (Status, string, error) {
	var sal, perm [][]float64
	rows := r.full.fitData()
	a := &Attribution{Rows: rows.N}
	status, note := StatusDone, ""
	for k := 0; k < r.cfg.Repeats; k++ {
		f := r.full
		if k > 0 {
			if ctx.Err() != nil {
				status, note = StatusInterrupted, fmt.Sprintf("%d of %d models done", k, r.cfg.Repeats)
				break
			}
			r.cfg.progress(Progress{Stage: StageAttribution, Step: fmt.Sprintf("model %d of %d", k+1, r.cfg.Repeats)})
			var stopped bool
			var err error
			if f, stopped, err = r.fit(ctx, r.all, r.cfg.Train.Seed+uint64(k)); err != nil {
				return StatusFailed, "", err
			}
			if stopped { // a half-trained model would blur the ranking
				status, note = StatusInterrupted, fmt.Sprintf("%d of %d models done", k, r.cfg.Repeats)
				break
			}
		}
		if k > 0 {
			rows = f.fitData()
		}
		sal = append(sal, model.Saliency(f.m, rows))
		perm = append(perm, model.Permutation(f.m, rows, r.cfg.Shuffles, r.cfg.Train.Seed+uint64(k)))
		a.RepeatScores = append(a.RepeatScores, f.chooseBy.Value)
	}
	a.Repeats = len(sal)
	a.Saliency = model.Rank(r.tab.Features, sal)
	a.Permutation = model.Rank(r.tab.Features, perm)
	r.res.Attribution = a
	return status, note, nil
}
