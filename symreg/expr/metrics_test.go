package expr

import (
	"math"
	"testing"
)

func TestComputeMetrics(t *testing.T) {
	y := []float64{1, 2, 3, 4}
	m := ComputeMetrics([]float64{1, 2, 3, 5}, y, nil)
	if m.MSE != 0.25 || m.RMSE != 0.5 || m.MaxErr != 1 || m.MAE != 0.25 || math.Abs(m.R2-(1-1/5.0)) > 1e-15 {
		t.Fatalf("%+v", m)
	}
	w := []float64{1, 1, 1, 0} // the only error is on a zero-weight row
	if m := ComputeMetrics([]float64{1, 2, 3, 5}, y, w); m.MSE != 0 || m.R2 != 1 || m.MaxErr != 0 {
		t.Fatalf("weighted: %+v", m)
	}
	if m := ComputeMetrics([]float64{1, math.NaN(), 3, 4}, y, nil); !math.IsInf(m.R2, -1) || !math.IsInf(m.RMSE, 1) {
		t.Fatalf("NaN prediction: %+v", m)
	}
}

func TestComplexityWeights(t *testing.T) {
	n, _ := Parse("sin(x0)*2 + x1", nil)
	if c := Complexity(n); c != 6 {
		t.Fatalf("node count %d", c)
	}
	w, err := ParseWeights("sin=3, const=2,var=1")
	if err != nil {
		t.Fatal(err)
	}
	if c := w.Complexity(n); c != 3+1+2+1+1+1 {
		t.Fatalf("weighted %d", c)
	}
	for _, bad := range []string{"sin", "foo=2", "exp=0", "cos=x"} {
		if _, err := ParseWeights(bad); err == nil {
			t.Errorf("ParseWeights(%q) accepted", bad)
		}
	}
}
