package pipeline

import (
	"context"
	"fmt"
	"math"

	"github.com/ansatz/ansatz/model"
)

// maxScatter bounds the (actual, predicted) pairs kept for charts.
const maxScatter = 400

// signal is stage 1: train on all features, score on the test rows, and
// compare with the trivial predictor.
func (r *runner) signal(ctx context.Context) (Status, string, error) {
	f, stopped, err := r.fit(ctx, r.all, r.cfg.Train.Seed)
	if err != nil {
		return StatusFailed, "", err
	}
	r.full = f
	s := &Signal{Metric: "r2", Train: len(r.split.Train), Val: len(r.split.Val), Test: len(r.split.Test),
		Model: f.score, Baseline: r.baseline(), Params: len(f.m.Net.Params()), Steps: f.steps}
	if r.task == model.Classification {
		s.Metric = "accuracy"
		r.res.Classes = f.m.Classes
		k := len(f.m.Classes)
		s.Confusion = make([][]int, k)
		for c := range s.Confusion {
			s.Confusion[c] = make([]int, k)
		}
		out := f.m.Outputs(f.test.X, f.test.N)
		for i := 0; i < f.test.N; i++ {
			s.Confusion[int(f.test.Y[i])][argmax(out[i*k:(i+1)*k])]++
		}
	} else {
		pred := f.m.Decode(f.m.Outputs(f.test.X, f.test.N), f.test.N)
		for k, i := range r.split.Test[:min(len(r.split.Test), maxScatter)] {
			s.Scatter = append(s.Scatter, Point{Num(r.tab.Y[i]), Num(pred[k])})
		}
	}
	s.Verdict = verdict(s)
	r.res.Signal = s
	if stopped {
		return StatusInterrupted, fmt.Sprintf("training stopped after %d steps", f.steps), nil
	}
	return StatusDone, "", nil
}

// baseline scores the trivial predictor on the test rows: the mean of the
// training targets (regression) or their most common class.
func (r *runner) baseline() Score {
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
		for _, i := range r.split.Test {
			if y[i] == best {
				hit++
			}
		}
		return Score{N: len(r.split.Test), Value: Num(float64(hit) / float64(len(r.split.Test)))}
	}
	var mean float64
	for _, i := range r.split.Train {
		mean += y[i]
	}
	mean /= float64(len(r.split.Train))
	pred := make([]float64, len(r.split.Test))
	for k := range pred {
		pred[k] = mean
	}
	r2, rmse := regScore(r.testY(), pred)
	return Score{N: len(pred), Value: Num(r2), RMSE: Num(rmse)}
}

// testY is the raw target of the test rows.
func (r *runner) testY() []float64 {
	out := make([]float64, len(r.split.Test))
	for k, i := range r.split.Test {
		out[k] = r.tab.Y[i]
	}
	return out
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
