package symreg

import (
	"math"
	"testing"
)

func TestLosses(t *testing.T) {
	y := []float64{1, 2, 3, 4}
	pred := []float64{1, 2, 3, 7} // one residual of 3
	for _, c := range []struct {
		k    LossKind
		want float64
	}{
		{LossMSE, 9.0 / 4},
		{LossL1, 3.0 / 4},
		{LossHuber, 1 * (3 - 0.5) / 4},
		{LossLogCosh, math.Log(math.Cosh(3)) / 4},
	} {
		t.Run(c.k.String(), func(t *testing.T) {
			if got := lossOf(c.k, 1, pred, y, nil); math.Abs(got-c.want) > 1e-12 {
				t.Errorf("%v: %g, want %g", c.k, got, c.want)
			}
		})
	}
	w := []float64{1, 1, 1, 0}
	if got := lossOf(LossMSE, 1, pred, y, w); got != 0 {
		t.Errorf("zero weight counted: %g", got)
	}
	if got := lossOf(LossMSE, 1, []float64{1, math.NaN(), 3, 4}, y, nil); !math.IsInf(got, 1) {
		t.Errorf("NaN prediction scored %g", got)
	}
	// log-cosh stays finite far out.
	if got := rowLoss(LossLogCosh, 1e6, 1); math.Abs(got-(1e6-math.Ln2)) > 1e-6 {
		t.Errorf("log-cosh(1e6) = %g", got)
	}
}

func TestLinearScale(t *testing.T) {
	y := []float64{3, 5, 7, 9}
	pred := []float64{1, 2, 3, 4} // y = 2·pred + 1
	if !linearScale(pred, y, nil, make([]float64, 4), nil) {
		t.Fatal("scaling failed")
	}
	for i := range y {
		if math.Abs(pred[i]-y[i]) > 1e-12 {
			t.Fatalf("scaled %v, want %v", pred, y)
		}
	}
	if linearScale([]float64{2, 2, 2, 2}, y, nil, make([]float64, 4), nil) {
		t.Fatal("constant prediction cannot be scaled")
	}
	if b := baselineLoss(LossMSE, 1, y, nil); math.Abs(b-5) > 1e-12 {
		t.Fatalf("baseline %g, want 5", b)
	}
}
