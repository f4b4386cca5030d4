package kernels

// splineKnotsChunk is the number of rows splineKnotsVia evaluates at a
// time: their basis fits in stack arrays.
const splineKnotsChunk = 32

// splineKnotsVia is the reference of SplineAccKnots and its
// implementation where an ISA has no fused assembly: the loop of its doc
// comment as the two kernels of table t it fuses, chunk by chunk,
//
//	t.basisKnots(x[c], kn, idx, val, nil); t.splineAcc(m, K, idx, val, s[c], wb, ws, y[c])
//
// so under the generic ISA it is the plain-Go basis and sum, and under an
// ISA with only those two in assembly it runs them.
func splineKnotsVia[T Float](t *table[T], x []T, sp *SplineKnots[T], s, wb, y []T) {
	k, m := sp.kn.k, sp.m
	w := k + 1
	var idx [splineKnotsChunk]int32
	var val [splineKnotsChunk * (MaxBasisOrder + 1)]T
	for r0 := 0; r0 < len(x); r0 += splineKnotsChunk {
		r1 := min(r0+splineKnotsChunk, len(x))
		b := r1 - r0
		t.basisKnots(x[r0:r1], sp.kn, idx[:b], val[:b*w], nil)
		t.splineAcc(m, k, idx[:b], val[:b*w], s[r0:r1], wb, sp.ws, y[r0*m:r1*m])
	}
}
