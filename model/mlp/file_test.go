package mlp_test

import (
	"math"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/model/mlp"
)

// TestModelFileRoundTrip: a trained MLP saved and loaded predicts bit for
// bit the same, in both precisions.
func TestModelFileRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	n := 200
	x, y := make([]float64, n*3), make([]float64, n)
	for i := 0; i < n; i++ {
		for j := 0; j < 3; j++ {
			x[i*3+j] = rng.NormFloat64()*float64(j+1) + 5
		}
		y[i] = math.Sin(x[i*3]) + x[i*3+1]
	}
	split, _ := model.SplitRows(n, 0.25, 0.1, 3)
	for _, f64 := range []bool{false, true} {
		m, tr, va, _, err := model.Prepare(x, y, n, []string{"p", "q", "r"}, "y", model.Regression, split, true)
		if err != nil {
			t.Fatal(err)
		}
		m.Net, _ = mlp.New(mlp.Config{Hidden: []int{8, 8}, Act: mlp.SiLU, Float64: f64}, 3, 1, 2)
		if _, err := model.Train(m.Net, m.Task, tr, va, model.TrainConfig{LR: 1e-2, Batch: 32, Epochs: 3, Seed: 1}); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "m.model")
		if err := m.Save(path); err != nil {
			t.Fatal(err)
		}
		back, err := model.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		p1, p2 := m.Predict(x, n), back.Predict(x, n)
		for i := range p1 {
			if math.Float64bits(p1[i]) != math.Float64bits(p2[i]) {
				t.Fatalf("float64=%v row %d: %v before save, %v after load", f64, i, p1[i], p2[i])
			}
		}
		if back.Net.Kind() != mlp.Kind || back.Features[2] != "r" || back.YStd != m.YStd {
			t.Fatalf("loaded model differs: %+v", back)
		}
	}
}
