package kernels

import "fmt"

// The fused KAN layer kernels. A KAN layer's edge sums are, per row r,
// y_j = Σ_i (silu(x_i)·wb_ij + Σ_c B_c(x_i)·ws_icj) (the scales folded into
// the weights); only K+1 of the B_c are non-zero at a point, so for each
// input i these kernels take the local basis (idx, val of BasisLocal or
// BasisLocalKnots) and multiply the K+1 weight rows idx … idx+K directly,
// instead of scattering the basis into a dense design matrix for a GEMM.
// The weights of one input are wb (m values, the silu row) and ws
// (nb rows of m values, one per basis function), m the number of outputs.

// SplineAcc adds one layer input's contribution to n rows of edge sums:
// for r < n = len(idx), j < m,
//
//	y[r*m+j] += s[r]·wb[j] + Σ_{q=0..K} v[r*(K+1)+q]·ws[(idx[r]+q)*m+j]
//
// It panics on short slices or an idx outside [0, len(ws)/m-K-1].
func SplineAcc[T Float](m, k int, idx []int32, v, s, wb, ws, y []T) {
	checkSpline(m, k, idx, v, s, wb, ws, y)
	tableOf[T]().splineAcc(m, k, idx, v, s, wb, ws, y)
}

// SplineGrad is the adjoint of SplineAcc for n rows of output gradients
// dy (n×m). When gb and gs are not nil it adds the weight gradients,
//
//	gb[j] += s[r]·dy[r*m+j],  gs[(idx[r]+q)*m+j] += v[r*(K+1)+q]·dy[r*m+j]
//
// row after row; when dx is not nil it writes the input gradients
//
//	dx[r] = Σ_j dy[r*m+j]·(ds[r]·wb[j] + Σ_q d[r*(K+1)+q]·ws[(idx[r]+q)*m+j])
//
// with ds = dsilu/dx and d the basis derivatives. It panics on short
// slices or a bad idx.
func SplineGrad[T Float](m, k int, idx []int32, v, d, s, ds, wb, ws, dy, gb, gs, dx []T) {
	checkSpline(m, k, idx, v, s, wb, ws, dy)
	n, w := len(idx), k+1
	if (gb == nil) != (gs == nil) || (gb != nil && (len(gb) < m || len(gs) < len(ws))) {
		panic(fmt.Sprintf("kernels: spline gradient: gb (%d) and gs (%d) must both be nil or hold %d and %d", len(gb), len(gs), m, len(ws)))
	}
	if dx != nil && (len(dx) < n || len(d) < n*w || len(ds) < n) {
		panic(fmt.Sprintf("kernels: spline gradient: %d rows need dx, ds %d and d %d; have %d, %d, %d", n, n, n*w, len(dx), len(ds), len(d)))
	}
	tableOf[T]().splineGrad(m, k, idx, v, d, s, ds, wb, ws, dy, gb, gs, dx)
}

// checkSpline panics unless the slices hold n = len(idx) rows and every
// idx leaves room for K+1 weight rows.
func checkSpline[T Float](m, k int, idx []int32, v, s, wb, ws, y []T) {
	n, w := len(idx), k+1
	if m < 1 || k < 0 || k > MaxBasisOrder {
		panic(fmt.Sprintf("kernels: spline: m = %d outputs, order %d", m, k))
	}
	if len(v) < n*w || len(s) < n || len(wb) < m || len(y) < n*m {
		panic(fmt.Sprintf("kernels: spline: %d rows of %d outputs, order %d need v %d, s %d, wb %d, y %d; have %d, %d, %d, %d",
			n, m, k, n*w, n, m, n*m, len(v), len(s), len(wb), len(y)))
	}
	top := int32(len(ws)/m - w)
	for r, ix := range idx {
		if ix < 0 || ix > top {
			panic(fmt.Sprintf("kernels: spline: idx[%d] = %d outside [0, %d] for %d weight rows", r, ix, top, len(ws)/m))
		}
	}
}
