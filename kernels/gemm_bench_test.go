package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// BenchmarkGemm measures GFLOP/s (2mnk flops per call) of every
// implementation this machine runs and of gonum's Sgemm/Dgemm, in one run
// so ratios compare like with like. Both sides use GOMAXPROCS threads
// (gonum splits its blocks over GOMAXPROCS workers). The "ratio"
// sub-benchmark alternates the best implementation, gonum and generic call
// by call and reports the ratios of their fastest calls (metrics x_gonum and
// x_generic): other load only ever adds time, so on a shared machine the
// minimum is the stable estimate of each one's speed.
func BenchmarkGemm(b *testing.B) {
	defer SetThreads(Threads())
	SetThreads(runtime.GOMAXPROCS(0))
	for _, s := range [][3]int{{256, 256, 256}, {1024, 4, 16}, {1024, 16, 4}, {1024, 64, 64}} {
		benchGemm[float32](b, "f32", s, gemmImpls[float32](), gonum.Implementation{}.Sgemm)
		benchGemm[float64](b, "f64", s, gemmImpls[float64](), gonum.Implementation{}.Dgemm)
	}
}

func benchGemm[T Float](b *testing.B, prec string, s [3]int, impls map[string]gemmFunc[T],
	ref func(tA, tB blas.Transpose, m, n, k int, alpha T, a []T, lda int, b []T, ldb int, beta T, c []T, ldc int)) {
	m, n, k := s[0], s[1], s[2]
	rng := rand.New(rand.NewPCG(7, 8))
	a, _ := gemmOperand[T](rng, m, k, 0, 0, false)
	bm, _ := gemmOperand[T](rng, k, n, 0, 0, false)
	c := make([]T, m*n)
	run := func(name string, f func()) {
		b.Run(fmt.Sprintf("%s_%dx%dx%d/%s", prec, m, n, k, name), func(b *testing.B) {
			for b.Loop() {
				f()
			}
			b.ReportMetric(2*float64(m*n*k)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
	for _, name := range Available() {
		f := impls[name]
		run(name, func() { f(false, false, m, n, k, 1, a, k, bm, n, 0, c, n) })
	}
	gonumCall := func() { ref(blas.NoTrans, blas.NoTrans, m, n, k, 1, a, k, bm, n, 0, c, n) }
	run("gonum", gonumCall)
	best, generic := impls[Best()], impls[Generic]
	if Best() == Generic {
		return
	}
	b.Run(fmt.Sprintf("%s_%dx%dx%d/ratio", prec, m, n, k), func(b *testing.B) {
		tBest, tGonum, tGeneric := time.Duration(math.MaxInt64), time.Duration(math.MaxInt64), time.Duration(math.MaxInt64)
		timed := func(fastest *time.Duration, f func()) {
			t0 := time.Now()
			f()
			*fastest = min(*fastest, time.Since(t0))
		}
		for b.Loop() {
			timed(&tBest, func() { best(false, false, m, n, k, 1, a, k, bm, n, 0, c, n) })
			timed(&tGonum, gonumCall)
			timed(&tGeneric, func() { generic(false, false, m, n, k, 1, a, k, bm, n, 0, c, n) })
		}
		b.ReportMetric(tGonum.Seconds()/tBest.Seconds(), "x_gonum")
		b.ReportMetric(tGeneric.Seconds()/tBest.Seconds(), "x_generic")
	})
}
