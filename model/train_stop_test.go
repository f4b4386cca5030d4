package model

import (
	"math"
	"testing"
)

// TestTrainStop checks that TrainConfig.Stop ends both optimisers at the
// step it first answers true, says so in the Result, and keeps the best
// validated parameters (the stop step itself is validated).
func TestTrainStop(t *testing.T) {
	for _, opt := range []TrainConfig{
		{Opt: "adam", LR: 0.05, Batch: 32, Epochs: 40, Seed: 1},
		{Opt: "lbfgs", Steps: 50},
	} {
		t.Run(opt.Opt, func(t *testing.T) {
			m, tr, va, _ := linearModel(t, []float64{2, -3, 0})
			const at = 7 // not a validation step for either optimiser
			steps, vals := 0, 0
			best := math.Inf(1)
			opt.OnStep = func(s StepInfo) {
				steps++
				if s.HaveVal {
					vals++
					best = min(best, s.ValLoss)
				}
			}
			opt.Stop = func() bool { return steps+1 >= at } // asked before OnStep of step `at`
			res, err := Train(m.Net, m.Task, tr, va, opt)
			if err != nil {
				t.Fatal(err)
			}
			if res.Stopped != StopInterrupted || res.Steps != at || steps != at {
				t.Fatalf("%s: result %+v after %d callbacks, want stopped at step %d", opt.Opt, res, steps, at)
			}
			if vals == 0 || res.ValLoss != best || res.BestStep < 1 || res.BestStep > at {
				t.Fatalf("%s: %+v, best validation loss seen %g in %d evaluations", opt.Opt, res, best, vals)
			}
			if got := (&trainer{net: m.Net, task: m.Task}).meanLoss(va, nil); got != res.ValLoss {
				t.Fatalf("%s: kept parameters have validation loss %g, result says %g", opt.Opt, got, res.ValLoss)
			}
		})
	}
}
