package kan

import (
	"github.com/ansatz/ansatz/kernels"
)

// knotScratch holds float64 buffers for the non-uniform basis, which only
// has a float64 kernel.
type knotScratch struct {
	x, val, der []float64
}

// basis evaluates the local B-spline basis of layer input i on col: the
// uniform-grid kernel while the grid is uniform, the general-knot one
// after a grid update made it adaptive.
func (e *eng[T]) basis(wk *worker[T], ly *layer, i int, col []T, idx []int32, val, der []T) {
	K := e.net.cfg.K
	t := ly.knots[i]
	if ly.uniform[i] {
		G := e.net.cfg.Grid
		kernels.BasisLocal(col, kernels.Grid{Lo: t[K], Hi: t[K+G], G: G, K: K}, idx, val, der)
		return
	}
	if c64, ok := any(col).([]float64); ok {
		kernels.BasisLocalKnots64(c64, t, K, idx, any(val).([]float64), any(der).([]float64))
		return
	}
	s := &wk.k64
	s.x = grow(s.x, len(col))
	s.val = grow(s.val, len(val))
	s.der = grow(s.der, len(der))
	for r, v := range col {
		s.x[r] = float64(v)
	}
	kernels.BasisLocalKnots64(s.x, t, K, idx, s.val, s.der)
	for q := range val {
		val[q] = T(s.val[q])
		der[q] = T(s.der[q])
	}
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
