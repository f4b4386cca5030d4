package snap

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/model/kan"
)

// TestSparsifyDropsNodes: a 2,5,1 KAN trained without penalty on
// velocity addition (one hidden node suffices: tanh(atanh x + atanh y))
// comes back from Sparsify with fewer hidden nodes and still accurate.
func TestSparsifyDropsNodes(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a KAN three times (~2 s)")
	}
	w, _ := kan.ParseWidth("2,5,1")
	c := kan.DefaultConfig(w)
	c.Grid, c.Float64, c.Seed = 5, true, 1
	net, err := kan.New(c)
	if err != nil {
		t.Fatal(err)
	}
	x, y := relAdd(rand.New(rand.NewPCG(5, 6)), 400)
	d := model.Data{X: x, Y: y, N: 400, D: 2}
	if _, err := net.Train(model.Regression, d, model.Data{}, model.TrainConfig{Steps: 150}); err != nil {
		t.Fatal(err)
	}
	s := Sparsify(net, x, y, 400, DefaultSparsify())
	if h := s.Width()[1].Count(); h >= 5 {
		t.Fatalf("sparse network keeps %d hidden nodes", h)
	}
	if e := mseOf(s, d); e > 1e-4 {
		t.Fatalf("sparse network MSE %g", e)
	}
}

// TestSparsifyGathersExpSin: a 2,5,1 KAN fitted without penalty to
// exp(sin(πx)+y²) spreads it over several hidden nodes that a penalised
// refit of the dense network keeps; the coarse fresh start (pykan's own
// recipe) gathers it into the one node the law needs, still accurate.
func TestSparsifyGathersExpSin(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a KAN five times (~3 s)")
	}
	rng := rand.New(rand.NewPCG(7, 8))
	const n = 500
	x, y := make([]float64, 2*n), make([]float64, n)
	for r := range y {
		a, b := 2*rng.Float64()-1, 2*rng.Float64()-1
		x[2*r], x[2*r+1] = a, b
		y[r] = math.Exp(math.Sin(math.Pi*a)+b*b) - 2.5 // about mean 0
	}
	w, _ := kan.ParseWidth("2,5,1")
	c := kan.DefaultConfig(w)
	c.Grid, c.Float64, c.Seed = 10, true, 2
	net, err := kan.New(c)
	if err != nil {
		t.Fatal(err)
	}
	d := model.Data{X: x, Y: y, N: n, D: 2}
	if _, err := net.Train(model.Regression, d, model.Data{}, model.TrainConfig{Steps: 300}); err != nil {
		t.Fatal(err)
	}
	s := Sparsify(net, x, y, n, DefaultSparsify())
	if h := s.Width()[1].Count(); h != 1 {
		t.Errorf("sparse network keeps %d hidden nodes, want 1", h)
	}
	if e, v := mseOf(s, d), variance(y); e > 1e-4*v {
		t.Errorf("sparse network MSE %g (target variance %g)", e, v)
	}
}
