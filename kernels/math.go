package kernels

// Math functions over whole slices. Each has the semantics of its generic
// reference in math_generic.go: the float32 versions are
// float32(math.F(float64(x))), and NaN, ±Inf and out-of-domain inputs give
// exactly what the Go function gives.
//
// The assembly versions (AVX2 generated from ../asm/elementwise; NEON in
// math_arm64.s) evaluate polynomial approximations in float64 inside a
// fast domain documented on each function, and hand any block of inputs
// holding a value outside it (NaN, overflow, huge trigonometric arguments,
// …) to the reference. Float32 results are computed in float64 and rounded
// once, so they are within 1 ulp of the reference (the tests' scans of all
// binades found no difference at all). The float64 bounds below are the
// ones the tests enforce (TestMathScan64 scans all binades plus a dense
// typical range; TestMath64 adds random and special inputs).

// Exp32 sets dst[i] = e^a[i]. Assembly: fast domain |a| ≤ 708.
func Exp32(dst, a []float32) { ew.exp32(dst, a[:len(dst)]) }

// Exp64 sets dst[i] = e^a[i]. Assembly: within 2 ulp for |a| ≤ 708
// (k·ln2 reduction, degree-13 Taylor polynomial).
func Exp64(dst, a []float64) { ew.exp64(dst, a[:len(dst)]) }

// Log32 sets dst[i] = ln a[i]. Assembly: fast domain 0 < a < +Inf.
func Log32(dst, a []float32) { ew.log32(dst, a[:len(dst)]) }

// Log64 sets dst[i] = ln a[i]. Assembly: within 2 ulp for normal,
// finite a > 0 (math.Log's fdlibm method); zero, negatives, subnormals,
// +Inf and NaN take the reference path.
func Log64(dst, a []float64) { ew.log64(dst, a[:len(dst)]) }

// Sin32 sets dst[i] = sin a[i]. Assembly: fast domain |a| < 2^29.
func Sin32(dst, a []float32) { ew.sin32(dst, a[:len(dst)]) }

// Sin64 sets dst[i] = sin a[i]. Assembly: within 2 ulp of math.Sin for
// |a| < 2^29, where it repeats math.Sin's Cody–Waite reduction operation
// for operation (so even arguments near multiples of π agree); larger |a|
// takes the reference (Payne–Hanek) path.
func Sin64(dst, a []float64) { ew.sin64(dst, a[:len(dst)]) }

// Cos32 sets dst[i] = cos a[i]. Assembly: fast domain |a| < 2^29.
func Cos32(dst, a []float32) { ew.cos32(dst, a[:len(dst)]) }

// Cos64 sets dst[i] = cos a[i]. Assembly: within 2 ulp of math.Cos for |a| < 2^29.
func Cos64(dst, a []float64) { ew.cos64(dst, a[:len(dst)]) }

// Tan32 sets dst[i] = tan a[i]. Assembly: fast domain |a| < 2^29.
func Tan32(dst, a []float32) { ew.tan32(dst, a[:len(dst)]) }

// Tan64 sets dst[i] = tan a[i]. Assembly: within 4 ulp of math.Tan for |a| < 2^29.
func Tan64(dst, a []float64) { ew.tan64(dst, a[:len(dst)]) }

// Tanh32 sets dst[i] = tanh a[i]. Assembly: every a except NaN.
func Tanh32(dst, a []float32) { ew.tanh32(dst, a[:len(dst)]) }

// Tanh64 sets dst[i] = tanh a[i]. Assembly: within 4 ulp for every a
// except NaN (±Inf and |a| > 22 give ±1 exactly).
func Tanh64(dst, a []float64) { ew.tanh64(dst, a[:len(dst)]) }

// Sigmoid32 sets dst[i] = 1/(1+e^-a[i]). Assembly: fast domain a ≥ -708.
func Sigmoid32(dst, a []float32) { ew.sigmoid32(dst, a[:len(dst)]) }

// Sigmoid64 sets dst[i] = 1/(1+e^-a[i]). Assembly: within 4 ulp for a ≥ -708.
func Sigmoid64(dst, a []float64) { ew.sigmoid64(dst, a[:len(dst)]) }

// Silu32 sets dst[i] = a[i]/(1+e^-a[i]). Assembly: fast domain a ≥ -708.
func Silu32(dst, a []float32) { ew.silu32(dst, a[:len(dst)]) }

// Silu64 sets dst[i] = a[i]/(1+e^-a[i]). Assembly: within 4 ulp for a ≥ -708.
func Silu64(dst, a []float64) { ew.silu64(dst, a[:len(dst)]) }

// Pow32 sets dst[i] = a[i]^b[i] with math.Pow semantics. Assembly:
// e^(b·ln a) in float64 where a > 0 is finite, b is finite and
// |b·ln a| ≤ 708 (the float64 error, about |b·ln a| float64 ulps, vanishes
// in the rounding to float32); every other pair takes math.Pow.
func Pow32(dst, a, b []float32) { n := len(dst); ew.pow32(dst, a[:n], b[:n]) }

// Pow64 sets dst[i] = a[i]^b[i] with math.Pow semantics. It always runs
// math.Pow: e^(b·ln a) in float64 loses up to |b·ln a| ulps, and even an
// extended-precision version could not promise a few ulps against
// math.Pow, which raises to the integer part of b by repeated squaring
// (errors growing with b).
func Pow64(dst, a, b []float64) { n := len(dst); ew.pow64(dst, a[:n], b[:n]) }

// blockLanes is the block size runBlocks works in; the kernels' own block
// sizes (8 for AVX2, 4 for NEON) divide it.
const blockLanes = 8

// runBlocks drives a block kernel. kern processes whole blocks (of a size
// dividing blockLanes) from the start of its slices and returns how many
// elements it wrote: it stops before the first block holding an input
// outside its fast domain, without writing that block, so in-place calls
// stay correct. runBlocks hands the next blockLanes elements to ref and
// resumes after them. The last partial block (fewer than blockLanes
// elements) also goes to ref: padding it through a buffer would cost a heap
// allocation per call, since kern is called through a func value. For
// unary kernels b is nil.
func runBlocks[T Float](dst, a, b []T, kern func(dst, a, b []T) int, ref func(dst, a, b []T)) {
	n := len(dst)
	i := 0
	for n-i >= blockLanes {
		i += kern(dst[i:n], a[i:n], subOrNil(b, i, n))
		if n-i >= blockLanes {
			j := i + blockLanes
			ref(dst[i:j], a[i:j], subOrNil(b, i, j))
			i = j
		}
	}
	if i < n {
		ref(dst[i:n], a[i:n], subOrNil(b, i, n))
	}
}

// subOrNil is b[i:j], or nil for a nil b.
func subOrNil[T Float](b []T, i, j int) []T {
	if b == nil {
		return nil
	}
	return b[i:j]
}

// blockUnary wraps a unary block kernel and its reference into a slice function.
func blockUnary[T Float](kern func(dst, a []T) int, ref func(dst, a []T)) func(dst, a []T) {
	k := func(dst, a, _ []T) int { return kern(dst, a) }
	r := func(dst, a, _ []T) { ref(dst, a) }
	return func(dst, a []T) { runBlocks(dst, a, nil, k, r) }
}

// blockBinary wraps a binary block kernel and its reference into a slice function.
func blockBinary[T Float](kern func(dst, a, b []T) int, ref func(dst, a, b []T)) func(dst, a, b []T) {
	return func(dst, a, b []T) { runBlocks(dst, a, b, kern, ref) }
}
