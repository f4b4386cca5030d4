package kan

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// fitSplines solves, for each curve ys[j], the least-squares problem
// min_c Σ_p (Σ_q c_q B_q(x_p) − ys[j][p])² + ridge·|c|² on the given knots
// (pykan's curve2coef). Each point has only K+1 non-zero basis values, so
// the normal equations (BᵀB + ridge·I) c = Bᵀy are accumulated in
// O(points·(K+1)²) from the local basis and solved through the
// eigendecomposition of the small nb×nb matrix with a relative cut-off:
// a rank-deficient design (duplicated or constant samples, empty grid
// intervals: pykan issue #233) gives the minimum-norm solution instead of
// NaN, and every returned coefficient is finite. (A dense SVD of the
// points×nb design did the same at a cost that dominated training.)
func fitSplines(x []float64, ys [][]float64, knots []float64, K int, ridge float64) [][]float64 {
	nb := len(knots) - K - 1
	out := make([][]float64, len(ys))
	for j := range out {
		out[j] = make([]float64, nb)
	}
	if len(x) == 0 {
		return out
	}
	idx, val := basisAt(x, knots, K)
	w := K + 1
	ata := make([]float64, nb*nb)
	aty := make([]float64, len(ys)*nb)
	for p := range x {
		v := val[p*w : (p+1)*w]
		for q := range v {
			if math.IsNaN(v[q]) || math.IsInf(v[q], 0) {
				v[q] = 0
			}
		}
		ix := int(idx[p])
		for a := 0; a < w; a++ {
			row := ata[(ix+a)*nb+ix:]
			for b := 0; b < w; b++ {
				row[b] += v[a] * v[b]
			}
		}
		for j, y := range ys {
			yp := y[p]
			if math.IsNaN(yp) || math.IsInf(yp, 0) {
				continue
			}
			for a := 0; a < w; a++ {
				aty[j*nb+ix+a] += v[a] * yp
			}
		}
	}
	for q := 0; q < nb; q++ {
		ata[q*nb+q] += ridge
	}
	var eig mat.EigenSym
	if !eig.Factorize(mat.NewSymDense(nb, ata), true) {
		return out
	}
	lam := eig.Values(nil)
	var V mat.Dense
	eig.VectorsTo(&V)
	top := 0.0
	for _, l := range lam {
		top = max(top, l)
	}
	// The SVD cut-off σ > 1e-10·σ_max·max(points, nb) on the design, in
	// eigenvalues λ = σ² of the normal matrix, floored at what float64
	// can resolve in them.
	rel := 1e-10 * float64(max(len(x), nb))
	cut := top * max(rel*rel, 1e-13)
	tmp := make([]float64, nb)
	for j := range ys {
		for e, l := range lam {
			if !(l > cut) {
				continue
			}
			dot := 0.0
			for q := 0; q < nb; q++ {
				dot += V.At(q, e) * aty[j*nb+q]
			}
			tmp[e] = dot / l
		}
		for q := 0; q < nb; q++ {
			s := 0.0
			for e, l := range lam {
				if l > cut {
					s += V.At(q, e) * tmp[e]
				}
			}
			if math.IsNaN(s) || math.IsInf(s, 0) {
				s = 0
			}
			out[j][q] = s
		}
		clear(tmp)
	}
	return out
}
