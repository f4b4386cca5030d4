package kernels

import (
	"fmt"
	"math/rand"
	"testing"
)

// benchSets returns the generic kernel set and, when this machine can run
// one, the assembly set, in that order, so the two run in the same
// `go test -bench` invocation.
func benchSets() []*kernelSet {
	isas := Available()
	out := []*kernelSet{buildSet(Generic)}
	for _, isa := range isas[:len(isas)-1] {
		out = append(out, buildSet(isa))
	}
	return out
}

// benchCase is one kernel call on prepared inputs of benchN elements, run
// on the tables of a set.
type benchCase struct {
	name string
	run  func(s *kernelSet)
}

// runBench times every case under every set of benchSets.
func runBench(b *testing.B, key string, cases []benchCase) {
	for _, c := range cases {
		for _, s := range benchSets() {
			b.Run(c.name+"/"+s.isa, func(b *testing.B) {
				for b.Loop() {
					c.run(s)
				}
				reportElems(b, key+"/"+c.name, s.isa, benchN)
			})
		}
	}
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
	runBench(b, "ew32", []benchCase{
		{"add", func(s *kernelSet) { s.f32.add(d, x, y) }},
		{"mul", func(s *kernelSet) { s.f32.mul(d, x, y) }},
		{"fma", func(s *kernelSet) { s.f32.fma(d, x, y, z) }},
		{"axpy", func(s *kernelSet) { s.f32.axpy(d, x, 0.5) }},
		{"div", func(s *kernelSet) { s.f32.div(d, x, y) }},
		{"sqrt", func(s *kernelSet) { s.f32.sqrt(d, x) }},
		{"exp", func(s *kernelSet) { s.f32.exp(d, y) }},
		{"log", func(s *kernelSet) { s.f32.log(d, x) }},
		{"sin", func(s *kernelSet) { s.f32.sin(d, y) }},
		{"cos", func(s *kernelSet) { s.f32.cos(d, y) }},
		{"tan", func(s *kernelSet) { s.f32.tan(d, y) }},
		{"tanh", func(s *kernelSet) { s.f32.tanh(d, y) }},
		{"sigmoid", func(s *kernelSet) { s.f32.sigmoid(d, y) }},
		{"silu", func(s *kernelSet) { s.f32.silu(d, y) }},
		{"pow", func(s *kernelSet) { s.f32.pow(d, x, y) }},
	})
}

// BenchmarkElementwise64 is BenchmarkElementwise32 for a few float64 kernels.
func BenchmarkElementwise64(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	x, y, d := make([]float64, benchN), make([]float64, benchN), make([]float64, benchN)
	fillWith(x, r, uniform(0.1, 4))
	fillWith(y, r, uniform(-4, 4))
	runBench(b, "ew64", []benchCase{
		{"add", func(s *kernelSet) { s.f64.add(d, x, y) }},
		{"exp", func(s *kernelSet) { s.f64.exp(d, y) }},
		{"log", func(s *kernelSet) { s.f64.log(d, x) }},
		{"sin", func(s *kernelSet) { s.f64.sin(d, y) }},
		{"tanh", func(s *kernelSet) { s.f64.tanh(d, y) }},
	})
}

// BenchmarkDispatch measures what the generic entry points cost over
// calling a kernel directly: Add through tableOf ("entry") against the
// same kernel taken from the table once ("direct"), on short slices where
// the difference would show and on symreg's 512-row blocks.
func BenchmarkDispatch(b *testing.B) {
	for _, n := range []int{1, 8, 64, 512} {
		dispatchBench[float32](b, n)
		dispatchBench[float64](b, n)
	}
}

func dispatchBench[T Float](b *testing.B, n int) {
	x, y, d := make([]T, n), make([]T, n), make([]T, n)
	name := fmt.Sprintf("f%d/n=%d", 8*sizeOf[T](), n)
	b.Run(name+"/entry", func(b *testing.B) {
		for b.Loop() {
			Add(d, x, y)
		}
	})
	add := tableOf[T]().add
	b.Run(name+"/direct", func(b *testing.B) {
		for b.Loop() {
			add(d, x, y)
		}
	})
}
