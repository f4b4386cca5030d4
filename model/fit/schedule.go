package fit

import (
	"math"

	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/model/kan"
)

// stageGain is the factor by which a grid stage must lower the best
// validation loss so far for the schedule to go on: a finer grid that
// barely helps will not help at the next size either, and costs more.
const stageGain = 0.9

// trainStages trains m.Net with model.Train; with a grid schedule (a
// KAN), it trains at each grid size in turn, extending the grid between
// stages (kan.Net.Refine, pykan's grid extension), and keeps in m.Net
// the stage with the lowest validation loss (training loss without
// validation rows): a finer grid can overfit few rows. Unless everyStage,
// the schedule ends early when a stage does not lower that loss by
// stageGain (a schedule the user gave runs to its end: its coarse stages
// may not fit at all, J0(20x) on G=3 and G=5). The Result's
// Steps count all stages; BestStep is the kept stage's last step.
func trainStages(m *model.Model, train, val model.Data, cfg model.TrainConfig, everyStage bool) (model.Result, error) {
	net, ok := m.Net.(*kan.Net)
	if !ok || len(cfg.GridSchedule) < 2 {
		return model.Train(m.Net, m.Task, train, val, cfg)
	}
	var total model.Result
	best, bestLoss := net, math.Inf(1)
	if on := cfg.OnStep; on != nil {
		// Steps count on across stages, as one run.
		cfg.OnStep = func(s model.StepInfo) {
			s.Step += total.Steps
			s.Epoch = float64(s.Step)
			on(s)
		}
	}
	for s, G := range cfg.GridSchedule {
		if s > 0 {
			r, err := net.Refine(G, train.X, train.N)
			if err != nil {
				return total, err
			}
			net = r
			m.Net = net // what a checkpoint saves during this stage
		}
		res, err := model.Train(net, m.Task, train, val, cfg)
		if err != nil {
			return total, err
		}
		total.Steps += res.Steps
		prev := bestLoss
		total.Stopped = res.Stopped
		loss := res.ValLoss
		if val.N == 0 {
			m.Net = net
			loss = model.Evaluate(m, train).Loss
		}
		improved := loss < bestLoss
		if improved {
			best, bestLoss = net, loss
			total.BestStep, total.ValLoss = total.Steps, res.ValLoss
		}
		if res.Stopped == model.StopInterrupted || !everyStage && (!improved || loss > stageGain*prev) {
			break
		}
	}
	m.Net = best
	return total, nil
}
