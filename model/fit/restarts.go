package fit

import (
	"math"

	"github.com/ansatz/ansatz/model"
)

// trainRestarts trains m.Net with trainStages and then, for a KAN with
// cfg.Restarts > 1, fresh networks from the seeds cfg.Seed+1, cfg.Seed+2,
// ... on the same split, and keeps in m.Net the run with the lowest
// validation loss (training loss without validation rows). A KAN's
// L-BFGS fit lands in initialisation-dependent optima whose held-out
// errors differ by up to 10× on the same data (mostly at the corners of
// the input box); on small tables a few runs cost little and validation
// tells the good ones. The Result's Steps count every run; BestStep is
// counted the same way.
func trainRestarts(m *model.Model, train, val model.Data, cfg model.TrainConfig, everyStage bool) (model.Result, error) {
	var total model.Result
	best, bestLoss := m.Net, math.Inf(1)
	runs := 1
	if cfg.Model == "kan" {
		runs = max(1, cfg.Restarts)
	}
	if on := cfg.OnStep; on != nil && runs > 1 {
		// Steps count on across runs, as one run.
		cfg.OnStep = func(s model.StepInfo) {
			s.Step += total.Steps
			s.Epoch = float64(s.Step)
			on(s)
		}
	}
	for r := range runs {
		if r > 0 {
			c := cfg
			c.Seed = cfg.Seed + uint64(r)
			net, err := Network(c, m)
			if err != nil {
				return total, err
			}
			m.Net = net
		}
		res, err := trainStages(m, train, val, cfg, everyStage)
		if err != nil {
			return total, err // m.Net is the failed run's, as a crash report wants
		}
		loss := res.ValLoss
		if val.N == 0 {
			loss = model.Evaluate(m, train).Loss
		}
		if loss < bestLoss || r == 0 {
			best, bestLoss = m.Net, loss
			total.BestStep, total.ValLoss = total.Steps+res.BestStep, res.ValLoss
		}
		total.Steps += res.Steps
		total.Stopped = res.Stopped
		if res.Stopped == model.StopInterrupted {
			break
		}
	}
	m.Net = best
	return total, nil
}
