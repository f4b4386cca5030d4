package kernels

import (
	"fmt"
	"math"
	"math/rand"
	"slices"
	"testing"
)

// skipUnlessMathAsm skips a test that would only compare the math
// references with themselves (purego, -isa generic).
func skipUnlessMathAsm(t *testing.T) {
	if _, impl := Implementations(); impl[famMath] == Generic {
		t.Skipf("the math functions run their references under %s", Current())
	}
}

// mathFn describes one math kernel for the tests: the exported function,
// its reference, its maximum error in ulps (the bound documented on the
// exported function) and its typical input range.
type mathFn[T Float] struct {
	name   string // with the precision, e.g. "Exp32"
	f, ref func(dst, a []T)
	ulp    float64
	lo, hi float64
}

// mathFns lists the one-argument math kernels for T.
func mathFns[T Float]() []mathFn[T] {
	bits := fmt.Sprint(8 * sizeOf[T]())
	// ulp picks the float32 or the float64 bound.
	ulp := func(u32, u64 float64) float64 {
		if bits == "32" {
			return u32
		}
		return u64
	}
	return []mathFn[T]{
		{"Exp" + bits, Exp[T], expGeneric[T], ulp(1, 2), -110, 90},
		{"Log" + bits, Log[T], logGeneric[T], ulp(1, 2), 0, 100},
		{"Sin" + bits, Sin[T], sinGeneric[T], ulp(1, 2), -20, 20},
		{"Cos" + bits, Cos[T], cosGeneric[T], ulp(1, 2), -20, 20},
		{"Tan" + bits, Tan[T], tanGeneric[T], ulp(1, 4), -20, 20},
		{"Tanh" + bits, Tanh[T], tanhGeneric[T], ulp(1, 4), -5, 5},
		{"Sigmoid" + bits, Sigmoid[T], sigmoidGeneric[T], ulp(1, 4), -30, 30},
		{"Silu" + bits, Silu[T], siluGeneric[T], ulp(1, 4), -30, 30},
	}
}

// mathCases is mathFns as element-wise test cases, plus Pow (within 1 ulp
// in float32, exact in float64).
func mathCases[T Float]() []ewCase[T] {
	var cs []ewCase[T]
	for _, m := range mathFns[T]() {
		cs = append(cs, ewCase[T]{m.name, 1,
			func(d []T, in [][]T) { m.f(d, in[0]) },
			func(d []T, in [][]T) { m.ref(d, in[0]) }, m.ulp})
	}
	bits, powULPs := 8*sizeOf[T](), 0.0
	if bits == 32 {
		powULPs = 1
	}
	return append(cs, ewCase[T]{fmt.Sprint("Pow", bits), 2,
		func(d []T, in [][]T) { Pow(d, in[0], in[1]) },
		func(d []T, in [][]T) { powGeneric(d, in[0], in[1]) }, powULPs})
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

func TestMath32(t *testing.T) { skipUnlessMathAsm(t); runCases(t, mathCases[float32](), 8, mathGen) }
func TestMath64(t *testing.T) { skipUnlessMathAsm(t); runCases(t, mathCases[float64](), 4, mathGen) }

// TestMathScan32 measures the largest error of each float32 function over
// a regular sample of all float32 bit patterns (every 2^k-th one, so every
// binade of both signs is covered) plus a dense sample of its typical range.
func TestMathScan32(t *testing.T) {
	checkScan(t, 1<<12, 1<<15, func(lo, hi float64, n int) []float32 {
		xs := make([]float32, n)
		for i := range xs {
			xs[i] = float32(lo + (hi-lo)*float64(i)/float64(n))
		}
		return xs
	})
}

// TestMathScan64 does the same for float64: a sample of bit patterns over
// the whole range and a dense random sample of the typical range.
func TestMathScan64(t *testing.T) {
	r := rand.New(rand.NewSource(5))
	checkScan(t, 1<<43, 1<<46, func(lo, hi float64, n int) []float64 {
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = lo + (hi-lo)*r.Float64()
		}
		return xs
	})
}

// bitSample returns every stride-th bit pattern of the finite values of T
// from +0 up, each with its negation.
func bitSample[T Float](stride uint64) []T {
	var x []T
	if sizeOf[T]() == 4 {
		for u := uint64(0); u < 0x7f800000; u += stride {
			f := T(math.Float32frombits(uint32(u)))
			x = append(x, f, -f)
		}
		return x
	}
	for u := uint64(0); u < 0x7ff0000000000000; u += stride {
		f := T(math.Float64frombits(u))
		x = append(x, f, -f)
	}
	return x
}

// checkScan runs every math function on bitSample(stride) followed by
// dense(lo, hi, n) of its typical range (n = 100000; shortStride and 20000
// under -short) and fails when its largest error exceeds its bound.
func checkScan[T Float](t *testing.T, stride, shortStride uint64, dense func(lo, hi float64, n int) []T) {
	skipUnlessMathAsm(t)
	n := 100000
	if testing.Short() {
		stride, n = shortStride, 20000
	}
	x := bitSample[T](stride)
	for _, m := range mathFns[T]() {
		xs := append(slices.Clone(x), dense(m.lo, m.hi, n)...)
		got, want := make([]T, len(xs)), make([]T, len(xs))
		m.f(got, xs)
		m.ref(want, xs)
		worst, at := 0.0, T(0)
		for i := range xs {
			if d := ulpDiff(got[i], want[i]); d > worst {
				worst, at = d, xs[i]
			}
		}
		t.Logf("%s (%s): max error %.3g ulp at %v over %d inputs", m.name, Current(), worst, at, len(xs))
		if worst > m.ulp {
			t.Errorf("%s: error %.3g ulp at x=%v exceeds %g", m.name, worst, at, m.ulp)
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

func FuzzMath32(f *testing.F) { fuzzTarget(f, fuzzCases[float32], mathCases[float32]()) }
func FuzzMath64(f *testing.F) { fuzzTarget(f, fuzzCases[float64], mathCases[float64]()) }
