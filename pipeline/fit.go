package pipeline

import (
	"context"

	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/model/fit"
	"github.com/ansatz/ansatz/model/mlp"
)

// fitted is one trained network with its data parts (encoded with its own
// statistics), its score on the rows choices may see (chooseScore) and
// its held-out part, which only the test stage reads.
type fitted struct {
	m          *model.Model
	train, val model.Data
	steps      int
	chooseBy   Score
	held       fit.Part
}

// mlpBatch is the MLP's mini-batch (the knot notebook's 64-ish rows).
const mlpBatch = 64

// fit trains a network of the configured kind (model/fit, as `ansatz
// train` does) on the feature columns cols (indices into the table) with
// the run's split and the given seed for the initial weights and batch
// order. It reports whether ctx ended training early; the best
// parameters so far are kept then.
func (r *runner) fit(ctx context.Context, cols []int, seed uint64) (*fitted, bool, error) {
	names := make([]string, len(cols))
	for k, j := range cols {
		names[k] = r.tab.Features[j]
	}
	n, d := r.tab.Rows, len(cols)
	x := make([]float64, n*d)
	for k, j := range cols {
		col := r.tab.X[j]
		for i := 0; i < n; i++ {
			x[i*d+k] = col[i]
		}
	}
	res, err := fit.Train(r.spec(ctx, seed), fit.Table{X: x, Y: r.tab.Y, N: n, Features: names, Target: r.tab.Target})
	if err != nil {
		return nil, false, err
	}
	f := &fitted{m: res.Model, train: res.Train.Data, val: res.Val.Data, steps: res.Steps, held: res.Test,
		chooseBy: r.score(res.Val)}
	if res.Val.N == 0 {
		f.chooseBy = r.score(res.Train)
	}
	return f, res.Stopped == model.StopInterrupted, nil
}

// spec is the network and training settings of one fit of the run:
// cfg.Train with the run's split and task, the given seed, and the
// settings that suit the kind and the task.
func (r *runner) spec(ctx context.Context, seed uint64) model.TrainConfig {
	t := r.cfg.Train
	s := model.TrainConfig{Model: t.Model, Hidden: t.Hidden, Seed: seed, Task: r.task, Split: &r.split,
		Stop: func() bool { return ctx.Err() != nil }}
	if t.Model == "kan" {
		// One initialisation per fit: the pipeline fits several seeds
		// itself.
		s.Grid, s.K, s.Steps, s.Restarts = 5, 3, t.Steps, 1
		return s
	}
	// Smooth tanh units and a larger step fit real-valued laws far better
	// than ReLU (y = x0·x1 on 200 rows: test R² 0.9996 against 0.97);
	// classification keeps the knot notebook's ReLU with early stopping.
	s.Act, s.LR, s.Patience = string(mlp.Tanh), 3e-3, 0
	if r.task == model.Classification {
		s.Act, s.LR, s.Patience = string(mlp.ReLU), 1e-3, 20
	}
	s.Opt, s.Batch, s.Epochs = "adam", mlpBatch, r.epochs(len(r.split.Train))
	return s
}

// epochs is the MLP's epoch budget: the configured one, or enough passes
// for about 3000 Adam steps (small tables need many epochs, large ones
// few), between 3 and 500.
func (r *runner) epochs(trainRows int) int {
	if r.cfg.Train.Epochs > 0 {
		return r.cfg.Train.Epochs
	}
	perEpoch := (trainRows + mlpBatch - 1) / mlpBatch
	return min(max((3000+perEpoch-1)/perEpoch, 3), 500)
}

// score is a trained model's score on one part of the rows.
func (r *runner) score(p fit.Part) Score {
	if r.task == model.Classification {
		return Score{N: p.N, Value: Num(p.Metrics.Accuracy)}
	}
	return Score{N: p.N, Value: Num(p.Metrics.R2), RMSE: Num(p.Metrics.RMSE)}
}

// seen is the rows every choice is made on: the validation rows, or the
// training rows when the split has no validation rows.
func (r *runner) seen() []int {
	if len(r.split.Val) > 0 {
		return r.split.Val
	}
	return r.split.Train
}

// seenName says in prose which rows seen returns.
func (r *runner) seenName() string {
	if len(r.split.Val) > 0 {
		return "validation rows"
	}
	return "training rows (there are no validation rows)"
}

// fitData is f's training and validation rows together: the rows
// attribution reads.
func (f *fitted) fitData() model.Data {
	d := f.train
	return model.Data{X: append(d.X[:len(d.X):len(d.X)], f.val.X...), Y: append(d.Y[:len(d.Y):len(d.Y)], f.val.Y...),
		N: d.N + f.val.N, D: d.D}
}
