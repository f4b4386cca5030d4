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
	cases := []struct {
		name string
		run  func(t *redTable) float64
	}{
		{"sum32", func(t *redTable) float64 { return t.sum32(x32) }},
		{"dot32", func(t *redTable) float64 { return t.dot32(x32, y32) }},
		{"sqdiff32", func(t *redTable) float64 { return t.sqDiff32(x32, y32) }},
		{"wsqdiff32", func(t *redTable) float64 { return t.wSqDiff32(w32, x32, y32) }},
		{"sum64", func(t *redTable) float64 { return t.sum64(x64) }},
		{"dot64", func(t *redTable) float64 { return t.dot64(x64, y64) }},
	}
	for _, c := range cases {
		for _, tb := range benchTables() {
			b.Run(c.name+"/"+tb.name, func(b *testing.B) {
				for b.Loop() {
					sinkF64 += c.run(tb.red)
				}
				reportElems(b, "red/"+c.name, tb.name, benchN)
			})
		}
	}
}
