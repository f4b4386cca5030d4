package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// The math cores work on four float64 lanes. Each returns the result, with
// NaN, ±Inf and out-of-range inputs already given the Go reference's value
// by compares and blends, and a mask that is all-ones in the rare lanes it
// cannot do exactly (nil if none); the kernel has the Go reference compute
// just those lanes. Float32 kernels widen their inputs and round the
// float64 result once, so their error is that of the rounding plus a
// negligible float64 error, and they may saturate (e^708 rounds to +Inf in
// float32) where float64 must be exact.

// VCMPPD predicates: ordered ones are false when either side is NaN,
// cmpUnord and cmpNLEU are true then.
const (
	cmpEQ    = 0x00
	cmpLT    = 0x01
	cmpLE    = 0x02
	cmpGE    = 0x1d
	cmpGT    = 0x1e
	cmpUnord = 0x03 // either side NaN
	cmpNLEU  = 0x06 // not (x ≤ c), or NaN
	cmpNEQ   = 0x0c // ordered not-equal
)

// blendC sets y = c in the lanes where mask is set.
func blendC(mask VecVirtual, c Op, y VecVirtual) { VBLENDVPD(mask, c, y, y) }

// nanMask returns all-ones in the lanes where x is NaN.
func nanMask(x VecVirtual) VecVirtual {
	m := YMM()
	cmp(cmpUnord, x, x, m)
	return m
}

// inRange returns all-ones where lo ≤ x ≤ hi (false for NaN).
func inRange(x VecVirtual, lo, hi float64) VecVirtual {
	m, t := YMM(), YMM()
	cmp(cmpGE, f64c(lo), x, m)
	cmp(cmpLE, f64c(hi), x, t)
	VANDPD(t, m, m)
	return m
}

// clamp returns x limited to [lo, hi]; NaN lanes become lo.
func clamp(x VecVirtual, lo, hi float64) VecVirtual {
	c := YMM()
	VMAXPD(f64c(lo), x, c) // NaN in x gives the second operand, lo
	VMINPD(f64c(hi), c, c)
	return c
}

func posInf() Mem { return f64c(math.Inf(1)) }
func negInf() Mem { return f64c(math.Inf(-1)) }
func zeroC() Mem  { return splat64(0) }

// goNaN is the NaN math.NaN() (and amd64's math.Log) returns.
func goNaN() Mem { return splat64(0x7FF8000000000001) }

// cmp sets d = (x pred c) lane by lane.
func cmp(pred uint8, c Op, x, d VecVirtual) { VCMPPD(U8(pred), c, x, d) }

// horner sets p to c[0]*x^(n-1) + ... + c[n-1] by Horner's rule with FMAs.
func horner(x VecVirtual, c ...float64) VecVirtual {
	p := YMM()
	VMOVUPD(f64c(c[0]), p)
	for _, v := range c[1:] {
		VFMADD213PD(f64c(v), x, p) // p = x*p + v
	}
	return p
}

// hornerUnfused is horner with separate multiplies and adds, the order
// and rounding of Go source like ((c0*x+c1)*x+c2) (Go on amd64 does not fuse
// unless built with GOAMD64=v3), so results can match the Go reference bit
// for bit.
func hornerUnfused(x VecVirtual, c ...float64) VecVirtual {
	p := YMM()
	VMOVUPD(f64c(c[0]), p)
	for _, v := range c[1:] {
		VMULPD(x, p, p)
		VADDPD(f64c(v), p, p)
	}
	return p
}

// mulPow2 sets p *= 2^k for the four int32 lanes k of ki, building 2^k
// from its exponent field (k+1023 must be a normal exponent).
func mulPow2(p, ki VecVirtual) {
	kq := YMM()
	VPMOVSXDQ(ki, kq)
	VPADDQ(splat64(1023), kq, kq)
	VPSLLQ(U8(52), kq, kq)
	VMULPD(kq, p, p)
}

func absOf(x VecVirtual) VecVirtual {
	a := YMM()
	VANDPD(absMask(64), x, a)
	return a
}

func constReg(v float64) VecVirtual {
	r := YMM()
	VMOVUPD(f64c(v), r)
	return r
}

// Natural log of 2 split so that k*ln2Hi is exact for |k| < 2^20 (fdlibm).
const (
	ln2Hi = 6.93147180369123816490e-01
	ln2Lo = 1.90821492927058770002e-10
)

// expCore returns e^x for |x| ≤ 708 (the caller checks the domain).
// x = k·ln2 + r with k = round(x/ln2), |r| ≤ ln2/2, reduced exactly with
// FMAs; e^r is its Taylor polynomial to degree 13 (truncation < 2^-58
// relative), and 2^k is built in the exponent field (k ∈ [-1021, 1021],
// always normal).
func expCore(x VecVirtual) VecVirtual {
	k := YMM()
	VMULPD(f64c(math.Log2E), x, k)
	VROUNDPD(U8(0), k, k) // to nearest even
	r := YMM()
	VMOVAPD(x, r)
	VFNMADD231PD(f64c(ln2Hi), k, r) // r -= k*ln2Hi
	VFNMADD231PD(f64c(ln2Lo), k, r) // r -= k*ln2Lo
	c := make([]float64, 14)
	f := 1.0
	for i := 0; i <= 13; i++ {
		if i > 0 {
			f *= float64(i)
		}
		c[13-i] = 1 / f
	}
	p := horner(r, c...)
	ki := XMM()
	VCVTPD2DQY(k, ki)
	mulPow2(p, ki)
	return p
}

// expOp is math.Exp. Float64: bit for bit (expExact, the algorithm of amd64's
// exp_amd64.s; about twice the work of expCore). Float32: expCore on x
// clamped to ±708, which rounds to the same float32 (e^±708 saturates to
// +Inf or 0), NaN → NaN. No hard lanes.
func expOp(xs []VecVirtual, t kind) (VecVirtual, VecVirtual) {
	x := xs[0]
	if t.bits == 64 {
		return expExact(x), nil
	}
	y := expCore(clamp(x, -708, 708))
	blendC(nanMask(x), x, y)
	return y, nil
}

// expFor is e^x by expExact for float64 and by expCore (which needs
// |x| ≤ 708) for float32.
func expFor(t kind, x VecVirtual) VecVirtual {
	if t.bits == 64 {
		return expExact(x)
	}
	return expCore(x)
}

// logCore returns ln x for finite x > 0 with the fdlibm method that
// math.Log uses: x = 2^k·m, m ∈ [√2/2, √2), f = m-1, s = f/(2+f) and a
// degree-14 even polynomial in s. Like amd64's math.Log (log_amd64.s) it
// reads k and m straight from the bits, subnormals included; other lanes
// get garbage.
func logCore(x VecVirtual) VecVirtual {
	t := YMM()
	e := YMM()
	VPSRLQ(U8(52), x, e) // biased exponent (x > 0)
	m := YMM()
	VANDPD(splat64(1<<52-1), x, m)
	VORPD(splat64(0x3ff0000000000000), m, m) // m ∈ [1, 2)
	VORPD(splat64(0x4330000000000000), e, e)
	VSUBPD(f64c(0x1p52+1023), e, e) // k = exponent as float64
	big := YMM()
	cmp(cmpGE, f64c(math.Sqrt2), m, big)
	VMULPD(f64c(0.5), m, t)
	VBLENDVPD(big, t, m, m) // m ≥ √2: m/2, k+1
	VANDPD(f64c(1), big, t)
	VADDPD(t, e, e)

	return logSeries(m, e, true)
}

// logOp is amd64's math.Log: ±0 → -Inf, sign bit set (negatives, -Inf,
// NaNs with the sign set) → NaN, +Inf and other NaNs → x, every other
// lane (subnormals too) the core: logArch (bit for bit) for float64,
// logCore for float32. No hard lanes.
func logOp(xs []VecVirtual, t kind) (VecVirtual, VecVirtual) {
	x := xs[0]
	y := logCore(x) // float32: the FMA version rounds to the same float32
	if t.bits == 64 {
		y = logArch(x) // bit for bit amd64 math.Log
	}
	m, z := YMM(), YMM()
	VPCMPGTQ(splat64(0x7FEFFFFFFFFFFFFF), x, m) // bits above MaxFloat64, sign clear
	blendC(m, x, y)
	VXORPD(z, z, z)
	VPCMPGTQ(x, z, m) // sign bit set
	blendC(m, goNaN(), y)
	cmp(cmpEQ, z, x, m)
	blendC(m, negInf(), y)
	return y, nil
}

// trigReduce is math.Sin's Cody–Waite reduction, done with the same
// operations in the same order (unfused), so z is bit-for-bit math.Sin's:
// j = trunc(|x|·4/π) rounded up to even, z = |x| - j·π/4 in three parts.
// It returns z and j as 64-bit integers.
func trigReduce(x VecVirtual) (z, jq VecVirtual) {
	const (
		pi4A = 7.85398125648498535156e-1
		pi4B = 3.77489470793079817668e-8
		pi4C = 2.69515142907905952645e-15
	)
	a := absOf(x)
	y := YMM()
	VMULPD(f64c(4/math.Pi), a, y)
	VROUNDPD(U8(3), y, y) // truncate
	ji, odd := XMM(), XMM()
	VCVTTPD2DQY(y, ji)
	VPAND(u32c(1), ji, odd)
	VPADDD(odd, ji, ji)
	t := YMM()
	VCVTDQ2PD(odd, t)
	VADDPD(t, y, y)
	z = YMM()
	VMULPD(f64c(pi4A), y, t)
	VSUBPD(t, a, z)
	VMULPD(f64c(pi4B), y, t)
	VSUBPD(t, z, z)
	VMULPD(f64c(pi4C), y, t)
	VSUBPD(t, z, z)
	jq = YMM()
	VPMOVSXDQ(ji, jq)
	return z, jq
}

// trigSpecial gives y the value math.Sin, Cos and Tan have at ±Inf and NaN
// (NaN; x - x is NaN exactly there) and returns the hard lanes: finite
// |x| ≥ 2^29, where math.Sin switches to Payne–Hanek reduction.
func trigSpecial(x, y VecVirtual) VecVirtual {
	a := absOf(x)
	m, t := YMM(), YMM()
	cmp(cmpNLEU, f64c(math.MaxFloat64), a, m)
	VSUBPD(x, x, t)
	blendC(m, t, y)
	return inRange(a, 1<<29, math.MaxFloat64)
}

// sinPoly and cosPoly are math.Sin's polynomials on [-π/4, π/4], unfused
// in its order.
func sinPoly(z, zz VecVirtual) VecVirtual {
	p := hornerUnfused(zz, 1.58962301576546568060e-10, -2.50507477628578072866e-8,
		2.75573136213857245213e-6, -1.98412698295895385996e-4,
		8.33333333332211858878e-3, -1.66666666666666307295e-1)
	t := YMM()
	VMULPD(zz, z, t)
	VMULPD(t, p, p)
	VADDPD(z, p, p) // z + z*zz*p
	return p
}

func cosPoly(zz VecVirtual) VecVirtual {
	q := hornerUnfused(zz, -1.13585365213876817300e-11, 2.08757008419747316778e-9,
		-2.75573141792967388112e-7, 2.48015872888517045348e-5,
		-1.38888888888730564116e-3, 4.16666666666665929218e-2)
	h, z4 := YMM(), YMM()
	VMULPD(f64c(-0.5), zz, h)
	VADDPD(f64c(1), h, h) // 1 - zz/2
	VMULPD(zz, zz, z4)
	VMULPD(z4, q, q)
	VADDPD(h, q, q) // 1 - zz/2 + zz²·q
	return q
}

// sinCos returns sin x (cos=false) or cos x following math.Sin/math.Cos:
// the octant's bit 1 chooses the polynomial, bit 2 (and for cos bit 1)
// the sign.
func sinCos(x VecVirtual, cos bool) (VecVirtual, VecVirtual) {
	z, jq := trigReduce(x)
	zz := YMM()
	VMULPD(z, z, zz)
	sp := sinPoly(z, zz)
	cp := cosPoly(zz)
	sel, sg := YMM(), YMM()
	VPSLLQ(U8(62), jq, sel) // bit 1 -> sign position
	VPSLLQ(U8(61), jq, sg)  // bit 2 -> sign position
	y := YMM()
	if cos {
		VBLENDVPD(sel, sp, cp, y)
		VXORPD(sel, sg, sg)
	} else {
		VBLENDVPD(sel, cp, sp, y)
		VXORPD(x, sg, sg)
	}
	VANDPD(signMask(64), sg, sg)
	VXORPD(sg, y, y)
	return y, trigSpecial(x, y)
}

func sinOp(x []VecVirtual, _ kind) (VecVirtual, VecVirtual) { return sinCos(x[0], false) }
func cosOp(x []VecVirtual, _ kind) (VecVirtual, VecVirtual) { return sinCos(x[0], true) }

// tanOp is math.Tan: z + z·zz·P(zz)/Q(zz) (just z when zz ≤ 1e-14),
// -1/y in octants with bit 1 set, and the sign of x.
func tanOp(xs []VecVirtual, _ kind) (VecVirtual, VecVirtual) {
	x := xs[0]
	z, jq := trigReduce(x)
	zz := YMM()
	VMULPD(z, z, zz)
	num := hornerUnfused(zz, -1.30936939181383777646e4, 1.15351664838587416140e6, -1.79565251976484877988e7)
	VMULPD(zz, num, num)
	den := hornerUnfused(zz, 1, 1.36812963470692954678e4, -1.32089234440210967447e6,
		2.50083801823357915839e7, -5.38695755929454629881e7)
	VDIVPD(den, num, num)
	VMULPD(z, num, num)
	VADDPD(z, num, num) // y = z + z*(num/den)
	small := YMM()
	cmp(cmpLE, f64c(1e-14), zz, small)
	VBLENDVPD(small, z, num, num)
	inv := constReg(-1)
	VDIVPD(num, inv, inv) // -1/y
	sel := YMM()
	VPSLLQ(U8(62), jq, sel)
	VBLENDVPD(sel, inv, num, num)
	sg := YMM()
	VANDPD(signMask(64), x, sg)
	VXORPD(sg, num, num)
	return num, trigSpecial(x, num)
}

// tanhOp is math.Tanh: for |x| < 0.625 its rational function, else
// 1 - 2/(e^{2|x|}+1) with |x| clamped to 22 (where that is already 1);
// either way with the sign of x; NaN → NaN. No hard lanes.
func tanhOp(xs []VecVirtual, k kind) (VecVirtual, VecVirtual) {
	x := xs[0]
	a := absOf(x)
	c := YMM()
	VMINPD(f64c(22), a, c)
	VADDPD(c, c, c)
	e := expFor(k, c)
	VADDPD(f64c(1), e, e)
	l := constReg(2)
	VDIVPD(e, l, l) // 2/(e+1)
	one := constReg(1)
	VSUBPD(l, one, l)

	s := YMM()
	VMULPD(x, x, s)
	// Unfused, in math.Tanh's order, so the result is bit-identical.
	p := constReg(-9.64399179425052238628e-1)
	VMULPD(s, p, p)
	VADDPD(f64c(-9.92877231001918586564e1), p, p)
	VMULPD(s, p, p)
	VADDPD(f64c(-1.61468768441708447952e3), p, p)
	q := YMM()
	VADDPD(f64c(1.12811678491632931402e2), s, q)
	VMULPD(s, q, q)
	VADDPD(f64c(2.23548839060100448583e3), q, q)
	VMULPD(s, q, q)
	VADDPD(f64c(4.84406305325125486048e3), q, q)
	t := YMM()
	VMULPD(s, x, t)
	VMULPD(p, t, t)
	VDIVPD(q, t, t)
	VADDPD(x, t, t)

	small := YMM()
	cmp(cmpLT, f64c(0.625), a, small)
	VBLENDVPD(small, t, l, l)
	// tanh is odd and |tanh x| ≤ |x|: the sign of x is the result's
	// (this also keeps tanh(-0) = -0, which the rational form loses).
	sg := YMM()
	VANDPD(signMask(64), x, sg)
	VORPD(sg, l, l)
	blendC(nanMask(x), x, l)
	return l, nil
}

// logistic returns d = 1 + e^-x as the references compute it: float64
// with expExact (math.Exp bit for bit: +Inf where e^-x overflows, NaN for
// NaN); float32 with expCore on x clamped to ±708 and d = +Inf below -708
// (the results round to ±0 there anyway), NaN → NaN. No hard lanes.
func logistic(x VecVirtual, t kind) (VecVirtual, VecVirtual) {
	c := YMM()
	if t.bits == 64 {
		VXORPD(signMask(64), x, c)
		d := expExact(c)
		VADDPD(f64c(1), d, d)
		return d, nil
	}
	c = clamp(x, -708, 708)
	VXORPD(signMask(64), c, c)
	d := expCore(c)
	VADDPD(f64c(1), d, d)
	m := YMM()
	cmp(cmpLT, f64c(-708), x, m)
	blendC(m, posInf(), d)
	blendC(nanMask(x), x, d)
	return d, nil
}

// sigmoidOp is 1/(1+e^-x).
func sigmoidOp(x []VecVirtual, t kind) (VecVirtual, VecVirtual) {
	d, hard := logistic(x[0], t)
	y := constReg(1)
	VDIVPD(d, y, y)
	return y, hard
}

// siluOp is x/(1+e^-x) (NaN at -Inf, as -Inf/+Inf).
func siluOp(x []VecVirtual, t kind) (VecVirtual, VecVirtual) {
	d, hard := logistic(x[0], t)
	VDIVPD(d, x[0], d)
	return d, hard
}

// powOp is e^(b·ln a) for a > 0 normal and finite and b finite, with
// b·ln a clamped to ±708 (beyond that the float32 result is +Inf or 0
// anyway). Used only for float32, where the float64 error (about |b·ln a|
// float64 ulps) vanishes in the final rounding. A finite negative a with a
// finite non-integer b gives NaN, as math.Pow. Every other pair (zero,
// infinite or NaN operands, negative bases with integer exponents) is a
// hard lane.
func powOp(x []VecVirtual, _ kind) (VecVirtual, VecVirtual) {
	a, b := x[0], x[1]
	la := logCore(a)
	t := YMM()
	VMULPD(b, la, t)
	y := expCore(clamp(t, -708, 708))
	fast := inRange(a, 0x1p-1022, math.MaxFloat64)
	bfin := inRange(absOf(b), 0, math.MaxFloat64)
	VANDPD(bfin, fast, fast)
	nan, m := inRange(a, -math.MaxFloat64, -0x1p-1022), YMM()
	VANDPD(bfin, nan, nan)
	VROUNDPD(U8(3), b, m)
	cmp(cmpNEQ, m, b, m) // b not an integer
	VANDPD(m, nan, nan)
	blendC(nan, goNaN(), y)
	VORPD(nan, fast, fast)
	hard := YMM()
	VXORPD(splat64(^uint64(0)), fast, hard)
	return y, hard
}
