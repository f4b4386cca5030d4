package kan

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/model"
)

func init() {
	RegisterSymbolic("test-sin", math.Sin, math.Cos)
	RegisterSymbolic("test-sq", func(u float64) float64 { return u * u }, func(u float64) float64 { return 2 * u })
}

// mixedNet is a 2,3+1x2,1 network with one edge fixed in each layer.
func mixedNet(t *testing.T) *Net {
	t.Helper()
	n := newNet(t, "2,3+1x2,1", 4, true, 3)
	m, err := n.FixSymbolic(0, 1, 2, "test-sin", [4]float64{1.3, 0.2, 0.7, -0.1})
	if err != nil {
		t.Fatal(err)
	}
	if m, err = m.FixSymbolic(1, 0, 0, "test-sq", [4]float64{0.8, -0.3, 1.1, 0.05}); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestFixSymbolicActivations: a fixed edge computes c·f(a·x+b)+d, the
// other edges of the layer are unchanged, and the output follows.
func TestFixSymbolicActivations(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 9))
	x := randRows(rng, 20, 2, -1, 1)
	n := newNet(t, "2,3,1", 4, true, 3)
	m, err := n.FixSymbolic(0, 1, 2, "test-sin", [4]float64{1.3, 0.2, 0.7, -0.1})
	if err != nil {
		t.Fatal(err)
	}
	_, an := n.Activations(x, 20)
	_, am := m.Activations(x, 20)
	for r := 0; r < 20; r++ {
		for q := 0; q < 6; q++ {
			k := r*6 + q
			want := an[0][k]
			if q == 1*3+2 {
				want = 0.7*math.Sin(1.3*x[2*r+1]+0.2) - 0.1
			}
			if math.Abs(am[0][k]-want) > 1e-12 {
				t.Fatalf("row %d edge %d: activation %g, want %g", r, q, am[0][k], want)
			}
		}
	}
	if _, err := n.FixSymbolic(0, 1, 2, "no-such-fn", [4]float64{}); err == nil || !strings.Contains(err.Error(), "no-such-fn") {
		t.Errorf("unknown function: %v", err)
	}
	if _, err := m.FixSymbolic(0, 1, 2, "test-sq", [4]float64{}); err == nil {
		t.Error("fixing an edge twice: no error")
	}
}

// TestMixedGradient: backward through fixed edges of both layers (their
// affine parameters and inputs) agrees with finite differences.
func TestMixedGradient(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 9))
	x := randRows(rng, 31, 2, -1.2, 1.2)
	checkGrad(t, mixedNet(t), x, 31, 1e-6)
}

// TestMixedRoundTrip: a mixed network survives the model file and
// predicts the same; it trains (the spline edges and the fixed edges'
// affine parameters) to a lower loss; pruning it is refused.
func TestMixedRoundTrip(t *testing.T) {
	m := mixedNet(t)
	b, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	u, err := Unmarshal(b)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 9))
	x := randRows(rng, 50, 2, -1, 1)
	o1, o2 := make([]float64, 50), make([]float64, 50)
	m.Forward(x, 50, o1)
	u.Forward(x, 50, o2)
	for r := range o1 {
		if o1[r] != o2[r] {
			t.Fatalf("row %d: %g before the file, %g after", r, o1[r], o2[r])
		}
	}
	if se, _ := u.Symbolic(); len(se) != 2 || se[1].Fn != "test-sq" {
		t.Errorf("symbolic edges after the file: %+v", se)
	}
	y := make([]float64, 50)
	for r := range y {
		y[r] = math.Sin(2*x[2*r]) * x[2*r+1]
	}
	d := model.Data{X: x, Y: y, N: 50, D: 2}
	before := mseNet(u, d)
	_, p0 := u.Symbolic()
	if _, err := u.Train(model.Regression, d, model.Data{}, model.TrainConfig{Steps: 30}); err != nil {
		t.Fatal(err)
	}
	_, p1 := u.Symbolic()
	if after := mseNet(u, d); !(after < before/2) || p0[0] == p1[0] {
		t.Errorf("training the mixed network: MSE %g -> %g, affine %v -> %v", before, after, p0[0], p1[0])
	}
	if _, _, _, err := u.Prune(x, 50, 0.01, 0.03); err == nil {
		t.Error("pruning a mixed network: no error")
	}
}

func mseNet(n *Net, d model.Data) float64 {
	out := make([]float64, d.N)
	n.Forward(d.X, d.N, out)
	s := 0.0
	for r, v := range out {
		s += (v - d.Y[r]) * (v - d.Y[r])
	}
	return s / float64(d.N)
}
