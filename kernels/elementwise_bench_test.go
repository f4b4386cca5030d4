package kernels

import (
	"math/rand"
	"testing"
)

// benchTables returns the generic table and, when this machine can run
// it, the assembly one, named by ISA, in that order, so the two run in the
// same `go test -bench` invocation.
func benchTables() []struct {
	name string
	ew   *ewTable
	red  *redTable
} {
	out := []struct {
		name string
		ew   *ewTable
		red  *redTable
	}{{Generic, ewGeneric, redGeneric}}
	for _, a := range Available() {
		if a == ewArchISA && ewArch != nil {
			e, _ := fillFrom(a, ewArch, ewGeneric)
			r, _ := fillFrom(a, reduceArch, redGeneric)
			out = append(out, struct {
				name string
				ew   *ewTable
				red  *redTable
			}{a, e, r})
		}
	}
	return out
}

const benchN = 4096

// benchRatio remembers each case's generic ns/element so the assembly
// sub-benchmark can report its speed-up over it from the same run.
var benchRatio = map[string]float64{}

func reportElems(b *testing.B, key, impl string, n int) {
	ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N) / float64(n)
	b.ReportMetric(1e9/ns, "elements/s")
	if impl == Generic {
		benchRatio[key] = ns
	} else if g, ok := benchRatio[key]; ok && ns > 0 {
		b.ReportMetric(g/ns, "x-generic")
	}
}

// BenchmarkElementwise32 times each float32 kernel on 4096 elements,
// generic then assembly: elements/s, and x-generic on the assembly lines.
func BenchmarkElementwise32(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	x, y, z, d := make([]float32, benchN), make([]float32, benchN), make([]float32, benchN), make([]float32, benchN)
	fillWith(x, r, uniform(0.1, 4))
	fillWith(y, r, uniform(-4, 4))
	fillWith(z, r, uniform(-4, 4))
	cases := []struct {
		name string
		run  func(t *ewTable)
	}{
		{"add", func(t *ewTable) { t.add32(d, x, y) }},
		{"mul", func(t *ewTable) { t.mul32(d, x, y) }},
		{"fma", func(t *ewTable) { t.fma32(d, x, y, z) }},
		{"axpy", func(t *ewTable) { t.axpy32(d, x, 0.5) }},
		{"div", func(t *ewTable) { t.div32(d, x, y) }},
		{"sqrt", func(t *ewTable) { t.sqrt32(d, x) }},
		{"exp", func(t *ewTable) { t.exp32(d, y) }},
		{"log", func(t *ewTable) { t.log32(d, x) }},
		{"sin", func(t *ewTable) { t.sin32(d, y) }},
		{"cos", func(t *ewTable) { t.cos32(d, y) }},
		{"tan", func(t *ewTable) { t.tan32(d, y) }},
		{"tanh", func(t *ewTable) { t.tanh32(d, y) }},
		{"sigmoid", func(t *ewTable) { t.sigmoid32(d, y) }},
		{"silu", func(t *ewTable) { t.silu32(d, y) }},
		{"pow", func(t *ewTable) { t.pow32(d, x, y) }},
	}
	for _, c := range cases {
		for _, tb := range benchTables() {
			b.Run(c.name+"/"+tb.name, func(b *testing.B) {
				for b.Loop() {
					c.run(tb.ew)
				}
				reportElems(b, "ew32/"+c.name, tb.name, benchN)
			})
		}
	}
}

// BenchmarkElementwise64 is BenchmarkElementwise32 for a few float64 kernels.
func BenchmarkElementwise64(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	x, y, d := make([]float64, benchN), make([]float64, benchN), make([]float64, benchN)
	fillWith(x, r, uniform(0.1, 4))
	fillWith(y, r, uniform(-4, 4))
	cases := []struct {
		name string
		run  func(t *ewTable)
	}{
		{"add", func(t *ewTable) { t.add64(d, x, y) }},
		{"exp", func(t *ewTable) { t.exp64(d, y) }},
		{"log", func(t *ewTable) { t.log64(d, x) }},
		{"sin", func(t *ewTable) { t.sin64(d, y) }},
		{"tanh", func(t *ewTable) { t.tanh64(d, y) }},
	}
	for _, c := range cases {
		for _, tb := range benchTables() {
			b.Run(c.name+"/"+tb.name, func(b *testing.B) {
				for b.Loop() {
					c.run(tb.ew)
				}
				reportElems(b, "ew64/"+c.name, tb.name, benchN)
			})
		}
	}
}
