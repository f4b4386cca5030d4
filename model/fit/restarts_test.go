package fit

import (
	"math"
	"testing"

	"github.com/ansatz/ansatz/model"
)

// TestRestartsKeepBest: three initialisations on one split keep the run
// whose validation loss is the lowest of the three trained alone, and
// count every run's steps as one run.
func TestRestartsKeepBest(t *testing.T) {
	tab := table(300)
	sp, err := model.SplitRows(tab.N, 0.2, 0.2, 5)
	if err != nil {
		t.Fatal(err)
	}
	base := model.TrainConfig{Model: "kan", Width: "3,2,1", Grid: 3, Steps: 15, Split: &sp, Restarts: 1}
	best, steps := math.Inf(1), 0
	for r := range 3 {
		c := base
		c.Seed = 7 + uint64(r)
		res, err := Train(c, tab)
		if err != nil {
			t.Fatal(err)
		}
		best, steps = min(best, res.ValLoss), steps+res.Steps
	}
	var last int
	c := base
	c.Seed, c.Restarts = 7, 3
	c.OnStep = func(s model.StepInfo) { last = s.Step }
	res, err := Train(c, tab)
	if err != nil {
		t.Fatal(err)
	}
	if res.ValLoss != best {
		t.Errorf("kept validation loss %g, want the best single run's %g", res.ValLoss, best)
	}
	if res.Steps != steps || last != steps {
		t.Errorf("steps %d, last reported %d, want the runs' total %d", res.Steps, last, steps)
	}
}
