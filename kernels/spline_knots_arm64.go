//go:build !purego

package kernels

// splineKnots64NEON is the NEON SplineAccKnots core (spline_knots_arm64.s)
// for n rows with s = silu(x) given; any order k.
//
//go:noescape
func splineKnots64NEON(m int, n int, x []float64, s []float64, wb []float64, y []float64, knots []float64, tab []float64, k int, rowBytes int)

// splineKnots32NEON is splineKnots64NEON for float32.
//
//go:noescape
func splineKnots32NEON(m int, n int, x []float32, s []float32, wb []float32, y []float32, knots []float32, tab []float32, k int, rowBytes int)

// The table entries.
var (
	splineKnotsNEON64 = splineKnotsNEON(splineKnots64NEON)
	splineKnotsNEON32 = splineKnotsNEON(splineKnots32NEON)
)

// splineKnotsNEON returns the NEON SplineAccKnots for T: chunk by chunk,
// silu from t's Silu kernel into a stack buffer, then the assembly.
func splineKnotsNEON[T Float](kern func(m int, n int, x, s, wb, y, knots, tab []T, k int, rowBytes int)) func(t *table[T], x []T, sp *SplineKnots[T], wb, y []T) {
	return func(t *table[T], x []T, sp *SplineKnots[T], wb, y []T) {
		k, m := sp.kn.k, sp.m
		rb := splineKnotsRowLen(k, m) * sizeOf[T]()
		knots := knotsOf[T](sp.kn)
		var s [splineKnotsChunk]T
		for r0 := 0; r0 < len(x); r0 += splineKnotsChunk {
			r1 := min(r0+splineKnotsChunk, len(x))
			t.silu(s[:r1-r0], x[r0:r1])
			kern(m, r1-r0, x[r0:r1], s[:r1-r0], wb, y[r0*m:r1*m], knots, sp.tab, k, rb)
		}
	}
}
