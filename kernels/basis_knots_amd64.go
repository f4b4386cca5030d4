//go:build !purego

package kernels

// Integer parameter slots of the AVX2 knots kernels' ipar slice; they
// mirror the kpar* constants of asm/basis.
const (
	kpBias = iota
	kpLastIdx
	kpNaNRow
	kpRowBytes
	kpCount
)

// The AVX2 general-knot basis for each precision, orders 1 … basisMaxAsmK.
var (
	basisKnotsAVX2_64 = basisKnotsAVX2([basisMaxAsmK + 1]func(x []float64, idx []int32, val, der, knots []float64, ipar []int32, tab []float64){
		nil, basisKnots64K1AVX2, basisKnots64K2AVX2, basisKnots64K3AVX2, basisKnots64K4AVX2, basisKnots64K5AVX2})
	basisKnotsAVX2_32 = basisKnotsAVX2([basisMaxAsmK + 1]func(x []float32, idx []int32, val, der, knots []float32, ipar []int32, tab []float32){
		nil, basisKnots32K1AVX2, basisKnots32K2AVX2, basisKnots32K3AVX2, basisKnots32K4AVX2, basisKnots32K5AVX2})
)

// basisKnotsAVX2 returns the AVX2 BasisLocalKnots for T: the assembly for
// orders 1 … basisMaxAsmK (tail through basisRunAVX2's padded buffers), the
// reference for the others.
func basisKnotsAVX2[T Float](kern [basisMaxAsmK + 1]func(x []T, idx []int32, val, der, knots []T, ipar []int32, tab []T)) func(x []T, kn *Knots, idx []int32, val, der []T) {
	return func(x []T, kn *Knots, idx []int32, val, der []T) {
		k := kn.k
		if k < 1 || k > basisMaxAsmK {
			basisKnotsGeneric(x, kn, idx, val, der)
			return
		}
		es := sizeOf[T]()
		p := basisPadAVX2(8*es, k)
		tab := knotsTable[T](kn, p)
		nk := len(kn.t)
		ipar := [kpCount]int32{
			kpBias: int32(-1 - k), kpLastIdx: int32(kn.lastIdx()), kpNaNRow: int32(nk + 1),
			kpRowBytes: int32(knotsRowLen(k, p) * es),
		}
		knots, f := knotsOf[T](kn), kern[k]
		basisRunAVX2(x, k, 32/es, idx, val, der, nil, tab, func(x []T, idx []int32, val, der, _, tab []T) {
			f(x, idx, val, der, knots, ipar[:], tab)
		})
	}
}
