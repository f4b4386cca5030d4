package fit

import (
	"math/rand/v2"
	"testing"

	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/model"
)

// table is y = x0·x1 + noise-free x2 (an irrelevant column) on n rows.
func table(n int) Table {
	rng := rand.New(rand.NewPCG(3, 4))
	t := Table{X: make([]float64, n*3), Y: make([]float64, n), N: n, Features: []string{"a", "b", "c"}, Target: "y"}
	for i := 0; i < n; i++ {
		for j := 0; j < 3; j++ {
			t.X[i*3+j] = rng.Float64()*2 - 1
		}
		t.Y[i] = t.X[i*3] * t.X[i*3+1]
	}
	return t
}

func TestTrainBothKinds(t *testing.T) {
	tab := table(300)
	for _, s := range []model.TrainConfig{
		{Model: "mlp", Hidden: []int{16}, Act: "tanh", LR: 1e-2, Epochs: 200, TestFrac: 0.25, ValFrac: 0.1, Seed: 1},
		{Model: "kan", Hidden: []int{3}, Grid: 5, K: 3, Steps: 30, TestFrac: 0.25, ValFrac: 0.1, Seed: 1},
	} {
		t.Run(s.Model, func(t *testing.T) {
			steps := 0
			s.OnStep = func(model.StepInfo) { steps++ }
			res, err := Train(s, tab)
			if err != nil {
				t.Fatalf("%s: %v", s.Model, err)
			}
			if res.Model.Net.Kind() != s.Model || res.Model.Task != model.Regression {
				t.Fatalf("%s: got a %s network for task %s", s.Model, res.Model.Net.Kind(), res.Model.Task)
			}
			if res.Test.N != 75 || res.Val.N != 23 || res.Train.N != 202 || res.Test.Metrics.N != 75 {
				t.Fatalf("%s: parts %d/%d/%d", s.Model, res.Train.N, res.Val.N, res.Test.N)
			}
			if res.Test.Metrics.R2 < 0.9 {
				t.Fatalf("%s: test R² %g after %+v", s.Model, res.Test.Metrics.R2, res.Result)
			}
			if steps != res.Steps || res.Params != len(res.Model.Net.Params()) {
				t.Fatalf("%s: %d callbacks, %+v", s.Model, steps, res.Result)
			}
		})
	}
}

// TestStop: TrainConfig.Stop ends either kind's training at the step it first
// answers true (it is asked before that step's OnStep) and the outcome
// says so.
func TestStop(t *testing.T) {
	tab := table(200)
	for _, kind := range []string{"mlp", "kan"} {
		t.Run(kind, func(t *testing.T) {
			steps := 0
			s := model.TrainConfig{Model: kind, Hidden: []int{4}, Grid: 3, K: 3, Steps: 50, ValFrac: 0.1, Seed: 2,
				OnStep: func(model.StepInfo) { steps++ },
				Stop:   func() bool { return steps >= 4 }}
			res, err := Train(s, tab)
			if err != nil {
				t.Fatalf("%s: %v", kind, err)
			}
			if res.Stopped != model.StopInterrupted || res.Steps != 5 || steps != 5 {
				t.Fatalf("%s: %+v after %d steps, want stopped at 5", kind, res.Result, steps)
			}
		})
	}
}

// TestSplitGiven: a given Split is used as is, whatever the seed.
func TestSplitGiven(t *testing.T) {
	tab := table(100)
	sp, err := model.SplitRows(100, 0.3, 0, 7)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Train(model.TrainConfig{Hidden: []int{2}, Epochs: 1, Seed: 99, Split: &sp}, tab)
	if err != nil {
		t.Fatal(err)
	}
	if res.Test.N != len(sp.Test) || res.Val.N != 0 {
		t.Fatalf("parts %d/%d/%d, split %d/%d/%d", res.Train.N, res.Val.N, res.Test.N, len(sp.Train), len(sp.Val), len(sp.Test))
	}
	for i, r := range sp.Test {
		if got, want := res.Test.X[i*3], res.Model.Standardize(tab.X[r*3:r*3+3], 1)[0]; got != want {
			t.Fatalf("test row %d is not table row %d", i, r)
		}
	}
}

func TestBadSpec(t *testing.T) {
	tab := table(50)
	for _, s := range []model.TrainConfig{
		{Model: "svm"},
		{Model: "kan", Width: "3,2,2"}, // regression needs one output
		{Model: "mlp", Hidden: []int{0}},
	} {
		t.Run(s.Model, func(t *testing.T) {
			_, err := Train(s, tab)
			if err == nil || !inputerr.Is(err) {
				t.Fatalf("%+v: error %v, want an input error", s, err)
			}
		})
	}
}
