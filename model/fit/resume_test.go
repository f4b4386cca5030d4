package fit

import (
	"testing"

	"github.com/ansatz/ansatz/model"
)

// A checkpoint taken at step 6 (AtStep, through TrainConfig.Checkpoint)
// resumes at step 7 and trains to the same budget, for either kind; the
// finished model's settings start from step 1 again.
func TestResumeGoesOnFromCheckpoint(t *testing.T) {
	tab := table(200)
	for _, s := range []model.TrainConfig{
		{Model: "mlp", Hidden: []int{8}, Steps: 20, Seed: 1},
		{Model: "kan", Hidden: []int{3}, Grid: 5, K: 3, Steps: 12, Seed: 1},
	} {
		t.Run(s.Model, func(t *testing.T) {
			var ck *model.Model
			s.Checkpoint = func(m *model.Model, step int) {
				if step == 6 {
					var err error
					if ck, err = AtStep(m, step); err != nil {
						t.Fatal(err)
					}
					ck = mustReload(t, ck) // as --resume reads it: a file
				}
			}
			if _, err := Train(s, tab); err != nil {
				t.Fatal(err)
			}
			first := 0
			res, err := Resume(ck, tab, model.TrainConfig{OnStep: func(i model.StepInfo) {
				if first == 0 {
					first = i.Step
				}
			}})
			if err != nil {
				t.Fatal(err)
			}
			if first != 7 || res.Steps != s.Steps {
				t.Fatalf("resumed at step %d, ended at %d; want 7 and %d", first, res.Steps, s.Steps)
			}
			if done, err := AtStep(res.Model, 0); err != nil || string(done.Config) != string(res.Model.Config) {
				t.Errorf("finished model's settings keep a step count: %s", res.Model.Config)
			}
			other := table(200)
			other.Features = []string{"a", "b", "d"}
			if _, err := Resume(ck, other, model.TrainConfig{}); err == nil {
				t.Error("resumed on other columns")
			}
		})
	}
}

func mustReload(t *testing.T, m *model.Model) *model.Model {
	b, err := m.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	back, err := model.Unmarshal(b)
	if err != nil {
		t.Fatal(err)
	}
	return back
}
