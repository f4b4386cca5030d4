package snap

import (
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
