package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Pow64 repeats math.Pow (pow.go) operation for operation, so its results
// are bit-identical: a1 = Exp(yf·Log(x)) with the copies of amd64's
// math.Log and math.Exp in exactmath.go, then x^yi by the same
// repeated squaring on Frexp(x), then Ldexp. A 1-ulp difference in Log
// would grow to hundreds of ulps in the result for large x, which is why
// nothing here may be reassociated or fused differently.

// loopID numbers the labels of the squaring loops (the core is emitted
// twice per kernel).
var loopID int

// pow64Op is math.Pow. Hard lanes: x zero, subnormal or infinite, y
// infinite or |y| ≥ 2^52, unless an earlier case of math.Pow decides
// (y == 0, x == 1, y == 1, NaN). Written to keep few registers live: the
// masks of the early cases are recomputed after the squaring loop.
func pow64Op(xs []VecVirtual, _ kind) (VecVirtual, VecVirtual) {
	x, y := xs[0], xs[1]

	// done: lanes math.Pow decides before the main path (y == 0, x == 1,
	// y == 1, NaN) or that are hard.
	done, m := YMM(), YMM()
	cmp(cmpEQ, zeroC(), y, done)
	cmp(cmpEQ, f64c(1), x, m)
	VORPD(m, done, done)
	cmp(cmpEQ, f64c(1), y, m)
	VORPD(m, done, done)
	VORPD(nanMask(x), done, done)
	VORPD(nanMask(y), done, done)
	hard := YMM()
	cmp(cmpLT, f64c(0x1p-1022), absOf(x), hard) // zero or subnormal
	cmp(cmpEQ, posInf(), absOf(x), m)
	VORPD(m, hard, hard)
	cmp(cmpGE, f64c(0x1p52), absOf(y), m) // includes infinite y
	VORPD(m, hard, hard)
	VANDNPD(hard, done, hard) // hard &^ done
	VORPD(hard, done, done)

	// yi, yf := Modf(|y|); if yf > 0.5 { yf--; yi++ }; i = int64(yi).
	yi, yf := YMM(), absOf(y)
	VROUNDPD(U8(3), yf, yi) // trunc(|y|)
	VSUBPD(yi, yf, yf)      // exact
	cmp(cmpGT, f64c(0.5), yf, m)
	VANDPD(f64c(1), m, m)
	VSUBPD(m, yf, yf)
	VADDPD(m, yi, yi)
	i := yi
	VADDPD(f64c(0x1p52), i, i)
	VPSUBQ(f64c(0x1p52), i, i)
	VPANDN(i, done, i) // 0 off the main path

	// a1 = Exp(yf*Log(|x|)) where yf != 0, else 1.
	a1 := logArch(absOf(x))
	VMULPD(a1, yf, a1)
	a1 = expArch(a1)
	cmp(cmpEQ, zeroC(), yf, m)
	blendC(m, f64c(1), a1)

	// x1, xe := Frexp(x) (x normal here).
	x1, xe := YMM(), YMM()
	VANDPD(splat64(0x800FFFFFFFFFFFFF), x, x1)
	VORPD(f64c(0.5), x1, x1)
	VPSRLQ(U8(52), absOf(x), xe)
	VPSUBQ(splat64(1022), xe, xe)
	ae := YMM()
	VPXOR(ae, ae, ae)

	loopID++
	loop, end := fmt.Sprintf("pow64_sq%d", loopID), fmt.Sprintf("pow64_sq%d_end", loopID)
	t, u := YMM(), YMM()
	Label(loop)
	VPTEST(i, i)
	JZ(LabelRef(end)) // every lane's i is 0
	// Lanes with |xe| > 4096 add xe to ae once more and stop.
	VPCMPGTQ(splat64(4096), xe, t) // xe > 4096
	VMOVDQU(splat64(uint64(0xFFFFFFFFFFFFF000)), u)
	VPCMPGTQ(xe, u, u) // -4096 > xe
	VPOR(u, t, t)
	VPCMPEQQ(zeroC(), i, u)
	VPANDN(t, u, t) // only lanes with i != 0
	VPANDN(i, t, i) // stop them
	VPAND(xe, t, t)
	VPADDQ(t, ae, ae)
	// if i&1 == 1 { a1 *= x1; ae += xe }
	VPAND(splat64(1), i, t)
	VPCMPEQQ(splat64(1), t, t)
	VMULPD(x1, a1, u)
	VBLENDVPD(t, u, a1, a1)
	VPAND(xe, t, t)
	VPADDQ(t, ae, ae)
	// x1 *= x1; xe <<= 1; if x1 < .5 { x1 += x1; xe-- }
	VMULPD(x1, x1, x1)
	VPADDQ(xe, xe, xe)
	cmp(cmpLT, f64c(0.5), x1, t)
	VADDPD(x1, x1, u)
	VBLENDVPD(t, u, x1, x1)
	VPADDQ(t, xe, xe) // t is -1 where set
	VPSRLQ(U8(1), i, i)
	JMP(LabelRef(loop))
	Label(end)

	// if y < 0 { a1 = 1/a1; ae = -ae }
	cmp(cmpLT, zeroC(), y, m)
	VMOVUPD(f64c(1), t)
	VDIVPD(a1, t, t)
	VBLENDVPD(m, t, a1, a1)
	VPXOR(t, t, t)
	VPSUBQ(ae, t, t)
	VBLENDVPD(m, t, ae, ae)

	// Ldexp(a1, ae): e = ae + exponent of a1 (a1 is normal here).
	e := ae
	VPSRLQ(U8(52), absOf(a1), t)
	VPSUBQ(splat64(1023), t, t)
	VPADDQ(t, e, e)
	VMOVDQU(splat64(uint64(0xFFFFFFFFFFFFFC02)), m) // -1022
	VPCMPGTQ(e, m, m)                               // -1022 > e: subnormal result
	VPAND(splat64(53), m, t)
	VPADDQ(e, t, t) // e+53 where subnormal
	VPADDQ(splat64(1023), t, t)
	VPSLLQ(U8(52), t, t)
	r := YMM()
	VANDPD(splat64(0x800FFFFFFFFFFFFF), a1, r)
	VORPD(t, r, r)
	VMOVUPD(f64c(1), t)
	VBLENDVPD(m, f64c(0x1p-53), t, t)
	VMULPD(t, r, r)
	VANDPD(signMask(64), a1, a1)                    // a1 = ±0 with a1's sign
	VMOVDQU(splat64(uint64(0xFFFFFFFFFFFFFBCD)), m) // -1075
	VPCMPGTQ(e, m, m)                               // -1075 > e: ±0
	blendC(m, a1, r)
	VORPD(posInf(), a1, a1)
	VPCMPGTQ(splat64(1023), e, m) // e > 1023: ±Inf
	blendC(m, a1, r)

	// The cases math.Pow decides first, last to first.
	// x < 0 && yf != 0: NaN (y integer-valued iff trunc(y) == y).
	VROUNDPD(U8(3), y, t)
	cmp(cmpNEQ, t, y, t)
	cmp(cmpLT, zeroC(), x, m)
	VANDPD(t, m, m)
	blendC(m, goNaN(), r)
	// y == ±0.5: Sqrt(x), 1/Sqrt(x).
	VSQRTPD(x, t)
	cmp(cmpEQ, f64c(0.5), y, m)
	blendC(m, t, r)
	VMOVUPD(f64c(1), u)
	VDIVPD(t, u, t)
	cmp(cmpEQ, f64c(-0.5), y, m)
	blendC(m, t, r)
	// NaN operands: NaN; y == 1: x; y == 0 or x == 1: 1.
	VORPD(nanMask(x), nanMask(y), m)
	blendC(m, goNaN(), r)
	cmp(cmpEQ, f64c(1), y, m)
	blendC(m, x, r)
	cmp(cmpEQ, zeroC(), y, m)
	cmp(cmpEQ, f64c(1), x, t)
	VORPD(t, m, m)
	blendC(m, f64c(1), r)
	return r, hard
}
