package kernels

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// BenchmarkBasis measures the local basis (K=3, G=10 on [-1, 1], 4096
// points spread over the grid, values only and values+derivatives; the
// uniform kernel and the general-knot one on the same knots) for
// every implementation this machine runs, generic first, in one run; the
// assembly sub-benchmarks report "speedup" = their elements/s over the
// generic one's from the same run.
func BenchmarkBasis(b *testing.B) {
	g := Grid{Lo: -1, Hi: 1, G: 10, K: 3}
	const n = 4096
	rng := rand.New(rand.NewPCG(1, 1))
	x := make([]float64, n)
	for i := range x {
		x[i] = -1.1 + 2.2*rng.Float64()
	}
	x32 := to32(x)
	w := g.K + 1
	idx := make([]int32, n)
	val, der := make([]float64, n*w), make([]float64, n*w)
	val32, der32 := make([]float32, n*w), make([]float32, n*w)
	before := Current()
	defer Use(before)
	isas := Available()
	order := append([]string{Generic}, isas[:len(isas)-1]...)
	kn, err := NewKnots(g.Knots(), g.K)
	if err != nil {
		b.Fatal(err)
	}
	for _, kind := range []string{"uniform", "knots"} {
		for _, withDer := range []bool{false, true} {
			for _, bits := range []int{32, 64} {
				generic := 0.0
				for _, isa := range order {
					what := "val"
					if withDer {
						what = "val+der"
					}
					name := fmt.Sprintf("%s/f%d/K3/%s/%s", kind, bits, what, isa)
					b.Run(name, func(b *testing.B) {
						if err := Use(isa); err != nil {
							b.Fatal(err)
						}
						var d64 []float64
						var d32 []float32
						if withDer {
							d64, d32 = der, der32
						}
						for b.Loop() {
							switch {
							case kind == "knots" && bits == 32:
								BasisLocalKnots(x32, kn, idx, val32, d32)
							case kind == "knots":
								BasisLocalKnots(x, kn, idx, val, d64)
							case bits == 32:
								BasisLocal(x32, g, idx, val32, d32)
							default:
								BasisLocal(x, g, idx, val, d64)
							}
						}
						rate := float64(n) * float64(b.N) / b.Elapsed().Seconds()
						b.ReportMetric(rate, "elements/s")
						if isa == Generic {
							generic = rate
						} else if generic > 0 {
							b.ReportMetric(rate/generic, "speedup")
						}
					})
				}
			}
		}
	}
}

// BenchmarkSplineKnots measures one KAN layer input's forward on a block
// of 128 rows (f32, K=3, G=10, m outputs): SplineAccKnots (basis fused
// with the weights and silu) against the three kernels it replaces, Silu,
// BasisLocalKnots, SplineAcc, under the ISA in force; rows per CPU second
// and "speedup", fused over split from the same run.
func BenchmarkSplineKnots(b *testing.B) {
	g := Grid{Lo: -1, Hi: 1, G: 10, K: 3}
	const n = 128
	rng := rand.New(rand.NewPCG(1, 1))
	x := make([]float32, n)
	for i := range x {
		x[i] = float32(-1 + 2*rng.Float64())
	}
	kn, err := NewKnots(g.Knots(), g.K)
	if err != nil {
		b.Fatal(err)
	}
	for _, m := range []int{1, 16} {
		ws, wb := make([]float32, kn.NumFuncs()*m), make([]float32, m)
		for i := range ws {
			ws[i] = float32(rng.NormFloat64())
		}
		s, y := make([]float32, n), make([]float32, n*m)
		idx, val := make([]int32, n), make([]float32, n*(g.K+1))
		var sp SplineKnots[float32]
		sp.Set(kn, m, ws)
		split := 0.0
		for _, fused := range []bool{false, true} {
			name := fmt.Sprintf("m=%d/split", m)
			if fused {
				name = fmt.Sprintf("m=%d/fused", m)
			}
			b.Run(name, func(b *testing.B) {
				cpu0 := processCPU()
				for b.Loop() {
					if fused {
						SplineAccKnots(x, &sp, wb, y)
					} else {
						Silu(s, x)
						BasisLocalKnots(x, kn, idx, val, nil)
						SplineAcc(m, g.K, idx, val, s, wb, ws, y)
					}
				}
				rate := float64(n) * float64(b.N) / b.Elapsed().Seconds()
				if cpu0 >= 0 { // CPU time: a loaded machine inflates it far less
					rate = float64(n) * float64(b.N) / (processCPU() - cpu0).Seconds()
				}
				b.ReportMetric(rate, "rows/cpu-s")
				if !fused {
					split = rate
				} else if split > 0 {
					b.ReportMetric(rate/split, "speedup")
				}
			})
		}
	}
}
