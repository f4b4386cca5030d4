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
		flops := 2 * float64(m) * float64(n) * float64(k)
		rng := rand.New(rand.NewPCG(seed, uint64(m*n*k)))
		a32, b32, c32 := randSlice[float32](rng, m*k, -1, 1), randSlice[float32](rng, k*n, -1, 1), make([]float32, m*n)
		cs = append(cs, kernelCase{
			family: "gemm", bench: "gemm", name: fmt.Sprintf("f32 %dx%dx%d", m, n, k), metric: "GFLOP/s", units: flops,
			run: func(it int) {
				for range it {
					kernels.Sgemm(false, false, m, n, k, 1, a32, k, b32, n, 0, c32, n)
				}
			},
			ref: func(it int) {
				for range it {
					gonum.Implementation{}.Sgemm(blas.NoTrans, blas.NoTrans, m, n, k, 1, a32, k, b32, n, 0, c32, n)
				}
			},
			refImpl: "gonum",
		})
		if m != n || n != k {
			continue // float64 only for the square case, the other acceptance figure
		}
		a64, b64, c64 := randSlice[float64](rng, m*k, -1, 1), randSlice[float64](rng, k*n, -1, 1), make([]float64, m*n)
		cs = append(cs, kernelCase{
			family: "gemm", bench: "gemm", name: fmt.Sprintf("f64 %dx%dx%d", m, n, k), metric: "GFLOP/s", units: flops,
			run: func(it int) {
				for range it {
					kernels.Dgemm(false, false, m, n, k, 1, a64, k, b64, n, 0, c64, n)
				}
			},
			ref: func(it int) {
				for range it {
					gonum.Implementation{}.Dgemm(blas.NoTrans, blas.NoTrans, m, n, k, 1, a64, k, b64, n, 0, c64, n)
				}
			},
			refImpl: "gonum",
		})
	}
	return cs
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
	ops := []struct {
		name string
		run  func(int)
	}{
		{"add", func(it int) {
			for range it {
				kernels.Add32(dst, a, b)
			}
		}},
		{"mul", func(it int) {
			for range it {
				kernels.Mul32(dst, a, b)
			}
		}},
		{"fma", func(it int) {
			for range it {
				kernels.Fma32(dst, a, b, c)
			}
		}},
		{"exp", unary(kernels.Exp32, wide)},
		{"log", unary(kernels.Log32, pos)},
		{"sin", unary(kernels.Sin32, wide)},
		{"cos", unary(kernels.Cos32, wide)},
		{"tanh", unary(kernels.Tanh32, a)},
	}
	cs := make([]kernelCase, len(ops))
	for i, op := range ops {
		cs[i] = kernelCase{family: "elementwise", bench: "elementwise", name: fmt.Sprintf("%s f32 %d", op.name, n),
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
				kernels.BasisLocal32(x32, g, idx, v32, nil)
			}
		}},
		{family: "basis", bench: "basis", name: name("f64"), metric: "elements/s", units: basisN, run: func(it int) {
			for range it {
				kernels.BasisLocal64(x64, g, idx, v64, nil)
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
		mk("sum f32", func() float64 { return float64(kernels.Sum32(a)) }),
		mk("dot f32", func() float64 { return float64(kernels.Dot32(a, b)) }),
		mk("sqdiff f32", func() float64 { return float64(kernels.SqDiff32(a, b)) }),
		mk("dot f64", func() float64 { return kernels.Dot64(a64, b64) }),
	}
}
