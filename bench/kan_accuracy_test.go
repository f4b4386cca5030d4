package bench

import (
	"math"
	"testing"

	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/symreg/expr"
)

// TestKANAccuracyLine: the accuracy suite trains the chosen problem and
// reports a finite held-out RMSE that a short fit already brings well
// below the target's spread, and the grid it kept.
func TestKANAccuracyLine(t *testing.T) {
	lines, err := KANAccuracy(KANAccuracyConfig{Base: model.TrainConfig{Steps: 30, GridSchedule: []int{5}, ValFrac: 0.1},
		TrainRows: 300, TestRows: 200, Problems: []string{"xy"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 1 || lines[0].Case != "xy held-out" || lines[0].Metric != "rmse" {
		t.Fatalf("lines %+v", lines)
	}
	if v := lines[0].Value; !(v < 0.05) || math.IsNaN(v) {
		t.Errorf("held-out RMSE %g, want < 0.05 (x·y has std 0.33)", v)
	}
	if g, _ := lines[0].Extra["grid"].(int); g != 5 {
		t.Errorf("grid %v, want 5: %+v", lines[0].Extra["grid"], lines[0].Extra)
	}
}

func TestKANProblemInputs(t *testing.T) {
	want := map[string]int{"velocity-addition": 2, "bessel": 1, "exp-sin-4d": 4}
	for _, p := range KANProblems {
		if w, ok := want[p.Name]; ok && p.Inputs() != w {
			t.Errorf("%s: %d inputs, want %d", p.Name, p.Inputs(), w)
		}
	}
}

// TestMaxRelErr: the snap check's error is relative to each value, with
// a floor near zero crossings.
func TestMaxRelErr(t *testing.T) {
	f, err := expr.Parse("x0*x1", []string{"x0", "x1"})
	if err != nil {
		t.Fatal(err)
	}
	x := []float64{1, 2, 3, 4}
	if e := maxRelErr(f, x, []float64{2, 12}, 2); e != 0 {
		t.Fatalf("exact law: error %g", e)
	}
	if e := maxRelErr(f, x, []float64{2, 12.12}, 2); math.Abs(e-0.12/12.12) > 1e-15 {
		t.Fatalf("error %g, want %g", e, 0.12/12.12)
	}
}
