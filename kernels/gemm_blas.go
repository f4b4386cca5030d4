package kernels

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// BLAS is a gonum blas.Float32 and blas.Float64 implementation whose
// Level-3 Sgemm and Dgemm run this package's Gemm (threaded, SIMD);
// every other routine is gonum's own. Install it for gonum/mat with
// blas64.Use(kernels.BLAS{}) and blas32.Use(kernels.BLAS{}).
type BLAS struct{ gonum.Implementation }

var (
	_ blas.Float32 = BLAS{}
	_ blas.Float64 = BLAS{}
)

// Sgemm computes C = alpha·op(A)·op(B) + beta·C with this package's Gemm.
func (BLAS) Sgemm(tA, tB blas.Transpose, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	Gemm(blasTransposed(tA), blasTransposed(tB), m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// Dgemm computes C = alpha·op(A)·op(B) + beta·C with this package's Gemm.
func (BLAS) Dgemm(tA, tB blas.Transpose, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	Gemm(blasTransposed(tA), blasTransposed(tB), m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// blasTransposed maps a blas.Transpose to the kernels' flag; for real matrices
// ConjTrans is Trans. Anything else panics as gonum does.
func blasTransposed(t blas.Transpose) bool {
	switch t {
	case blas.NoTrans:
		return false
	case blas.Trans, blas.ConjTrans:
		return true
	}
	panic("blas: illegal transpose")
}
