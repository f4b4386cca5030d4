package kernels

import (
	"math"
	"math/rand"
	"testing"
)

// testSizes are the lengths every kernel is tested at (lanes = 8 float32
// or 4 float64 per AVX2 register, 8 per math block; NEON has 4 or 2).
func testSizes(lanes int) []int {
	s := []int{0, 1, lanes - 1, lanes, lanes + 1, 3*lanes + 1, 1000}
	s = append(s, 2, 3, 7, 9, 15, 16, 17, 31, 33)
	if !testing.Short() {
		s = append(s, 100000)
	}
	return s
}

// testOffsets are element offsets that make slices unaligned.
var testOffsets = []int{0, 1, 3}

// guardNaN is a NaN with a payload no kernel produces, so a write into a
// guard band is always visible.
var guardNaN = math.Float64frombits(0x7ff4dead0000beef)

const guardLen = 9

// guarded returns a slice of n elements at offset off inside a larger
// buffer whose other elements are guard NaNs, and a function that fails
// the test if any guard changed.
func guarded[T Float](t testing.TB, n, off int) ([]T, func()) {
	buf := make([]T, off+n+guardLen)
	g := T(guardNaN)
	for i := range buf {
		buf[i] = g
	}
	check := func() {
		t.Helper()
		for i, v := range buf {
			if i >= off && i < off+n {
				continue
			}
			if bits(v) != bits(g) {
				t.Fatalf("guard element %d (slice [%d:%d]) overwritten with %v", i, off, off+n, v)
			}
		}
	}
	return buf[off : off+n], check
}

func bits[T Float](v T) uint64 {
	switch x := any(v).(type) {
	case float32:
		return uint64(math.Float32bits(x))
	default:
		return math.Float64bits(float64(v))
	}
}

// ulpDiff is the distance between a and b in units in the last place of
// T; 0 when both are NaN, +Inf when only one is or when they are zeros of
// opposite signs.
func ulpDiff[T Float](a, b T) float64 {
	an, bn := a != a, b != b
	if an || bn {
		if an && bn {
			return 0
		}
		return math.Inf(1)
	}
	if a == b {
		if a == 0 && math.Signbit(float64(a)) != math.Signbit(float64(b)) {
			return math.Inf(1) // +0 vs -0
		}
		return 0
	}
	return math.Abs(float64(ordered(a) - ordered(b)))
}

// ordered maps floats to integers with the same order, adjacent floats to
// adjacent integers.
func ordered[T Float](v T) int64 {
	var u, sign uint64
	switch x := any(v).(type) {
	case float32:
		u = uint64(math.Float32bits(x))
		sign = 1 << 31
	default:
		u = math.Float64bits(float64(v))
		sign = 1 << 63
	}
	if u&sign != 0 {
		return -int64(u &^ sign)
	}
	return int64(u)
}

// fillWith sets x to values from gen.
func fillWith[T Float](x []T, r *rand.Rand, gen func(*rand.Rand) float64) {
	for i := range x {
		x[i] = T(gen(r))
	}
}

func uniform(lo, hi float64) func(*rand.Rand) float64 {
	return func(r *rand.Rand) float64 { return lo + (hi-lo)*r.Float64() }
}

// specials are inputs every kernel must treat exactly as its reference.
var specials = []float64{
	math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), 1, -1, 0.5, -0.5,
	math.MaxFloat32, -math.MaxFloat32, math.SmallestNonzeroFloat32, 1e-40, -1e-40,
	88.7, 88.8, -87.3, -103.9, -104, 709, -709, 708, -708, 710, -746, 1e10, -1e10,
	1 << 29, -(1 << 29), 1<<29 - 1, 1e30, math.Pi, math.Pi / 2, -math.Pi / 4, 22, 23, 0.625, -0.625,
	math.MaxFloat64, -math.MaxFloat64, 5e-324, -5e-324, 2.2250738585072014e-308, 1e-310,
}

// withSpecials overwrites about one element in k of x with special values.
func withSpecials[T Float](x []T, r *rand.Rand, k int) {
	for i := range x {
		if r.Intn(k) == 0 {
			x[i] = T(specials[r.Intn(len(specials))])
		}
	}
}
