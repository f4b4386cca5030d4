package fit

import (
	"math"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/model/kan"
)

// TestKANDefaults: a KAN left at zero values gets range scaling, a grid
// schedule, steps and float64 decided from the rows, each said in
// Decided; the model's inputs then span [-1, 1] on the training rows.
func TestKANDefaults(t *testing.T) {
	tab := table(400)
	res, err := Train(model.TrainConfig{Model: "kan", Width: "3,2,1", Steps: 5, TestFrac: 0.25, ValFrac: 0.1, Seed: 1}, tab)
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(res.Decided, "; ")
	for _, want := range []string{"[-1,1]", "grid schedule [5 10 20 40]", "float64", "3 initialisations"} {
		if !strings.Contains(all, want) {
			t.Errorf("decided %q, want it to mention %q", all, want)
		}
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range res.Train.X {
		lo, hi = min(lo, v), max(hi, v)
	}
	if math.Abs(lo+1) > 1e-12 || math.Abs(hi-1) > 1e-12 {
		t.Errorf("training inputs span [%g, %g], want [-1, 1]", lo, hi)
	}
	if !res.Model.Net.(*kan.Net).Config().Float64 {
		t.Error("network is float32, want float64 for 270 rows")
	}
}

// TestGridSchedule: the schedule trains at each size while validation
// improves, counts its steps as one run and keeps the best stage; a
// decreasing schedule is an input error naming the field.
func TestGridSchedule(t *testing.T) {
	tab := table(600)
	var last int
	cfg := model.TrainConfig{Model: "kan", Width: "3,1,1", GridSchedule: []int{3, 6}, Steps: 40, Restarts: 1, TestFrac: 0.2, ValFrac: 0.2, Seed: 3,
		OnStep: func(s model.StepInfo) { last = s.Step }}
	res, err := Train(cfg, tab)
	if err != nil {
		t.Fatal(err)
	}
	if last != res.Steps || res.Steps <= 40 {
		t.Fatalf("last step reported %d, result %+v: want both stages counted", last, res.Result)
	}
	if g := res.Model.Net.(*kan.Net).Config().Grid; g != 6 || res.BestStep != res.Steps {
		t.Errorf("kept G=%d at step %d of %d, want the extended grid (it fits x·y better)", g, res.BestStep, res.Steps)
	}
	cfg.GridSchedule = []int{6, 3}
	if _, err := Train(cfg, tab); !inputerr.Is(err) || !strings.Contains(err.Error(), "GridSchedule") {
		t.Errorf("decreasing schedule: %v, want an input error on GridSchedule", err)
	}
}

// TestFloat32Kept: Float32 keeps a small KAN fit in float32, and given
// settings are not re-decided.
func TestFloat32Kept(t *testing.T) {
	cfg := model.TrainConfig{Model: "kan", Float32: true, Grid: 4, Steps: 3, Standardize: "yes"}
	got := decide(&cfg, 100)
	if cfg.Float64 || cfg.Grid != 4 || cfg.GridSchedule != nil || cfg.Steps != 3 || cfg.Standardize != "yes" || cfg.K != 3 {
		t.Fatalf("config after decide: %+v (decided %q)", cfg, got)
	}
}
