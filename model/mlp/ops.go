package mlp

import "github.com/ansatz/ansatz/kernels"

// float is the element type a network computes in: float32 by default,
// float64 on request. The helpers below route each operation to the
// kernels' 32- or 64-bit entry point, so the layer code is written once.
type float interface{ float32 | float64 }

func gemm[T float](transA, transB bool, m, n, k int, a []T, lda int, b []T, ldb int, beta T, c []T, ldc int) {
	switch a := any(a).(type) {
	case []float32:
		kernels.Sgemm(transA, transB, m, n, k, 1, a, lda, any(b).([]float32), ldb, float32(beta), any(c).([]float32), ldc)
	case []float64:
		kernels.Dgemm(transA, transB, m, n, k, 1, a, lda, any(b).([]float64), ldb, float64(beta), any(c).([]float64), ldc)
	}
}

// unary applies the 32- or 64-bit form of an element-wise kernel.
func unary[T float](dst, a []T, f32 func(dst, a []float32), f64 func(dst, a []float64)) {
	switch d := any(dst).(type) {
	case []float32:
		f32(d, any(a).([]float32))
	case []float64:
		f64(d, any(a).([]float64))
	}
}

// binop is unary for kernels of two operands.
func binop[T float](dst, a, b []T, f32 func(dst, a, b []float32), f64 func(dst, a, b []float64)) {
	switch d := any(dst).(type) {
	case []float32:
		f32(d, any(a).([]float32), any(b).([]float32))
	case []float64:
		f64(d, any(a).([]float64), any(b).([]float64))
	}
}

func add[T float](dst, a, b []T) { binop(dst, a, b, kernels.Add32, kernels.Add64) }

func mul[T float](dst, a, b []T) { binop(dst, a, b, kernels.Mul32, kernels.Mul64) }

func tanh[T float](dst, a []T) { unary(dst, a, kernels.Tanh32, kernels.Tanh64) }

func sigmoid[T float](dst, a []T) { unary(dst, a, kernels.Sigmoid32, kernels.Sigmoid64) }

func silu[T float](dst, a []T) { unary(dst, a, kernels.Silu32, kernels.Silu64) }

func abs[T float](dst, a []T) { unary(dst, a, kernels.Abs32, kernels.Abs64) }

func mulScalar[T float](dst, a []T, s T) {
	switch d := any(dst).(type) {
	case []float32:
		kernels.MulScalar32(d, any(a).([]float32), float32(s))
	case []float64:
		kernels.MulScalar64(d, any(a).([]float64), float64(s))
	}
}

func sum[T float](a []T) float64 {
	switch a := any(a).(type) {
	case []float32:
		return float64(kernels.Sum32(a))
	case []float64:
		return kernels.Sum64(a)
	}
	return 0
}
