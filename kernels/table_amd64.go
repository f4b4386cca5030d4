//go:build !purego

package kernels

// archTables lists the AVX2+FMA kernels (generated into *_amd64.s by the
// avo programs in ../asm); every kernel of every family has one. Pow64
// repeats math.Pow bit for bit (see ../asm/elementwise/pow64.go). The math
// kernels are lane kernels (see runLanes in math.go): special values are
// handled in the vector code and only hard lanes go to the reference, one
// by one.
func archTables() (t32 *table[float32], t64 *table[float64]) {
	t32, t64 = &table[float32]{}, &table[float64]{}
	t32.add, t64.add = add32AVX2, add64AVX2
	t32.sub, t64.sub = sub32AVX2, sub64AVX2
	t32.mul, t64.mul = mul32AVX2, mul64AVX2
	t32.div, t64.div = div32AVX2, div64AVX2
	t32.fma, t64.fma = fma32AVX2, fma64AVX2
	t32.addScalar, t64.addScalar = addScalar32AVX2, addScalar64AVX2
	t32.mulScalar, t64.mulScalar = mulScalar32AVX2, mulScalar64AVX2
	t32.axpy, t64.axpy = axpy32AVX2, axpy64AVX2
	t32.neg, t64.neg = neg32AVX2, neg64AVX2
	t32.abs, t64.abs = abs32AVX2, abs64AVX2
	t32.square, t64.square = square32AVX2, square64AVX2
	t32.cube, t64.cube = cube32AVX2, cube64AVX2
	t32.sqrt, t64.sqrt = sqrt32AVX2, sqrt64AVX2
	t32.fill, t64.fill = fill32AVX2, fill64AVX2

	t32.exp, t64.exp = laneUnary(exp32AVX2, expGeneric), laneUnary(exp64AVX2, expGeneric)
	t32.log, t64.log = laneUnary(log32AVX2, logGeneric), laneUnary(log64AVX2, logGeneric)
	t32.sin, t64.sin = laneUnary(sin32AVX2, sinGeneric), laneUnary(sin64AVX2, sinGeneric)
	t32.cos, t64.cos = laneUnary(cos32AVX2, cosGeneric), laneUnary(cos64AVX2, cosGeneric)
	t32.tan, t64.tan = laneUnary(tan32AVX2, tanGeneric), laneUnary(tan64AVX2, tanGeneric)
	t32.tanh, t64.tanh = laneUnary(tanh32AVX2, tanhGeneric), laneUnary(tanh64AVX2, tanhGeneric)
	t32.sigmoid, t64.sigmoid = laneUnary(sigmoid32AVX2, sigmoidGeneric), laneUnary(sigmoid64AVX2, sigmoidGeneric)
	t32.silu, t64.silu = laneUnary(silu32AVX2, siluGeneric), laneUnary(silu64AVX2, siluGeneric)
	t32.pow, t64.pow = laneBinary(pow32AVX2, powGeneric), laneBinary(pow64AVX2, powGeneric)

	t32.sum, t64.sum = sum32AVX2, sum64AVX2
	t32.dot, t64.dot = dot32AVX2, dot64AVX2
	t32.sqDiff, t64.sqDiff = sqDiff32AVX2, sqDiff64AVX2
	t32.wSqDiff, t64.wSqDiff = wSqDiff32AVX2, wSqDiff64AVX2

	t32.gemm, t64.gemm = sgemmAVX2, dgemmAVX2
	t32.basisLocal, t64.basisLocal = basisLocalAVX2_32, basisLocalAVX2_64
	t32.basisKnots, t64.basisKnots = basisKnotsAVX2_32, basisKnotsAVX2_64
	t32.splineAcc, t64.splineAcc = splineAccAVX2_32, splineAccAVX2_64
	t32.splineGrad, t64.splineGrad = splineGradAVX2_32, splineGradAVX2_64
	t32.splineKnots, t64.splineKnots = splineKnotsAVX2_32, splineKnotsAVX2_64
	return t32, t64
}
