package pipeline

import (
	"context"
	"fmt"
	"math"

	"github.com/ansatz/ansatz/model"
)

// maxScatter bounds the (actual, predicted) pairs kept for charts.
const maxScatter = 400

// signal is stage 1: train on all features and score on the validation
// rows (the test stage later scores it on the test rows and against the
// trivial predictor).
func (r *runner) signal(ctx context.Context) (Status, string, error) {
	r.cfg.progress(Progress{Stage: StageSignal, Step: fmt.Sprintf("training on all %d features", len(r.all))})
	f, stopped, err := r.fit(ctx, r.all, r.cfg.Train.Seed)
	if err != nil {
		return StatusFailed, "", err
	}
	r.full = f
	s := &Signal{Metric: "r2", Train: len(r.split.Train), Val: len(r.split.Val), Test: len(r.split.Test),
		ValModel: f.chooseBy, Params: len(f.m.Net.Params()), Steps: f.steps}
	if r.task == model.Classification {
		s.Metric = "accuracy"
		r.res.Classes = f.m.Classes
	}
	s.Network = network(f)
	r.res.Signal = s
	if stopped {
		return StatusInterrupted, fmt.Sprintf("training stopped after %d steps", f.steps), nil
	}
	return StatusDone, "", nil
}

// judgeSignal is the test stage's part for stage 1: the model and the
// trivial predictor on the test rows, the verdict, and the test pairs
// (or confusion counts) for the charts.
func (r *runner) judgeSignal() {
	s, f := r.res.Signal, r.full
	s.Model, s.Baseline = r.score(f.held), r.baseline(r.split.Test)
	test := f.held.Data
	if r.task == model.Classification {
		k := len(f.m.Classes)
		s.Confusion = make([][]int, k)
		for c := range s.Confusion {
			s.Confusion[c] = make([]int, k)
		}
		out := f.m.Outputs(test.X, test.N)
		for i := 0; i < test.N; i++ {
			pred := argmax(out[i*k : (i+1)*k])
			s.Confusion[int(test.Y[i])][pred]++
			if i < maxScatter {
				s.Scatter = append(s.Scatter, Point{Num(f.m.Classes[int(test.Y[i])]), Num(f.m.Classes[pred])})
			}
		}
	} else {
		pred := f.m.Decode(f.m.Outputs(test.X, test.N), test.N)
		for k, i := range r.split.Test[:min(len(r.split.Test), maxScatter)] {
			s.Scatter = append(s.Scatter, Point{Num(r.tab.Y[i]), Num(pred[k])})
		}
	}
	s.Verdict = verdict(s)
}

// baseline scores the trivial predictor on the given rows: the mean of
// the training targets (regression) or their most common class.
func (r *runner) baseline(rows []int) Score {
	y := r.tab.Y
	if r.task == model.Classification {
		count := map[float64]int{}
		best, bestN := 0.0, -1
		for _, i := range r.split.Train {
			count[y[i]]++
		}
		for _, i := range r.split.Train { // ties go to the smaller class value
			if c := count[y[i]]; c > bestN || (c == bestN && y[i] < best) {
				best, bestN = y[i], c
			}
		}
		hit := 0
		for _, i := range rows {
			if y[i] == best {
				hit++
			}
		}
		return Score{N: len(rows), Value: Num(float64(hit) / float64(len(rows)))}
	}
	var mean float64
	for _, i := range r.split.Train {
		mean += y[i]
	}
	mean /= float64(len(r.split.Train))
	pred, truth := make([]float64, len(rows)), make([]float64, len(rows))
	for k, i := range rows {
		pred[k], truth[k] = mean, y[i]
	}
	r2, rmse := regScore(truth, pred)
	return Score{N: len(pred), Value: Num(r2), RMSE: Num(rmse)}
}

// regScore is R² (about y's own mean) and RMSE of pred against y.
func regScore(y, pred []float64) (r2, rmse float64) {
	var mean, sse, sst float64
	for _, v := range y {
		mean += v
	}
	mean /= float64(len(y))
	for i, v := range y {
		sse += (pred[i] - v) * (pred[i] - v)
		sst += (v - mean) * (v - mean)
	}
	rmse = math.Sqrt(sse / float64(len(y)))
	if sst == 0 {
		return math.NaN(), rmse
	}
	return 1 - sse/sst, rmse
}

// verdict says in one sentence how much signal the model found.
func verdict(s *Signal) string {
	m, b := float64(s.Model.Value), float64(s.Baseline.Value)
	if s.Metric == "accuracy" {
		switch {
		case m-b >= 0.2 || (b < 1 && (m-b)/(1-b) >= 0.5):
			return fmt.Sprintf("Strong signal: accuracy %.3f against %.3f for always guessing the most common class.", m, b)
		case m-b >= 0.03:
			return fmt.Sprintf("Some signal: accuracy %.3f against %.3f for the most common class.", m, b)
		}
		return fmt.Sprintf("No clear signal: accuracy %.3f is close to %.3f for the most common class.", m, b)
	}
	switch {
	case m >= 0.9:
		return fmt.Sprintf("Strong signal: the model explains %.1f%% of the test variance; predicting the mean explains none.", 100*m)
	case m >= 0.3:
		return fmt.Sprintf("Some signal: the model explains %.1f%% of the test variance.", 100*m)
	}
	return fmt.Sprintf("No clear signal: test R² %.3f is close to the mean predictor's %.3f.", m, b)
}

// argmax is the index of the largest value (the first on ties), as the
// model's own class decision.
func argmax(v []float64) int {
	best := 0
	for j := range v {
		if v[j] > v[best] {
			best = j
		}
	}
	return best
}
