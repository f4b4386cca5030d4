package kernels

import (
	"math"
	"math/rand"
	"testing"
)

// mixedSpecials are the values BenchmarkMathMixed sprinkles into its
// inputs: what symbolic regression feeds the math kernels (NaN from earlier
// operations, overflowed exponentials, logs of negatives, huge and tiny
// magnitudes).
var mixedSpecials = []float64{math.NaN(), math.Inf(1), math.Inf(-1), 1e30, -1e30, -3, -0.5,
	0, math.Copysign(0, -1), 1e-30, 800, -800}

// mixedInputs returns n values from [lo, hi] with about 10% replaced by
// mixedSpecials at random positions.
func mixedInputs(r *rand.Rand, n int, lo, hi float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = lo + (hi-lo)*r.Float64()
		if r.Intn(10) == 0 {
			x[i] = mixedSpecials[r.Intn(len(mixedSpecials))]
		}
	}
	return x
}

// BenchmarkMathMixed times the math kernels on 4096 inputs of which about
// 10% are special values, generic then assembly (elements/s, x-generic).
// It shows how much of the fast path survives realistic symbolic-regression
// inputs.
func BenchmarkMathMixed(b *testing.B) {
	r := rand.New(rand.NewSource(3))
	x64 := mixedInputs(r, benchN, -4, 4)
	p64 := mixedInputs(r, benchN, 0.1, 4) // positive typical range (log, pow base)
	x32, p32 := make([]float32, benchN), make([]float32, benchN)
	for i := range x32 {
		x32[i], p32[i] = float32(x64[i]), float32(p64[i])
	}
	d32, d64 := make([]float32, benchN), make([]float64, benchN)
	runBench(b, "mixed", []benchCase{
		{"exp32", func(s *kernelSet) { s.f32.exp(d32, x32) }},
		{"log32", func(s *kernelSet) { s.f32.log(d32, p32) }},
		{"sin32", func(s *kernelSet) { s.f32.sin(d32, x32) }},
		{"cos32", func(s *kernelSet) { s.f32.cos(d32, x32) }},
		{"tan32", func(s *kernelSet) { s.f32.tan(d32, x32) }},
		{"tanh32", func(s *kernelSet) { s.f32.tanh(d32, x32) }},
		{"sigmoid32", func(s *kernelSet) { s.f32.sigmoid(d32, x32) }},
		{"silu32", func(s *kernelSet) { s.f32.silu(d32, x32) }},
		{"pow32", func(s *kernelSet) { s.f32.pow(d32, p32, x32) }},
		{"exp64", func(s *kernelSet) { s.f64.exp(d64, x64) }},
		{"log64", func(s *kernelSet) { s.f64.log(d64, p64) }},
		{"sin64", func(s *kernelSet) { s.f64.sin(d64, x64) }},
		{"tanh64", func(s *kernelSet) { s.f64.tanh(d64, x64) }},
		{"sigmoid64", func(s *kernelSet) { s.f64.sigmoid(d64, x64) }},
		{"pow64", func(s *kernelSet) { s.f64.pow(d64, p64, x64) }},
	})
}
