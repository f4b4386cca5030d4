package kernels

import (
	"math"
	"math/rand"
	"testing"
)

// skipUnlessMathAsm skips a test that would only compare the math
// references with themselves (purego, -isa generic).
func skipUnlessMathAsm(t *testing.T) {
	if _, impl := Implementations(); impl[famMath] == Generic {
		t.Skipf("the math functions run their references under %s", Current())
	}
}

// mathFn describes one math kernel pair for the tests: its maximum error
// in ulps (the bound documented on the exported function) and a generator
// of typical inputs.
type mathFn struct {
	name       string
	f32        func(dst, a []float32)
	f64        func(dst, a []float64)
	r32        func(dst, a []float32)
	r64        func(dst, a []float64)
	ulp32      float64
	ulp64      float64
	lo, hi     float64
	binaryPow  bool
	skip64Scan bool
}

var mathFns = []mathFn{
	{name: "Exp", f32: Exp[float32], f64: Exp[float64], r32: expGeneric[float32], r64: expGeneric[float64], ulp32: 1, ulp64: 2, lo: -110, hi: 90},
	{name: "Log", f32: Log[float32], f64: Log[float64], r32: logGeneric[float32], r64: logGeneric[float64], ulp32: 1, ulp64: 2, lo: 0, hi: 100},
	{name: "Sin", f32: Sin[float32], f64: Sin[float64], r32: sinGeneric[float32], r64: sinGeneric[float64], ulp32: 1, ulp64: 2, lo: -20, hi: 20},
	{name: "Cos", f32: Cos[float32], f64: Cos[float64], r32: cosGeneric[float32], r64: cosGeneric[float64], ulp32: 1, ulp64: 2, lo: -20, hi: 20},
	{name: "Tan", f32: Tan[float32], f64: Tan[float64], r32: tanGeneric[float32], r64: tanGeneric[float64], ulp32: 1, ulp64: 4, lo: -20, hi: 20},
	{name: "Tanh", f32: Tanh[float32], f64: Tanh[float64], r32: tanhGeneric[float32], r64: tanhGeneric[float64], ulp32: 1, ulp64: 4, lo: -5, hi: 5},
	{name: "Sigmoid", f32: Sigmoid[float32], f64: Sigmoid[float64], r32: sigmoidGeneric[float32], r64: sigmoidGeneric[float64], ulp32: 1, ulp64: 4, lo: -30, hi: 30},
	{name: "Silu", f32: Silu[float32], f64: Silu[float64], r32: siluGeneric[float32], r64: siluGeneric[float64], ulp32: 1, ulp64: 4, lo: -30, hi: 30},
}

func mathCases32() []ewCase[float32] {
	var cs []ewCase[float32]
	for _, m := range mathFns {
		cs = append(cs, ewCase[float32]{m.name + "32", 1,
			func(d []float32, in [][]float32) { m.f32(d, in[0]) },
			func(d []float32, in [][]float32) { m.r32(d, in[0]) }, m.ulp32})
	}
	return append(cs, ewCase[float32]{"Pow32", 2,
		func(d []float32, in [][]float32) { Pow(d, in[0], in[1]) },
		func(d []float32, in [][]float32) { powGeneric(d, in[0], in[1]) }, 1})
}

func mathCases64() []ewCase[float64] {
	var cs []ewCase[float64]
	for _, m := range mathFns {
		cs = append(cs, ewCase[float64]{m.name + "64", 1,
			func(d []float64, in [][]float64) { m.f64(d, in[0]) },
			func(d []float64, in [][]float64) { m.r64(d, in[0]) }, m.ulp64})
	}
	return append(cs, ewCase[float64]{"Pow64", 2,
		func(d []float64, in [][]float64) { Pow(d, in[0], in[1]) },
		func(d []float64, in [][]float64) { powGeneric(d, in[0], in[1]) }, 0})
}

// mathGen draws inputs mostly from [-30, 30], a sixth of them from a log
// scale of either sign, so every function meets both its polynomial range
// and its reduction/overflow edges.
func mathGen(r *rand.Rand) float64 {
	if r.Intn(6) == 0 {
		return math.Copysign(math.Pow(10, -30+60*r.Float64()), r.Float64()-0.5)
	}
	return -30 + 60*r.Float64()
}

func TestMath32(t *testing.T) { skipUnlessMathAsm(t); runCases(t, mathCases32(), 8, mathGen) }
func TestMath64(t *testing.T) { skipUnlessMathAsm(t); runCases(t, mathCases64(), 4, mathGen) }

// TestMathScan32 measures the largest error of each float32 function over
// a regular sample of all float32 bit patterns (every 2^k-th one, so every
// binade of both signs is covered) plus a dense sample of its typical range.
func TestMathScan32(t *testing.T) {
	skipUnlessMathAsm(t)
	stride := uint32(1 << 12)
	dense := 100000
	if testing.Short() {
		stride, dense = 1<<15, 20000
	}
	var x []float32
	for u := uint32(0); u < 0x7f800000; u += stride {
		f := math.Float32frombits(u)
		x = append(x, f, -f)
	}
	for _, m := range mathFns {
		xs := append([]float32(nil), x...)
		for i := 0; i < dense; i++ {
			xs = append(xs, float32(m.lo+(m.hi-m.lo)*float64(i)/float64(dense)))
		}
		got, want := make([]float32, len(xs)), make([]float32, len(xs))
		m.f32(got, xs)
		m.r32(want, xs)
		worst, at := 0.0, float32(0)
		for i := range xs {
			if d := ulpDiff(got[i], want[i]); d > worst {
				worst, at = d, xs[i]
			}
		}
		t.Logf("%s32 (%s): max error %.3g ulp at %v over %d inputs", m.name, Current(), worst, at, len(xs))
		if worst > m.ulp32 {
			t.Errorf("%s32: error %.3g ulp at x=%v (got %v, want %v) exceeds %g", m.name, worst, at,
				got, want, m.ulp32)
		}
	}
}

// TestMathScan64 does the same for float64: a sample of bit patterns over
// the whole range and a dense sample of the typical range.
func TestMathScan64(t *testing.T) {
	skipUnlessMathAsm(t)
	stride := uint64(1 << 43)
	dense := 100000
	if testing.Short() {
		stride, dense = 1<<46, 20000
	}
	var x []float64
	for u := uint64(0); u < 0x7ff0000000000000; u += stride {
		f := math.Float64frombits(u)
		x = append(x, f, -f)
	}
	r := rand.New(rand.NewSource(5))
	for _, m := range mathFns {
		xs := append([]float64(nil), x...)
		for i := 0; i < dense; i++ {
			xs = append(xs, m.lo+(m.hi-m.lo)*r.Float64())
		}
		got, want := make([]float64, len(xs)), make([]float64, len(xs))
		m.f64(got, xs)
		m.r64(want, xs)
		worst, at := 0.0, 0.0
		for i := range xs {
			if d := ulpDiff(got[i], want[i]); d > worst {
				worst, at = d, xs[i]
			}
		}
		t.Logf("%s64 (%s): max error %.3g ulp at %v over %d inputs", m.name, Current(), worst, at, len(xs))
		if worst > m.ulp64 {
			t.Errorf("%s64: error %.3g ulp at x=%v exceeds %g", m.name, worst, at, m.ulp64)
		}
	}
}

// TestMathPowScan32 samples a grid of bases and exponents, negative bases
// and integer exponents included.
func TestMathPowScan32(t *testing.T) {
	var a, b []float32
	for i := -300; i <= 300; i++ {
		for _, e := range []float64{-40, -7.5, -3, -1, -0.5, 0, 0.25, 1, 2, 3.3, 11, 38.5} {
			av := math.Copysign(math.Pow(1.13, float64(i)), float64(i%3-1)+0.5)
			a = append(a, float32(av))
			b = append(b, float32(e))
		}
	}
	got, want := make([]float32, len(a)), make([]float32, len(a))
	Pow(got, a, b)
	powGeneric(want, a, b)
	worst := 0.0
	for i := range a {
		d := ulpDiff(got[i], want[i])
		worst = math.Max(worst, d)
		if d > 1 {
			t.Fatalf("Pow32(%v, %v) = %v, want %v", a[i], b[i], got[i], want[i])
		}
	}
	t.Logf("Pow32 (%s): max error %.3g ulp over %d pairs", Current(), worst, len(a))
}

func FuzzMath32(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte, k uint8) { fuzzCases(t, mathCases32(), decode32(data), k) })
}

func FuzzMath64(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte, k uint8) { fuzzCases(t, mathCases64(), decode64(data), k) })
}
