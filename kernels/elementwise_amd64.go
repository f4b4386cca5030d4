//go:build !purego

package kernels

// The AVX2+FMA kernels (generated into elementwise_amd64.s by
// ../asm/elementwise). Pow64 repeats math.Pow bit for bit (see
// ../asm/elementwise/pow64.go). The math kernels are
// lane kernels (see runLanes in math.go): special values are handled in
// the vector code and only hard lanes go to the reference, one by one.

const ewArchISA = AVX2

var ewArch = &ewTable{
	add32: add32AVX2, sub32: sub32AVX2, mul32: mul32AVX2, div32: div32AVX2,
	add64: add64AVX2, sub64: sub64AVX2, mul64: mul64AVX2, div64: div64AVX2,
	fma32: fma32AVX2, fma64: fma64AVX2,
	addScalar32: addScalar32AVX2, mulScalar32: mulScalar32AVX2, axpy32: axpy32AVX2,
	addScalar64: addScalar64AVX2, mulScalar64: mulScalar64AVX2, axpy64: axpy64AVX2,
	neg32: neg32AVX2, abs32: abs32AVX2, square32: square32AVX2, cube32: cube32AVX2, sqrt32: sqrt32AVX2,
	neg64: neg64AVX2, abs64: abs64AVX2, square64: square64AVX2, cube64: cube64AVX2, sqrt64: sqrt64AVX2,
	fill32: fill32AVX2, fill64: fill64AVX2,

	exp32:     laneUnary(exp32AVX2, expGeneric[float32]),
	log32:     laneUnary(log32AVX2, logGeneric[float32]),
	sin32:     laneUnary(sin32AVX2, sinGeneric[float32]),
	cos32:     laneUnary(cos32AVX2, cosGeneric[float32]),
	tan32:     laneUnary(tan32AVX2, tanGeneric[float32]),
	tanh32:    laneUnary(tanh32AVX2, tanhGeneric[float32]),
	sigmoid32: laneUnary(sigmoid32AVX2, sigmoidGeneric[float32]),
	silu32:    laneUnary(silu32AVX2, siluGeneric[float32]),
	exp64:     laneUnary(exp64AVX2, expGeneric[float64]),
	log64:     laneUnary(log64AVX2, logGeneric[float64]),
	sin64:     laneUnary(sin64AVX2, sinGeneric[float64]),
	cos64:     laneUnary(cos64AVX2, cosGeneric[float64]),
	tan64:     laneUnary(tan64AVX2, tanGeneric[float64]),
	tanh64:    laneUnary(tanh64AVX2, tanhGeneric[float64]),
	sigmoid64: laneUnary(sigmoid64AVX2, sigmoidGeneric[float64]),
	silu64:    laneUnary(silu64AVX2, siluGeneric[float64]),
	pow32:     laneBinary(pow32AVX2, powGeneric[float32]),
	pow64:     laneBinary(pow64AVX2, powGeneric[float64]),
}

var reduceArch = &redTable{
	sum32: sum32AVX2, sum64: sum64AVX2,
	dot32: dot32AVX2, dot64: dot64AVX2,
	sqDiff32: sqDiff32AVX2, sqDiff64: sqDiff64AVX2,
	wSqDiff32: wSqDiff32AVX2, wSqDiff64: wSqDiff64AVX2,
}
