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
// orders 1 … basisMaxAsmK over the whole vectors of x and then the last
// rows, their points copied into a vector-sized stack buffer (the kernel
// reads whole vectors of x but writes only n rows); the fallback for the
// other orders.
func splineKnotsAVX2[T Float](kern [basisMaxAsmK + 1]func(m, n int, x, s, wb, y, knots []T, ipar []int32, tab []T)) func(t *table[T], x []T, sp *SplineKnots[T], s, wb, y []T) {
	return func(t *table[T], x []T, sp *SplineKnots[T], s, wb, y []T) {
		kn := sp.kn
		k := kn.k
		if k < 1 || k > basisMaxAsmK {
			splineKnotsVia(t, x, sp, s, wb, y)
			return
		}
		es := sizeOf[T]()
		lanes := 32 / es
		ipar := [spCount]int32{spNaNRow: int32(len(kn.t) + 1), spRowBytes: int32(splineKnotsRowLen(k, sp.m) * es)}
		knots, f, m := knotsOf[T](kn), kern[k], sp.m
		n := len(x)
		full := n / lanes * lanes
		if full > 0 {
			f(m, full, x[:full], s, wb, y, knots, ipar[:], sp.tab)
		}
		if r := n - full; r > 0 {
			var xb [8]T
			copy(xb[:], x[full:])
			f(m, r, xb[:lanes], s[full:], wb, y[full*m:], knots, ipar[:], sp.tab)
		}
	}
}
