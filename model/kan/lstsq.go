package kan

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// fitSplines solves, for each curve ys[j], the least-squares problem
// min_c Σ_p (Σ_q c_q B_q(x_p) − ys[j][p])² + ridge·|c|² on the given knots
// (pykan's curve2coef). It uses an SVD with a relative rank cut-off, so a
// rank-deficient design (duplicated or constant samples, empty grid
// intervals: pykan issue #233) gives the minimum-norm solution instead of
// NaN; every returned coefficient is finite.
func fitSplines(x []float64, ys [][]float64, knots []float64, K int, ridge float64) [][]float64 {
	nb := len(knots) - K - 1
	np := len(x)
	rows := np
	if ridge > 0 {
		rows += nb
	}
	A := mat.NewDense(rows, nb, nil)
	idx, val := basisAt(x, knots, K)
	for p := range x {
		for q := 0; q <= K; q++ {
			v := val[p*(K+1)+q]
			if math.IsNaN(v) || math.IsInf(v, 0) {
				v = 0
			}
			A.Set(p, int(idx[p])+q, v)
		}
	}
	if ridge > 0 {
		s := math.Sqrt(ridge)
		for q := 0; q < nb; q++ {
			A.Set(np+q, q, s)
		}
	}
	B := mat.NewDense(rows, len(ys), nil)
	for j, y := range ys {
		for p, v := range y {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				v = 0
			}
			B.Set(p, j, v)
		}
	}
	out := make([][]float64, len(ys))
	for j := range out {
		out[j] = make([]float64, nb)
	}
	var svd mat.SVD
	if np == 0 || !svd.Factorize(A, mat.SVDThin) {
		return out
	}
	sv := svd.Values(nil)
	rank := 0
	tol := 1e-10 * sv[0] * float64(max(rows, nb))
	for _, s := range sv {
		if s > tol {
			rank++
		}
	}
	if rank == 0 {
		return out
	}
	var X mat.Dense
	svd.SolveTo(&X, B, rank)
	for j := range out {
		for q := 0; q < nb; q++ {
			v := X.At(q, j)
			if math.IsNaN(v) || math.IsInf(v, 0) {
				v = 0
			}
			out[j][q] = v
		}
	}
	return out
}
