package kan

import (
	"github.com/ansatz/ansatz/kernels"
)

// prepareKnots brings the engine's prepared knot vectors up to date with
// the layers' knots (a grid update or refit replaces them), before a pass
// evaluates them from several goroutines.
func (e *eng[T]) prepareKnots() {
	net := e.net
	K := net.cfg.K
	if len(e.knots) != len(net.layers) {
		e.knots = make([][]*kernels.Knots, len(net.layers))
	}
	for l, ly := range net.layers {
		if len(e.knots[l]) != ly.nIn {
			e.knots[l] = make([]*kernels.Knots, ly.nIn)
		}
		for i, t := range ly.knots {
			if ly.uniform[i] || e.knots[l][i].Equal(t, K) {
				continue
			}
			kn, err := kernels.NewKnots(t, K)
			if err != nil {
				panic("kan: layer knots: " + err.Error()) // knots are built by this package
			}
			e.knots[l][i] = kn
		}
	}
}

// basis evaluates the local B-spline basis of layer input i on col: the
// uniform-grid kernel while the grid is uniform, the general-knot one
// after a grid update made it adaptive; both in T.
func (e *eng[T]) basis(l, i int, col []T, idx []int32, val, der []T) {
	K := e.net.cfg.K
	ly := e.net.layers[l]
	if ly.uniform[i] {
		t := ly.knots[i]
		G := e.net.cfg.Grid
		kernels.BasisLocal(col, kernels.Grid{Lo: t[K], Hi: t[K+G], G: G, K: K}, idx, val, der)
		return
	}
	kernels.BasisLocalKnots(col, e.knots[l][i], idx, val, der)
}

// basisAt evaluates the local basis of an arbitrary knot vector at x in
// float64 (for least-squares refits): idx per point and K+1 values each.
func basisAt(x, knots []float64, K int) ([]int32, []float64) {
	idx := make([]int32, len(x))
	val := make([]float64, len(x)*(K+1))
	kernels.BasisLocalKnots64(x, knots, K, idx, val, nil)
	return idx, val
}

// isUniform reports whether the knots are evenly spaced (to rounding).
func isUniform(t []float64) bool {
	h := (t[len(t)-1] - t[0]) / float64(len(t)-1)
	for j := range t {
		if d := t[j] - (t[0] + float64(j)*h); d > 1e-12*max(1, abs(t[0]), abs(t[len(t)-1])) || -d > 1e-12*max(1, abs(t[0]), abs(t[len(t)-1])) {
			return false
		}
	}
	return true
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}
