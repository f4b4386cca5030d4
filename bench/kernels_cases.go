package bench

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"

	"github.com/ansatz/ansatz/kernels"
)

// The cases of `ansatz bench kernels`. Inputs are random but seeded, in
// each function's ordinary domain, so every run measures the same work.

// sink keeps reduction results alive so the compiler cannot drop the calls.
var sink float64

func randSlice[F float32 | float64](rng *rand.Rand, n int, lo, hi float64) []F {
	s := make([]F, n)
	for i := range s {
		s[i] = F(lo + (hi-lo)*rng.Float64())
	}
	return s
}

// gemmShapes are m, n, k of C(m×n) = A(m×k)·B(k×n): the square case of
// the acceptance test and the skinny products of small networks (a batch
// through 4→16 and 64→64 layers). Case names read "f32 MxNxK".
var gemmShapes = [][3]int{{256, 256, 256}, {4096, 16, 4}, {4096, 64, 64}}

func gemmCases(seed uint64) []kernelCase {
	var cs []kernelCase
	for _, sh := range gemmShapes {
		m, n, k := sh[0], sh[1], sh[2]
		rng := rand.New(rand.NewPCG(seed, uint64(m*n*k)))
		cs = append(cs, gemmCase(rng, "f32", sh, gonum.Implementation{}.Sgemm))
		if m != n || n != k {
			continue // float64 only for the square case, the other acceptance figure
		}
		cs = append(cs, gemmCase(rng, "f64", sh, gonum.Implementation{}.Dgemm))
	}
	return cs
}

// gemmCase is C = A·B on random operands of one shape, with gonum's GEMM
// (ref) as the third-party reference.
func gemmCase[T kernels.Float](rng *rand.Rand, prec string, sh [3]int,
	ref func(tA, tB blas.Transpose, m, n, k int, alpha T, a []T, lda int, b []T, ldb int, beta T, c []T, ldc int)) kernelCase {
	m, n, k := sh[0], sh[1], sh[2]
	a, b, c := randSlice[T](rng, m*k, -1, 1), randSlice[T](rng, k*n, -1, 1), make([]T, m*n)
	return kernelCase{
		family: "gemm", bench: "gemm", name: fmt.Sprintf("%s %dx%dx%d", prec, m, n, k), metric: "GFLOP/s",
		units: 2 * float64(m) * float64(n) * float64(k),
		run: func(it int) {
			for range it {
				kernels.Gemm(false, false, m, n, k, 1, a, k, b, n, 0, c, n)
			}
		},
		ref: func(it int) {
			for range it {
				ref(blas.NoTrans, blas.NoTrans, m, n, k, 1, a, k, b, n, 0, c, n)
			}
		},
		refImpl: "gonum",
	}
}

// elementwiseN is the vector length of the element-wise and reduction
// cases (the acceptance criterion's 4096 float32).
const elementwiseN = 4096

func elementwiseCases(seed uint64) []kernelCase {
	rng := rand.New(rand.NewPCG(seed, 2))
	n := elementwiseN
	a, b, c := randSlice[float32](rng, n, -2, 2), randSlice[float32](rng, n, -2, 2), randSlice[float32](rng, n, -2, 2)
	pos := randSlice[float32](rng, n, 1e-3, 100)
	wide := randSlice[float32](rng, n, -10, 10)
	dst := make([]float32, n)
	unary := func(f func(dst, a []float32), in []float32) func(int) {
		return func(it int) {
			for range it {
				f(dst, in)
			}
		}
	}
	// family is the kernel family whose implementation a case measures.
	ops := []struct {
		name, family string
		run          func(int)
	}{
		{"add", "elementwise", func(it int) {
			for range it {
				kernels.Add(dst, a, b)
			}
		}},
		{"mul", "elementwise", func(it int) {
			for range it {
				kernels.Mul(dst, a, b)
			}
		}},
		{"fma", "elementwise", func(it int) {
			for range it {
				kernels.Fma(dst, a, b, c)
			}
		}},
		{"exp", "math", unary(kernels.Exp, wide)},
		{"log", "math", unary(kernels.Log, pos)},
		{"sin", "math", unary(kernels.Sin, wide)},
		{"cos", "math", unary(kernels.Cos, wide)},
		{"tanh", "math", unary(kernels.Tanh, a)},
	}
	cs := make([]kernelCase, len(ops))
	for i, op := range ops {
		cs[i] = kernelCase{family: op.family, bench: "elementwise", name: fmt.Sprintf("%s f32 %d", op.name, n),
			metric: "elements/s", units: float64(n), run: op.run}
	}
	return cs
}

// basisN points, uniform over the grid and a little beyond it.
const basisN = 4096

func basisCases(seed uint64) []kernelCase {
	rng := rand.New(rand.NewPCG(seed, 3))
	g := kernels.Grid{Lo: -1, Hi: 1, G: 10, K: 3}
	w := g.K + 1
	x64 := randSlice[float64](rng, basisN, -1.1, 1.1)
	x32 := make([]float32, basisN)
	for i, v := range x64 {
		x32[i] = float32(v)
	}
	idx := make([]int32, basisN)
	v64, v32 := make([]float64, basisN*w), make([]float32, basisN*w)
	name := func(p string) string { return fmt.Sprintf("local %s K=%d G=%d n=%d", p, g.K, g.G, basisN) }
	return []kernelCase{
		{family: "basis", bench: "basis", name: name("f32"), metric: "elements/s", units: basisN, run: func(it int) {
			for range it {
				kernels.BasisLocal(x32, g, idx, v32, nil)
			}
		}},
		{family: "basis", bench: "basis", name: name("f64"), metric: "elements/s", units: basisN, run: func(it int) {
			for range it {
				kernels.BasisLocal(x64, g, idx, v64, nil)
			}
		}},
	}
}

func reduceCases(seed uint64) []kernelCase {
	rng := rand.New(rand.NewPCG(seed, 4))
	n := elementwiseN
	a, b := randSlice[float32](rng, n, -1, 1), randSlice[float32](rng, n, -1, 1)
	a64, b64 := randSlice[float64](rng, n, -1, 1), randSlice[float64](rng, n, -1, 1)
	mk := func(name string, f func() float64) kernelCase {
		return kernelCase{family: "reduce", bench: "reduce", name: fmt.Sprintf("%s %d", name, n), metric: "elements/s",
			units: float64(n), run: func(it int) {
				s := 0.0
				for range it {
					s += f()
				}
				sink += s
			}}
	}
	return []kernelCase{
		mk("sum f32", func() float64 { return float64(kernels.Sum(a)) }),
		mk("dot f32", func() float64 { return float64(kernels.Dot(a, b)) }),
		mk("sqdiff f32", func() float64 { return float64(kernels.SqDiff(a, b)) }),
		mk("dot f64", func() float64 { return kernels.Dot(a64, b64) }),
	}
}
