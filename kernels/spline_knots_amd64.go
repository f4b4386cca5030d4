//go:build !purego

package kernels

// Integer parameter slots of the AVX2 spline-knots kernels' ipar slice;
// they mirror the sppar* constants of asm/basis.
const (
	spNaNRow = iota
	spRowBytes
	spCount
)

// The AVX2 SplineAccKnots for each precision, orders 1 … basisMaxAsmK.
var (
	splineKnotsAVX2_64 = splineKnotsAVX2([basisMaxAsmK + 1]func(m, n int, x, s, wb, y, knots []float64, ipar []int32, tab []float64){
		nil, splineKnots64K1AVX2, splineKnots64K2AVX2, splineKnots64K3AVX2, splineKnots64K4AVX2, splineKnots64K5AVX2})
	splineKnotsAVX2_32 = splineKnotsAVX2([basisMaxAsmK + 1]func(m, n int, x, s, wb, y, knots []float32, ipar []int32, tab []float32){
		nil, splineKnots32K1AVX2, splineKnots32K2AVX2, splineKnots32K3AVX2, splineKnots32K4AVX2, splineKnots32K5AVX2})
)

// splineKnotsAVX2 returns the AVX2 SplineAccKnots for T: the assembly for
// orders 1 … basisMaxAsmK, the fallback for the others. The float32
// kernel computes silu itself; for float64 the Silu kernel of t fills a
// stack buffer chunk by chunk.
func splineKnotsAVX2[T Float](kern [basisMaxAsmK + 1]func(m, n int, x, s, wb, y, knots []T, ipar []int32, tab []T)) func(t *table[T], x []T, sp *SplineKnots[T], wb, y []T) {
	return func(t *table[T], x []T, sp *SplineKnots[T], wb, y []T) {
		kn := sp.kn
		k := kn.k
		if k < 1 || k > basisMaxAsmK {
			splineKnotsVia(t, x, sp, wb, y)
			return
		}
		es := sizeOf[T]()
		ipar := [spCount]int32{spNaNRow: int32(len(kn.t) + 1), spRowBytes: int32(splineKnotsRowLen(k, sp.m) * es)}
		knots, f, m := knotsOf[T](kn), kern[k], sp.m
		run := func(x, s, y []T) {
			splineKnotsRun(32/es, x, s, y, m, func(n int, x, s, y []T) {
				f(m, n, x, s, wb, y, knots, ipar[:], sp.tab)
			})
		}
		if es == 4 {
			run(x, nil, y)
			return
		}
		var s [splineKnotsChunk]T
		for r0 := 0; r0 < len(x); r0 += splineKnotsChunk {
			r1 := min(r0+splineKnotsChunk, len(x))
			t.silu(s[:r1-r0], x[r0:r1])
			run(x[r0:r1], s[:r1-r0], y[r0*m:r1*m])
		}
	}
}

// splineKnotsRun runs a spline-knots kernel over the whole vectors of x
// and then over the last rows, their points copied into a vector-sized
// stack buffer: the kernel reads whole vectors of x but reads s and
// writes y for its n rows only.
func splineKnotsRun[T Float](lanes int, x, s, y []T, m int, kern func(n int, x, s, y []T)) {
	n := len(x)
	full := n / lanes * lanes
	if full > 0 {
		kern(full, x[:full], s, y)
	}
	if r := n - full; r > 0 {
		var xb [8]T
		copy(xb[:], x[full:])
		kern(r, xb[:lanes], sub(s, full, r), y[full*m:])
	}
}
