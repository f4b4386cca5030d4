package kan

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/ansatz/ansatz/model"
)

// Problems a KAN must learn (pykan's examples), trained through the public API.

func relAddData(rng *rand.Rand, n int) model.Data {
	x := randRows(rng, n, 2, -0.9, 0.9)
	y := make([]float64, n)
	for r := range y {
		a, b := x[2*r], x[2*r+1]
		y[r] = (a + b) / (1 + a*b)
	}
	return model.Data{X: x, Y: y, N: n, D: 2}
}

func expSinData(rng *rand.Rand, n int) model.Data {
	x := randRows(rng, n, 2, -1, 1)
	y := make([]float64, n)
	for r := range y {
		y[r] = math.Exp(math.Sin(math.Pi*x[2*r]) + x[2*r+1]*x[2*r+1])
	}
	return model.Data{X: x, Y: y, N: n, D: 2}
}

func rmse(n *Net, d model.Data) float64 {
	out := make([]float64, d.N*n.NumOut())
	n.Forward(d.X, d.N, out)
	s := 0.0
	for q := range out {
		s += (out[q] - d.Y[q]) * (out[q] - d.Y[q])
	}
	return math.Sqrt(s / float64(len(out)))
}

// fitGrids trains at the first grid size, then extends the grid to each
// next size and trains again, returning the test RMSE after each stage.
func fitGrids(t *testing.T, n *Net, train, test model.Data, grids []int, steps int) (*Net, []float64) {
	t.Helper()
	var out []float64
	for s, G := range grids {
		if s > 0 {
			m, err := n.Refine(G, train.X, train.N)
			if err != nil {
				t.Fatal(err)
			}
			n = m
		}
		if _, err := n.Train(model.Regression, train, model.Data{}, model.TrainConfig{Steps: steps}); err != nil {
			t.Fatal(err)
		}
		out = append(out, rmse(n, test))
	}
	return n, out
}

// TestLearnsWithGridExtension trains each problem at the first grid size,
// extends the grid and trains again: the test RMSE ends below 1e-3 and,
// where it says so, falls at every extension.
func TestLearnsWithGridExtension(t *testing.T) {
	if testing.Short() {
		t.Skip("trains KANs for several seconds")
	}
	for _, c := range []struct {
		name     string
		data     func(*rand.Rand, int) model.Data
		seed     uint64
		width    string
		netSeed  uint64
		grids    []int
		steps    int
		improves bool // every extension lowers the test RMSE
	}{
		// With the wider hidden-grid margins of the default grids, G=12 stops
		// just above 1e-3 here (1.07e-3); one more extension goes below.
		{"relativistic addition", relAddData, 11, "2,5,1", 11, []int{3, 6, 12, 24}, 300, false},
		{"exp(sin(πx)+y²)", expSinData, 12, "2,1,1", 1, []int{3, 10, 20}, 200, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(c.seed, 1))
			train, test := c.data(rng, 1000), c.data(rng, 1000)
			_, r := fitGrids(t, newNet(t, c.width, 3, true, c.netSeed), train, test, c.grids, c.steps)
			t.Logf("test RMSE after G=%v: %.3g", c.grids, r)
			for s := 1; c.improves && s < len(r); s++ {
				if !(r[s] < r[s-1]) {
					t.Fatalf("grid extension did not lower the test RMSE: %g", r)
				}
			}
			if r[len(r)-1] > 1e-3 {
				t.Fatalf("test RMSE %g > 1e-3", r[len(r)-1])
			}
		})
	}
}

// Grid extension must not produce NaN on rank-deficient data (pykan
// issue #233): constant and duplicated inputs leave most new B-splines
// without samples.
func TestRefineRankDeficient(t *testing.T) {
	n := newNet(t, "2,3,1", 5, true, 2)
	x := make([]float64, 2*200)
	for r := 0; r < 200; r++ {
		x[2*r] = 0.3                      // constant input
		x[2*r+1] = float64(r%3)*0.5 - 0.5 // three distinct values, duplicated
	}
	n.UpdateGrid(x, 200)
	m, err := n.Refine(40, x, 200)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range m.Params() {
		if math.IsNaN(p) || math.IsInf(p, 0) {
			t.Fatal("non-finite parameter after refine")
		}
	}
	o1, o2 := make([]float64, 200), make([]float64, 200)
	n.Forward(x, 200, o1)
	m.Forward(x, 200, o2)
	for r := range o1 {
		if math.Abs(o1[r]-o2[r]) > 1e-6 {
			t.Fatalf("row %d: refined network gives %g, original %g", r, o2[r], o1[r])
		}
	}
}
