//go:build !purego

package kernels

// basisKnots64NEON is the NEON general-knot basis (basis_knots_arm64.s)
// for any order 1 … basisNEONMaxK; it stores the table's padded width per
// point, so it runs through basisNEONRun.
//
//go:noescape
func basisKnots64NEON(x []float64, idx []int32, val []float64, der []float64, knots []float64, tab []float64, ipar []int64)

// basisKnots32NEON is basisKnots64NEON for float32 points and knots.
//
//go:noescape
func basisKnots32NEON(x []float32, idx []int32, val []float32, der []float32, knots []float32, tab []float32, ipar []int64)

// The NEON general-knot basis for each precision.
var (
	basisKnotsNEON64 = basisKnotsNEON(basisKnots64NEON)
	basisKnotsNEON32 = basisKnotsNEON(basisKnots32NEON)
)

// basisKnotsNEON returns the NEON BasisLocalKnots for T around kern: the
// table is padded as for AVX2 (a multiple of the 16-byte vector, at most
// basisNEONWide elements); orders outside 1 … basisNEONMaxK run the
// reference.
func basisKnotsNEON[T Float](kern func(x []T, idx []int32, val, der, knots, tab []T, ipar []int64)) func(x []T, kn *Knots, idx []int32, val, der []T) {
	return func(x []T, kn *Knots, idx []int32, val, der []T) {
		k := kn.k
		if k < 1 || k > basisNEONMaxK {
			basisKnotsGeneric(x, kn, idx, val, der)
			return
		}
		es := sizeOf[T]()
		p := basisPadAVX2(8*es, k)
		tab := knotsTable[T](kn, p)
		ipar := [...]int64{int64(k), int64(p * es), int64(knotsRowLen(k, p) * es), int64(kn.lastIdx()),
			int64(len(kn.t) + 1), int64((2*k + 1) * p * es), int64((k + 1) * es)}
		knots := knotsOf[T](kn)
		basisNEONRun(x, k, idx, val, der, nil, func(x []T, idx []int32, val, der []T) {
			kern(x, idx, val, der, knots, tab, ipar[:])
		})
	}
}
