package pipeline

import (
	"context"

	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/model/kan"
	"github.com/ansatz/ansatz/model/mlp"
)

// fitted is one trained network with its data parts (encoded with its own
// statistics) and its test score.
type fitted struct {
	m                *model.Model
	train, val, test model.Data
	steps            int
	score            Score
}

// mlpBatch is the MLP's mini-batch (the knot notebook's 64-ish rows).
const mlpBatch = 64

// fit trains a network of the configured kind on the feature columns
// cols (indices into the table) with the run's split and the given seed
// for the initial weights and batch order. It reports whether ctx ended
// training early (KAN only: the MLP trainer has no stop hook, so an
// interrupt takes effect after the current MLP fit).
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
	m, train, val, test, err := model.Prepare(x, r.tab.Y, n, names, r.tab.Target, r.task, r.split, true)
	if err != nil {
		return nil, false, err
	}
	nOut := 1
	if r.task == model.Classification {
		nOut = len(m.Classes)
	}
	f := &fitted{m: m, train: train, val: val, test: test}
	stopped := false
	if r.cfg.Model == "kan" {
		width := []kan.Nodes{{Sum: d}}
		for _, h := range r.cfg.Hidden {
			width = append(width, kan.Nodes{Sum: h})
		}
		width = append(width, kan.Nodes{Sum: nOut})
		kc := kan.DefaultConfig(width)
		kc.Grid, kc.Seed = 5, seed
		net, err := kan.New(kc)
		if err != nil {
			return nil, false, err
		}
		tc := kan.DefaultTrain()
		tc.Steps, tc.Seed = r.cfg.Steps, seed
		if r.task == model.Classification {
			tc.Loss = "ce"
		}
		err = net.Fit(kan.Data{X: train.X, Y: train.Y, N: train.N}, kan.Data{X: val.X, Y: val.Y, N: val.N}, tc,
			func(step int, _, _ float64) bool {
				f.steps = step + 1
				stopped = ctx.Err() != nil
				return !stopped
			})
		if err != nil {
			return nil, false, err
		}
		m.Net = net
	} else {
		// Smooth tanh units and a larger step fit real-valued laws far better
		// than ReLU (y = x0·x1 on 200 rows: test R² 0.9996 against 0.97);
		// classification keeps the knot notebook's ReLU with early stopping.
		act, lr, patience := mlp.Tanh, 3e-3, 0
		if r.task == model.Classification {
			act, lr, patience = mlp.ReLU, 1e-3, 20
		}
		net, err := mlp.New(mlp.Config{Hidden: r.cfg.Hidden, Act: act}, d, nOut, seed)
		if err != nil {
			return nil, false, err
		}
		m.Net = net
		res, err := model.Train(net, r.task, train, val, model.TrainOptions{
			Opt: "adam", LR: lr, Batch: mlpBatch, Epochs: r.epochs(train.N), Patience: patience, Seed: seed})
		if err != nil {
			return nil, false, err
		}
		f.steps = res.Steps
	}
	f.score = r.score(m, test)
	return f, stopped, nil
}

// epochs is the MLP's epoch budget: the configured one, or enough passes
// for about 3000 Adam steps (small tables need many epochs, large ones
// few), between 3 and 500.
func (r *runner) epochs(trainRows int) int {
	if r.cfg.Epochs > 0 {
		return r.cfg.Epochs
	}
	perEpoch := (trainRows + mlpBatch - 1) / mlpBatch
	return min(max((3000+perEpoch-1)/perEpoch, 3), 500)
}

// score is the test score of m on encoded rows d.
func (r *runner) score(m *model.Model, d model.Data) Score {
	mt := model.Evaluate(m, d)
	if r.task == model.Classification {
		return Score{N: d.N, Value: Num(mt.Accuracy)}
	}
	return Score{N: d.N, Value: Num(mt.R2), RMSE: Num(mt.RMSE)}
}
