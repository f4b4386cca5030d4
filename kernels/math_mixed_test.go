package kernels

import (
	"math"
	"math/rand"
	"strings"
	"testing"
)

// mixedEdge are the inputs TestMathMixed plants at random positions
// among ordinary values: NaN, infinities, zeros, huge and tiny magnitudes,
// subnormals, negatives (log, pow) and the edges of each kernel's special
// handling (exp overflow/underflow, float64 subnormal exp results, the
// logistic's overflow, 2^29 for the trigonometric reduction).
var mixedEdge = []float64{
	math.NaN(), -math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1),
	1e30, -1e30, 1e300, -1e300, math.MaxFloat64, -math.MaxFloat64, math.MaxFloat32, -math.MaxFloat32,
	1e-30, -1e-30, 1e-300, 5e-324, -5e-324, 1e-310, -1e-310, 0x1p-1022, 1e-40, -1e-40, 1e-45,
	-1, -2.5, -1e-3, 1, 2, 0.5, -0.5,
	88.72, 88.73, -87.33, -103.97, -104, -150,
	708, -708, 709, -709, 709.78, 709.79, 710, -710, -745.13, -745.2, -746, 800, -800,
	1 << 29, -(1 << 29), 1<<29 - 1, 1 << 40, -(1 << 52), 1e20,
	22, -22, 23, 0.625, -0.625, 9.1, -9.1,
}

// mixedDraw returns an edge value (about a third of the time), a random
// value in one of the hard bands, or an ordinary value.
func mixedDraw(r *rand.Rand) float64 {
	switch k := r.Intn(12); {
	case k < 4:
		return mixedEdge[r.Intn(len(mixedEdge))]
	case k == 4:
		return 700 + 50*r.Float64() // exp's huge / float64-hard band
	case k == 5:
		return -760 + 60*r.Float64() // exp's subnormal band, logistic's overflow
	case k == 6:
		return math.Copysign(math.Ldexp(1+r.Float64(), 29+r.Intn(60)), r.Float64()-0.5)
	case k == 7:
		return math.Copysign(math.Ldexp(1+r.Float64(), -1074+r.Intn(60)), r.Float64()-0.5)
	}
	return -20 + 40*r.Float64()
}

// exactOutput reports whether a result must match the reference bit for
// bit (NaN only as NaN): special inputs, special or zero results, and
// tanh's saturation (|x| ≥ 22 gives ±1 exactly).
func exactOutput(name string, x, want float64) bool {
	return x != x || math.IsInf(x, 0) || want != want || math.IsInf(want, 0) || want == 0 ||
		strings.HasPrefix(name, "Tanh") && math.Abs(x) >= 22
}

// checkMixed compares every lane of got with want: bit-exact where
// exactOutput says so, else within ulps.
func checkMixed[T Float](t *testing.T, name string, x, got, want []T, ulps float64) {
	t.Helper()
	for i := range got {
		g, w := got[i], want[i]
		if g != g && w != w {
			continue
		}
		bad := false
		if exactOutput(name, float64(x[i]), float64(w)) {
			bad = bits(g) != bits(w)
		} else {
			bad = ulpDiff(g, w) > ulps
		}
		if bad {
			t.Fatalf("%s: element %d of %d: f(%v) = %v, want %v", name, i, len(got), x[i], g, w)
		}
	}
}

// TestMathMixed runs every math kernel on blocks where about 2/3 of the
// elements are special or edge values at random positions, at several
// lengths and in place, and checks every lane against the reference.
func TestMathMixed(t *testing.T) {
	r := rand.New(rand.NewSource(11))
	m32, m64 := mathFns[float32](), mathFns[float64]()
	for j := range m32 {
		for _, n := range []int{8, 9, 64, 1001} {
			for rep := 0; rep < 20; rep++ {
				x64 := make([]float64, n)
				fillWith(x64, r, mixedDraw)
				x32 := make([]float32, n)
				for i := range x32 {
					x32[i] = float32(x64[i])
				}
				checkMixedFn(t, m32[j], x32)
				checkMixedFn(t, m64[j], x64)
			}
		}
	}
}

// checkMixedFn checks m on x against its reference, out of place and in
// place (dst is the input).
func checkMixedFn[T Float](t *testing.T, m mathFn[T], x []T) {
	t.Helper()
	got, want := make([]T, len(x)), make([]T, len(x))
	m.f(got, x)
	m.ref(want, x)
	checkMixed(t, m.name, x, got, want, m.ulp)
	copy(got, x)
	m.f(got, got)
	checkMixed(t, m.name+" in place", x, got, want, m.ulp)
}

// TestMathMixedPow32 does the same for Pow32 with mixed bases and exponents.
func TestMathMixedPow32(t *testing.T) {
	r := rand.New(rand.NewSource(12))
	for _, n := range []int{8, 17, 1000} {
		for rep := 0; rep < 20; rep++ {
			a, b := make([]float32, n), make([]float32, n)
			for i := range a {
				a[i] = float32(mixedDraw(r))
				b[i] = float32(mixedDraw(r) / 4)
				if r.Intn(4) == 0 {
					b[i] = float32(r.Intn(7) - 3) // integer exponents of negative bases
				}
			}
			got, want := make([]float32, n), make([]float32, n)
			Pow(got, a, b)
			powGeneric(want, a, b)
			for i := range got {
				if got[i] != got[i] && want[i] != want[i] {
					continue
				}
				if ulpDiff(got[i], want[i]) > 1 || (math.IsInf(float64(want[i]), 0) || want[i] == 0) && bits(got[i]) != bits(want[i]) {
					t.Fatalf("Pow32(%v, %v) = %v, want %v", a[i], b[i], got[i], want[i])
				}
			}
			copy(got, a)
			Pow(got, got, b)
			for i := range got {
				if !(got[i] != got[i] && want[i] != want[i]) && ulpDiff(got[i], want[i]) > 1 {
					t.Fatalf("Pow32 in place (%v, %v) = %v, want %v", a[i], b[i], got[i], want[i])
				}
			}
		}
	}
}

// TestMathPow64Exact checks Pow64 bit for bit against math.Pow (the AVX2
// kernel repeats math.Pow operation for operation) over bases of every
// magnitude and sign, integer, half-integer and fractional exponents of
// every size (repeated squaring up to 52 steps, |xe| > 4096 breaks,
// overflow, underflow, subnormal results) and special values.
func TestMathPow64Exact(t *testing.T) {
	r := rand.New(rand.NewSource(13))
	n := 200000
	if testing.Short() {
		n = 20000
	}
	a, b := make([]float64, n), make([]float64, n)
	for i := range a {
		switch r.Intn(6) {
		case 0:
			a[i] = mixedDraw(r)
		case 1:
			a[i] = 1 + (r.Float64()-0.5)*1e-6 // near 1: large exponents stay finite
		default:
			a[i] = math.Copysign(math.Ldexp(0.5+r.Float64(), r.Intn(400)-200), r.Float64()-0.6)
		}
		switch r.Intn(6) {
		case 0:
			b[i] = mixedDraw(r)
		case 1:
			b[i] = float64(r.Intn(200) - 100)
		case 2:
			b[i] = float64(r.Intn(2000)-1000) + 0.5
		case 3:
			b[i] = math.Copysign(math.Ldexp(1+r.Float64(), r.Intn(60)), r.Float64()-0.5)
		default:
			b[i] = (r.Float64() - 0.5) * 20
		}
	}
	// math.Log's branch point: the mantissa exactly √2/2 (rounded).
	for k := -40; k <= 40; k++ {
		for j, y := range []float64{0.3, -0.3, 0.5, 2.5, -7.25, 0.49} {
			a[8*(k+40)+j] = math.Ldexp(math.Sqrt2/2, k)
			b[8*(k+40)+j] = y
		}
	}
	got, want := make([]float64, n), make([]float64, n)
	Pow(got, a, b)
	powGeneric(want, a, b)
	for i := range got {
		if got[i] != got[i] && want[i] != want[i] {
			continue
		}
		if bits(got[i]) != bits(want[i]) {
			t.Fatalf("Pow64(%v, %v) = %v, want %v (math.Pow)", a[i], b[i], got[i], want[i])
		}
	}
}
