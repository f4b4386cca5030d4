package kernels

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/gonum"
)

// TestGemmBLAS checks the gonum adapter against gonum's own Dgemm/Sgemm for
// every transpose code, and through blas64.Use as gonum/mat would call it.
func TestGemmBLAS(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	m, n, k := 23, 31, 19
	a, _ := gemmOperand[float64](rng, 40, 40, 0, 0, false)
	b, _ := gemmOperand[float64](rng, 40, 40, 0, 0, false)
	a32, b32 := make([]float32, len(a)), make([]float32, len(b))
	for i := range a {
		a32[i], b32[i] = float32(a[i]), float32(b[i])
	}
	codes := []blas.Transpose{blas.NoTrans, blas.Trans, blas.ConjTrans}
	for _, tA := range codes {
		for _, tB := range codes {
			got, want := make([]float64, m*n), make([]float64, m*n)
			for i := range got {
				got[i], want[i] = float64(i%7), float64(i%7)
			}
			BLAS{}.Dgemm(tA, tB, m, n, k, 0.75, a, 40, b, 40, -0.5, got, n)
			gonum.Implementation{}.Dgemm(tA, tB, m, n, k, 0.75, a, 40, b, 40, -0.5, want, n)
			got32, want32 := make([]float32, m*n), make([]float32, m*n)
			BLAS{}.Sgemm(tA, tB, m, n, k, 0.75, a32, 40, b32, 40, 0, got32, n)
			gonum.Implementation{}.Sgemm(tA, tB, m, n, k, 0.75, a32, 40, b32, 40, 0, want32, n)
			for i := range got {
				if math.Abs(got[i]-want[i]) > 1e-12 || math.Abs(float64(got32[i]-want32[i])) > 1e-4 {
					t.Fatalf("tA=%c tB=%c: c[%d] = %v / %v, gonum %v / %v", tA, tB, i, got[i], got32[i], want[i], want32[i])
				}
			}
		}
	}
	defer blas64.Use(blas64.Implementation())
	blas64.Use(BLAS{})
	x := blas64.General{Rows: 2, Cols: 2, Stride: 2, Data: []float64{1, 2, 3, 4}}
	y := blas64.General{Rows: 2, Cols: 2, Stride: 2, Data: make([]float64, 4)}
	blas64.Gemm(blas.NoTrans, blas.Trans, 1, x, x, 0, y)
	if want := []float64{5, 11, 11, 25}; y.Data[0] != want[0] || y.Data[1] != want[1] || y.Data[3] != want[3] {
		t.Fatalf("blas64.Gemm through BLAS{} = %v, want %v", y.Data, want)
	}
}
