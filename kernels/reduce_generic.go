package kernels

// Reduction references. Every sum is accumulated in float64, also for
// float32 inputs (the products and differences of two float32 values are
// exact in float64), so a million float32 terms lose no more than a few
// float64 ulps before the final rounding to float32. The assembly versions
// add the same terms in a different order (several partial sums), so they
// agree with these to a few float64 ulps of Σ|terms|.

// sumGeneric: s := 0.0; for i := range x { s += float64(x[i]) }; return s
func sumGeneric[T Float](x []T) float64 {
	s := 0.0
	for _, v := range x {
		s += float64(v)
	}
	return s
}

// dotGeneric: s := 0.0; for i := range a { s += float64(a[i]) * float64(b[i]) }; return s
// (the product is rounded before the sum).
func dotGeneric[T Float](a, b []T) float64 {
	b = b[:len(a)]
	s := 0.0
	for i := range a {
		s += float64(float64(a[i]) * float64(b[i]))
	}
	return s
}

// sqDiffGeneric: for i := range a { d := float64(a[i]) - float64(b[i]); s += d * d }; return s
func sqDiffGeneric[T Float](a, b []T) float64 {
	b = b[:len(a)]
	s := 0.0
	for i := range a {
		d := float64(a[i]) - float64(b[i])
		s += float64(d * d)
	}
	return s
}

// wSqDiffGeneric: for i := range a { d := float64(a[i]) - float64(b[i]); s += float64(w[i]) * d * d }; return s
func wSqDiffGeneric[T Float](w, a, b []T) float64 {
	a, b = a[:len(w)], b[:len(w)]
	s := 0.0
	for i := range w {
		d := float64(a[i]) - float64(b[i])
		s += float64(float64(w[i]) * d * d)
	}
	return s
}
