//go:build !purego

package kernels

// NEON kernels, hand-written in elementwise_arm64.s (arithmetic) and
// math_arm64.s (math functions). Pow64 stays nil, so it runs math.Pow and
// the "elementwise" implementation name lists it as generic.
const ewArchISA = NEON

var ewArch = &ewTable{
	add32: add32NEON, sub32: sub32NEON, mul32: mul32NEON, div32: div32NEON,
	add64: add64NEON, sub64: sub64NEON, mul64: mul64NEON, div64: div64NEON,
	fma32: fma32NEON, fma64: fma64NEON,
	addScalar32: addScalar32NEON, mulScalar32: mulScalar32NEON, axpy32: axpy32NEON,
	addScalar64: addScalar64NEON, mulScalar64: mulScalar64NEON, axpy64: axpy64NEON,
	neg32: neg32NEON, abs32: abs32NEON, square32: square32NEON, cube32: cube32NEON, sqrt32: sqrt32NEON,
	neg64: neg64NEON, abs64: abs64NEON, square64: square64NEON, cube64: cube64NEON, sqrt64: sqrt64NEON,
	fill32: fill32NEON, fill64: fill64NEON,

	exp32:     blockUnary(exp32NEON, expGeneric[float32]),
	log32:     blockUnary(log32NEON, logGeneric[float32]),
	sin32:     blockUnary(sin32NEON, sinGeneric[float32]),
	cos32:     blockUnary(cos32NEON, cosGeneric[float32]),
	tan32:     blockUnary(tan32NEON, tanGeneric[float32]),
	tanh32:    blockUnary(tanh32NEON, tanhGeneric[float32]),
	sigmoid32: blockUnary(sigmoid32NEON, sigmoidGeneric[float32]),
	silu32:    blockUnary(silu32NEON, siluGeneric[float32]),
	exp64:     blockUnary(exp64NEON, expGeneric[float64]),
	log64:     blockUnary(log64NEON, logGeneric[float64]),
	sin64:     blockUnary(sin64NEON, sinGeneric[float64]),
	cos64:     blockUnary(cos64NEON, cosGeneric[float64]),
	tan64:     blockUnary(tan64NEON, tanGeneric[float64]),
	tanh64:    blockUnary(tanh64NEON, tanhGeneric[float64]),
	sigmoid64: blockUnary(sigmoid64NEON, sigmoidGeneric[float64]),
	silu64:    blockUnary(silu64NEON, siluGeneric[float64]),
	pow32:     blockBinary(pow32NEON, powGeneric[float32]),
}

//go:noescape
func add32NEON(dst, a, b []float32)

//go:noescape
func add64NEON(dst, a, b []float64)

//go:noescape
func sub32NEON(dst, a, b []float32)

//go:noescape
func sub64NEON(dst, a, b []float64)

//go:noescape
func mul32NEON(dst, a, b []float32)

//go:noescape
func mul64NEON(dst, a, b []float64)

//go:noescape
func div32NEON(dst, a, b []float32)

//go:noescape
func div64NEON(dst, a, b []float64)

//go:noescape
func fma32NEON(dst, a, b, c []float32)

//go:noescape
func fma64NEON(dst, a, b, c []float64)

//go:noescape
func addScalar32NEON(dst, a []float32, s float32)

//go:noescape
func addScalar64NEON(dst, a []float64, s float64)

//go:noescape
func mulScalar32NEON(dst, a []float32, s float32)

//go:noescape
func mulScalar64NEON(dst, a []float64, s float64)

//go:noescape
func axpy32NEON(dst, a []float32, s float32)

//go:noescape
func axpy64NEON(dst, a []float64, s float64)

//go:noescape
func neg32NEON(dst, a []float32)

//go:noescape
func neg64NEON(dst, a []float64)

//go:noescape
func abs32NEON(dst, a []float32)

//go:noescape
func abs64NEON(dst, a []float64)

//go:noescape
func square32NEON(dst, a []float32)

//go:noescape
func square64NEON(dst, a []float64)

//go:noescape
func cube32NEON(dst, a []float32)

//go:noescape
func cube64NEON(dst, a []float64)

//go:noescape
func sqrt32NEON(dst, a []float32)

//go:noescape
func sqrt64NEON(dst, a []float64)

//go:noescape
func fill32NEON(dst []float32, v float32)

//go:noescape
func fill64NEON(dst []float64, v float64)
