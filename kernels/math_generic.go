package kernels

import "math"

// Math-function references. For float32 each computes in float64 and
// rounds once: dst[i] = float32(math.F(float64(a[i]))). For float64 the
// conversions vanish and the loop is dst[i] = math.F(a[i]).

// mapFloat64 is the loop of the one-argument references:
// for i := range dst { dst[i] = T(f(float64(a[i]))) }. It is inlined into
// each of them with f known, so f is called directly (no call through a
// func value per element).
func mapFloat64[T Float](dst, a []T, f func(float64) float64) {
	a = a[:len(dst)]
	for i := range dst {
		dst[i] = T(f(float64(a[i])))
	}
}

// expGeneric: for i := range dst { dst[i] = T(math.Exp(float64(a[i]))) }
func expGeneric[T Float](dst, a []T) { mapFloat64(dst, a, math.Exp) }

// logGeneric: for i := range dst { dst[i] = T(math.Log(float64(a[i]))) }
func logGeneric[T Float](dst, a []T) { mapFloat64(dst, a, math.Log) }

// sinGeneric: for i := range dst { dst[i] = T(math.Sin(float64(a[i]))) }
func sinGeneric[T Float](dst, a []T) { mapFloat64(dst, a, math.Sin) }

// cosGeneric: for i := range dst { dst[i] = T(math.Cos(float64(a[i]))) }
func cosGeneric[T Float](dst, a []T) { mapFloat64(dst, a, math.Cos) }

// tanGeneric: for i := range dst { dst[i] = T(math.Tan(float64(a[i]))) }
func tanGeneric[T Float](dst, a []T) { mapFloat64(dst, a, math.Tan) }

// tanhGeneric: for i := range dst { dst[i] = T(math.Tanh(float64(a[i]))) }
func tanhGeneric[T Float](dst, a []T) { mapFloat64(dst, a, math.Tanh) }

// sigmoidGeneric: for i := range dst { x := float64(a[i]); dst[i] = T(1 / (1 + math.Exp(-x))) }
func sigmoidGeneric[T Float](dst, a []T) {
	mapFloat64(dst, a, func(x float64) float64 { return 1 / (1 + math.Exp(-x)) })
}

// siluGeneric: for i := range dst { x := float64(a[i]); dst[i] = T(x / (1 + math.Exp(-x))) }
func siluGeneric[T Float](dst, a []T) {
	mapFloat64(dst, a, func(x float64) float64 { return x / (1 + math.Exp(-x)) })
}

// powGeneric: for i := range dst { dst[i] = T(math.Pow(float64(a[i]), float64(b[i]))) }
func powGeneric[T Float](dst, a, b []T) {
	a, b = a[:len(dst)], b[:len(dst)]
	for i := range dst {
		dst[i] = T(math.Pow(float64(a[i]), float64(b[i])))
	}
}
