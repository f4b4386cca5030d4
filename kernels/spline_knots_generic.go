package kernels

// splineKnotsChunk is the number of rows splineKnotsVia evaluates at a
// time: their silu and basis fit in stack arrays.
const splineKnotsChunk = 32

// splineKnotsVia is the reference of SplineAccKnots and its
// implementation where an ISA has no fused assembly: the loop of its doc
// comment as the three kernels of table t it fuses, chunk by chunk,
//
//	t.silu(s, x[c]); t.basisKnots(x[c], kn, idx, val, nil); t.splineAcc(m, K, idx, val, s, wb, ws, y[c])
//
// so under the generic ISA it is the plain-Go silu, basis and sum, and
// under an ISA with only those in assembly it runs them.
func splineKnotsVia[T Float](t *table[T], x []T, sp *SplineKnots[T], wb, y []T) {
	k, m := sp.kn.k, sp.m
	w := k + 1
	var idx [splineKnotsChunk]int32
	var s [splineKnotsChunk]T
	var val [splineKnotsChunk * (MaxBasisOrder + 1)]T
	for r0 := 0; r0 < len(x); r0 += splineKnotsChunk {
		r1 := min(r0+splineKnotsChunk, len(x))
		b := r1 - r0
		t.silu(s[:b], x[r0:r1])
		t.basisKnots(x[r0:r1], sp.kn, idx[:b], val[:b*w], nil)
		t.splineAcc(m, k, idx[:b], val[:b*w], s[:b], wb, sp.ws, y[r0*m:r1*m])
	}
}
