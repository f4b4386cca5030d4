package kernels

// Reductions over whole slices. Every sum is accumulated in float64, also
// for float32 inputs, and rounded once to the element type at the end (see
// reduce_generic.go for the loops).

// Sum returns Σ x[i].
func Sum[T Float](x []T) T { return T(tableOf[T]().sum(x)) }

// Dot returns Σ a[i]·b[i] over i < len(a); b must be at least as long.
func Dot[T Float](a, b []T) T { return T(tableOf[T]().dot(a, b[:len(a)])) }

// SqDiff returns Σ (a[i]-b[i])² over i < len(a).
func SqDiff[T Float](a, b []T) T { return T(tableOf[T]().sqDiff(a, b[:len(a)])) }

// WSum returns Σ w[i]·x[i] over i < len(w): the dot product, named for
// weighted sums.
func WSum[T Float](w, x []T) T { return Dot(w, x) }

// WSqDiff returns Σ w[i]·(a[i]-b[i])² over i < len(w).
func WSqDiff[T Float](w, a, b []T) T {
	n := len(w)
	return T(tableOf[T]().wSqDiff(w, a[:n], b[:n]))
}
