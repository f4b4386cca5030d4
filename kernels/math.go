package kernels

// Math functions over whole slices. Each has the semantics of its generic
// reference in math_generic.go: the float32 versions are
// float32(math.F(float64(x))), and NaN, ±Inf and out-of-domain inputs give
// exactly what the Go function gives.
//
// The assembly versions (AVX2 generated from ../asm/elementwise; NEON in
// math_arm64.s) evaluate polynomial approximations in float64 and give
// NaN, ±Inf, overflowing, zero and negative inputs the reference's result
// inside the vector loop by compares and blends, so such values (common
// in symbolic regression) cost no more than ordinary ones. Only rare "hard"
// lanes, listed on each function, run the Go reference: on AVX2 just those
// elements (runLanes), on NEON their block of 4 (runBlocks). Float32
// results are computed in float64 and rounded once, so they are within
// 1 ulp of the reference (the tests' scans of all binades found no
// difference at all). The AVX2 float64 kernels repeat the Go functions'
// operations (amd64 assembly for Exp and Log, Go source order elsewhere),
// so they are bit-identical to the reference in a default build; the tests
// enforce the NEON bounds stated below, which hold on both ISAs
// (TestMathScan64 scans all binades plus a dense typical range; TestMath64
// and TestMathMixed add random, special and edge inputs; Pow64 must match
// exactly).

// Exp sets dst[i] = e^a[i]. float32: NEON hard lanes 708 < a ≤ 710 and
// -746 ≤ a < -708. float64: AVX2 bit-identical (a copy of amd64's
// exp_amd64.s, subnormal and overflow handling included), no hard lanes;
// NEON within 2 ulp for |a| ≤ 708 (k·ln2 reduction, degree-13 Taylor
// polynomial), +Inf above 710, 0 below -746, hard lanes 708 < a ≤ 710 and
// -746 ≤ a < -708.
func Exp[T Float](dst, a []T) { tableOf[T]().exp(dst, a[:len(dst)]) }

// Log sets dst[i] = ln a[i]. float32: no hard lanes. float64: zero,
// negatives, +Inf and NaN are blended in; AVX2 bit-identical (a copy of
// amd64's log_amd64.s, which reads a subnormal's exponent field as is), no
// hard lanes; NEON within 2 ulp (math.Log's fdlibm method), subnormal a are
// hard lanes (arm64's math.Log normalises them).
func Log[T Float](dst, a []T) { tableOf[T]().log(dst, a[:len(dst)]) }

// Sin sets dst[i] = sin a[i]. Hard lanes: finite |a| ≥ 2^29
// (Payne–Hanek). float64: for |a| < 2^29 the vector code repeats math.Sin's
// Cody–Waite reduction operation for operation (so even arguments near
// multiples of π agree) and its polynomials: AVX2 unfused in Go's order
// (bit-identical to math.Sin in a default GOAMD64=v1 build), NEON within 2
// ulp. ±Inf, NaN → NaN.
func Sin[T Float](dst, a []T) { tableOf[T]().sin(dst, a[:len(dst)]) }

// Cos sets dst[i] = cos a[i]; as Sin.
func Cos[T Float](dst, a []T) { tableOf[T]().cos(dst, a[:len(dst)]) }

// Tan sets dst[i] = tan a[i]; as Sin, but float64 NEON within 4 ulp.
func Tan[T Float](dst, a []T) { tableOf[T]().tan(dst, a[:len(dst)]) }

// Tanh sets dst[i] = tanh a[i]. No hard lanes. float64: ±Inf and |a| > 22
// give ±1 exactly, NaN gives NaN; AVX2 uses math.Tanh's formulas with its
// operation order and the bit-exact exp (bit-identical in a GOAMD64=v1
// build), NEON is within 4 ulp.
func Tanh[T Float](dst, a []T) { tableOf[T]().tanh(dst, a[:len(dst)]) }

// Sigmoid sets dst[i] = 1/(1+e^-a[i]). float32: NEON hard lanes
// -710 ≤ a < -708. float64: AVX2 bit-identical (bit-exact exp), no hard
// lanes; NEON within 4 ulp, 0 below -710, hard lanes -710 ≤ a < -708 (e^-a
// near the overflow limit).
func Sigmoid[T Float](dst, a []T) { tableOf[T]().sigmoid(dst, a[:len(dst)]) }

// Silu sets dst[i] = a[i]/(1+e^-a[i]); as Sigmoid (-0 far below zero, NaN
// at -Inf, as the reference).
func Silu[T Float](dst, a []T) { tableOf[T]().silu(dst, a[:len(dst)]) }

// Pow sets dst[i] = a[i]^b[i] with math.Pow semantics.
//
// float32 assembly: e^(b·ln a) in float64 where a > 0 is finite and b is
// finite (the float64 error, about |b·ln a| float64 ulps, vanishes in the
// rounding to float32; |b·ln a| > 708 saturates to +Inf or 0). On AVX2 a
// finite negative a with a finite non-integer b gives NaN in the vector
// code too; every other pair (zero, infinite or NaN operands, negative
// bases with integer exponents; on NEON also |b·ln a| > 708 and negative
// bases) is a hard lane and takes math.Pow.
//
// float64: AVX2 is bit-identical to math.Pow — it repeats math.Pow
// operation for operation, with copies of amd64's math.Log and math.Exp
// (log_amd64.s, exp_amd64.s's FMA path) for the fractional part of b, the
// same repeated squaring for the integer part and Ldexp; hard lanes
// (math.Pow per element): a zero, subnormal or infinite, b infinite or
// |b| ≥ 2^52. NEON: math.Pow (a vector version would have to copy arm64's
// pure-Go math.Log bit for bit as well, since a 1-ulp difference in ln a
// grows to hundreds of ulps in the result).
func Pow[T Float](dst, a, b []T) { n := len(dst); tableOf[T]().pow(dst, a[:n], b[:n]) }

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

// runLanes drives a lane kernel, one that handles special values itself
// and leaves only rare hard lanes: kern processes whole blocks of
// blockLanes elements from the start of its slices; at the first block
// with hard lanes it writes the block's other lanes and returns the
// block's index and a bit mask of the hard lanes (bit l: element l of the
// block), else the number of elements done and 0. runLanes computes the
// hard lanes one by one with ref (their inputs are intact, also in place)
// and resumes after the block. The last partial block goes to ref.
func runLanes[T Float](dst, a, b []T, kern func(dst, a, b []T) (int, int), ref func(dst, a, b []T)) {
	n := len(dst)
	i := 0
	for n-i >= blockLanes {
		k, hard := kern(dst[i:n], a[i:n], subOrNil(b, i, n))
		i += k
		if hard == 0 {
			break
		}
		for l := 0; l < blockLanes; l++ {
			if hard&(1<<l) != 0 {
				j := i + l
				ref(dst[j:j+1], a[j:j+1], subOrNil(b, j, j+1))
			}
		}
		i += blockLanes
	}
	if i < n {
		ref(dst[i:n], a[i:n], subOrNil(b, i, n))
	}
}

// laneUnary wraps a unary lane kernel and its reference into a slice function.
func laneUnary[T Float](kern func(dst, a []T) (int, int), ref func(dst, a []T)) func(dst, a []T) {
	k := func(dst, a, _ []T) (int, int) { return kern(dst, a) }
	r := func(dst, a, _ []T) { ref(dst, a) }
	return func(dst, a []T) { runLanes(dst, a, nil, k, r) }
}

// laneBinary wraps a binary lane kernel and its reference into a slice function.
func laneBinary[T Float](kern func(dst, a, b []T) (int, int), ref func(dst, a, b []T)) func(dst, a, b []T) {
	return func(dst, a, b []T) { runLanes(dst, a, b, kern, ref) }
}
