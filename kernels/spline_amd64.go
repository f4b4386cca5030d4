//go:build !purego

package kernels

// The AVX2 fused KAN kernels by precision and order 1 … basisMaxAsmK.
var (
	splineAccAVX2_64 = splineAccAVX2([basisMaxAsmK + 1]func(m int, idx []int32, v, s, wb, ws, y []float64){
		nil, splineAcc64K1AVX2, splineAcc64K2AVX2, splineAcc64K3AVX2, splineAcc64K4AVX2, splineAcc64K5AVX2})
	splineAccAVX2_32 = splineAccAVX2([basisMaxAsmK + 1]func(m int, idx []int32, v, s, wb, ws, y []float32){
		nil, splineAcc32K1AVX2, splineAcc32K2AVX2, splineAcc32K3AVX2, splineAcc32K4AVX2, splineAcc32K5AVX2})
	splineGradAVX2_64 = splineGradAVX2([basisMaxAsmK + 1]func(m int, idx []int32, v, d, s, ds, wb, ws, dy, gb, gs, dx []float64){
		nil, splineGrad64K1AVX2, splineGrad64K2AVX2, splineGrad64K3AVX2, splineGrad64K4AVX2, splineGrad64K5AVX2})
	splineGradAVX2_32 = splineGradAVX2([basisMaxAsmK + 1]func(m int, idx []int32, v, d, s, ds, wb, ws, dy, gb, gs, dx []float32){
		nil, splineGrad32K1AVX2, splineGrad32K2AVX2, splineGrad32K3AVX2, splineGrad32K4AVX2, splineGrad32K5AVX2})
)

func splineAccAVX2[T Float](kern [basisMaxAsmK + 1]func(m int, idx []int32, v, s, wb, ws, y []T)) func(m, k int, idx []int32, v, s, wb, ws, y []T) {
	return func(m, k int, idx []int32, v, s, wb, ws, y []T) {
		if k < 1 || k > basisMaxAsmK {
			splineAccGeneric(m, k, idx, v, s, wb, ws, y)
			return
		}
		kern[k](m, idx, v, s, wb, ws, y)
	}
}

func splineGradAVX2[T Float](kern [basisMaxAsmK + 1]func(m int, idx []int32, v, d, s, ds, wb, ws, dy, gb, gs, dx []T)) func(m, k int, idx []int32, v, d, s, ds, wb, ws, dy, gb, gs, dx []T) {
	return func(m, k int, idx []int32, v, d, s, ds, wb, ws, dy, gb, gs, dx []T) {
		if k < 1 || k > basisMaxAsmK {
			splineGradGeneric(m, k, idx, v, d, s, ds, wb, ws, dy, gb, gs, dx)
			return
		}
		kern[k](m, idx, v, d, s, ds, wb, ws, dy, gb, gs, dx)
	}
}
