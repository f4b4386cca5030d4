package kernels

import "math"

// The references below are the definitions the assembly must reproduce.
// Each is instantiated for float32 and float64 separately (no shared
// dictionary calls in the loops), so their speed is that of a hand-written
// loop. Explicit T(...) conversions stop the compiler from fusing a
// multiply and an add (which the Go spec allows), so the result is the
// same on every architecture.

// addGeneric: for i := range dst { dst[i] = a[i] + b[i] }
func addGeneric[T Float](dst, a, b []T) {
	a, b = a[:len(dst)], b[:len(dst)]
	for i := range dst {
		dst[i] = a[i] + b[i]
	}
}

// subGeneric: for i := range dst { dst[i] = a[i] - b[i] }
func subGeneric[T Float](dst, a, b []T) {
	a, b = a[:len(dst)], b[:len(dst)]
	for i := range dst {
		dst[i] = a[i] - b[i]
	}
}

// mulGeneric: for i := range dst { dst[i] = a[i] * b[i] }
func mulGeneric[T Float](dst, a, b []T) {
	a, b = a[:len(dst)], b[:len(dst)]
	for i := range dst {
		dst[i] = a[i] * b[i]
	}
}

// divGeneric: for i := range dst { dst[i] = a[i] / b[i] }
func divGeneric[T Float](dst, a, b []T) {
	a, b = a[:len(dst)], b[:len(dst)]
	for i := range dst {
		dst[i] = a[i] / b[i]
	}
}

// fmaGeneric: for i := range dst { dst[i] = T(math.FMA(float64(a[i]), float64(b[i]), float64(c[i]))) }
//
// For float64 the conversions vanish. For float32 the float64 product of
// two float32 values is exact, so this differs from a true float32 fused
// multiply-add only by a rare double rounding (at most one ulp, when the
// float64 sum lands exactly half-way between two float32).
func fmaGeneric[T Float](dst, a, b, c []T) {
	a, b, c = a[:len(dst)], b[:len(dst)], c[:len(dst)]
	for i := range dst {
		dst[i] = T(math.FMA(float64(a[i]), float64(b[i]), float64(c[i])))
	}
}

// addScalarGeneric: for i := range dst { dst[i] = a[i] + s }
func addScalarGeneric[T Float](dst, a []T, s T) {
	a = a[:len(dst)]
	for i := range dst {
		dst[i] = a[i] + s
	}
}

// mulScalarGeneric: for i := range dst { dst[i] = a[i] * s }
func mulScalarGeneric[T Float](dst, a []T, s T) {
	a = a[:len(dst)]
	for i := range dst {
		dst[i] = a[i] * s
	}
}

// axpyGeneric: for i := range dst { dst[i] += T(s * a[i]) } (not fused)
func axpyGeneric[T Float](dst, a []T, s T) {
	a = a[:len(dst)]
	for i := range dst {
		dst[i] += T(s * a[i])
	}
}

// negGeneric: for i := range dst { dst[i] = -a[i] }
func negGeneric[T Float](dst, a []T) {
	a = a[:len(dst)]
	for i := range dst {
		dst[i] = -a[i]
	}
}

// absGeneric: for i := range dst { dst[i] = T(math.Abs(float64(a[i]))) }
func absGeneric[T Float](dst, a []T) { mapFloat64(dst, a, math.Abs) }

// squareGeneric: for i := range dst { dst[i] = a[i] * a[i] }
func squareGeneric[T Float](dst, a []T) {
	a = a[:len(dst)]
	for i := range dst {
		dst[i] = a[i] * a[i]
	}
}

// cubeGeneric: for i := range dst { dst[i] = T(a[i]*a[i]) * a[i] }
func cubeGeneric[T Float](dst, a []T) {
	a = a[:len(dst)]
	for i := range dst {
		dst[i] = T(a[i]*a[i]) * a[i]
	}
}

// sqrtGeneric: for i := range dst { dst[i] = T(math.Sqrt(float64(a[i]))) }
// (for float32 this is the correctly rounded float32 square root).
func sqrtGeneric[T Float](dst, a []T) { mapFloat64(dst, a, math.Sqrt) }

// fillGeneric: for i := range dst { dst[i] = v }
func fillGeneric[T Float](dst []T, v T) {
	for i := range dst {
		dst[i] = v
	}
}
