package kernels

import (
	"math/rand"
	"testing"
)

// sinkF64 keeps reduction results alive in benchmarks.
var sinkF64 float64

// BenchmarkReduce times the reductions on 4096 elements, generic then
// assembly (elements/s, and x-generic on the assembly lines).
func BenchmarkReduce(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	x32, y32, w32 := make([]float32, benchN), make([]float32, benchN), make([]float32, benchN)
	x64, y64 := make([]float64, benchN), make([]float64, benchN)
	fillWith(x32, r, uniform(-4, 4))
	fillWith(y32, r, uniform(-4, 4))
	fillWith(w32, r, uniform(0, 1))
	fillWith(x64, r, uniform(-4, 4))
	fillWith(y64, r, uniform(-4, 4))
	runBench(b, "red", []benchCase{
		{"sum32", func(s *kernelSet) { sinkF64 += s.f32.sum(x32) }},
		{"dot32", func(s *kernelSet) { sinkF64 += s.f32.dot(x32, y32) }},
		{"sqdiff32", func(s *kernelSet) { sinkF64 += s.f32.sqDiff(x32, y32) }},
		{"wsqdiff32", func(s *kernelSet) { sinkF64 += s.f32.wSqDiff(w32, x32, y32) }},
		{"sum64", func(s *kernelSet) { sinkF64 += s.f64.sum(x64) }},
		{"dot64", func(s *kernelSet) { sinkF64 += s.f64.dot(x64, y64) }},
	})
}
