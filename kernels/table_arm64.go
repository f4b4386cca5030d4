//go:build !purego

package kernels

// archTables lists the NEON kernels, hand-written in *_arm64.s. Pow64 has
// none, so it runs math.Pow and the "math" family's implementation name
// lists it as generic. The math kernels are block kernels (see runBlocks in
// math.go): a block of 4 holding an input outside the fast domain goes to
// the reference.
func archTables() (t32 *table[float32], t64 *table[float64]) {
	t32, t64 = &table[float32]{}, &table[float64]{}
	t32.add, t64.add = add32NEON, add64NEON
	t32.sub, t64.sub = sub32NEON, sub64NEON
	t32.mul, t64.mul = mul32NEON, mul64NEON
	t32.div, t64.div = div32NEON, div64NEON
	t32.fma, t64.fma = fma32NEON, fma64NEON
	t32.addScalar, t64.addScalar = addScalar32NEON, addScalar64NEON
	t32.mulScalar, t64.mulScalar = mulScalar32NEON, mulScalar64NEON
	t32.axpy, t64.axpy = axpy32NEON, axpy64NEON
	t32.neg, t64.neg = neg32NEON, neg64NEON
	t32.abs, t64.abs = abs32NEON, abs64NEON
	t32.square, t64.square = square32NEON, square64NEON
	t32.cube, t64.cube = cube32NEON, cube64NEON
	t32.sqrt, t64.sqrt = sqrt32NEON, sqrt64NEON
	t32.fill, t64.fill = fill32NEON, fill64NEON

	t32.exp, t64.exp = blockUnary(exp32NEON, expGeneric), blockUnary(exp64NEON, expGeneric)
	t32.log, t64.log = blockUnary(log32NEON, logGeneric), blockUnary(log64NEON, logGeneric)
	t32.sin, t64.sin = blockUnary(sin32NEON, sinGeneric), blockUnary(sin64NEON, sinGeneric)
	t32.cos, t64.cos = blockUnary(cos32NEON, cosGeneric), blockUnary(cos64NEON, cosGeneric)
	t32.tan, t64.tan = blockUnary(tan32NEON, tanGeneric), blockUnary(tan64NEON, tanGeneric)
	t32.tanh, t64.tanh = blockUnary(tanh32NEON, tanhGeneric), blockUnary(tanh64NEON, tanhGeneric)
	t32.sigmoid, t64.sigmoid = blockUnary(sigmoid32NEON, sigmoidGeneric), blockUnary(sigmoid64NEON, sigmoidGeneric)
	t32.silu, t64.silu = blockUnary(silu32NEON, siluGeneric), blockUnary(silu64NEON, siluGeneric)
	t32.pow = blockBinary(pow32NEON, powGeneric)

	t32.sum, t64.sum = sum32NEON, sum64NEON
	t32.dot, t64.dot = dot32NEON, dot64NEON
	t32.sqDiff, t64.sqDiff = sqDiff32NEON, sqDiff64NEON
	t32.wSqDiff, t64.wSqDiff = wSqDiff32NEON, wSqDiff64NEON

	t32.gemm, t64.gemm = sgemmNEON, dgemmNEON
	t32.basisLocal, t64.basisLocal = basisLocalNEON32, basisLocalNEON64
	t32.basisKnots, t64.basisKnots = basisKnotsNEON32, basisKnotsNEON64
	t32.splineAcc, t64.splineAcc = splineAccNEON32, splineAccNEON64
	t32.splineGrad, t64.splineGrad = splineGradNEON32, splineGradNEON64
	t32.splineKnots, t64.splineKnots = splineKnotsNEON32, splineKnotsNEON64
	return t32, t64
}
