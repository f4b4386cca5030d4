package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// The math cores work on four float64 lanes. Each returns the result and a
// mask that is all-ones in the lanes whose input lies in the core's fast
// domain; the kernel hands blocks with any other lane to the Go reference.
// Float32 kernels widen their inputs and round the float64 result once, so
// their error is that of the rounding plus a negligible float64 error.

// VCMPPD predicates (ordered: false when either side is NaN).
const (
	cmpEQ = 0x00
	cmpLT = 0x01
	cmpLE = 0x02
	cmpGE = 0x1d
)

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
	kq := YMM()
	VPMOVSXDQ(ki, kq)
	VPADDQ(splat64(1023), kq, kq)
	VPSLLQ(U8(52), kq, kq)
	VMULPD(kq, p, p)
	return p
}

func expOp(x []VecVirtual) (VecVirtual, VecVirtual) {
	ok := YMM()
	cmp(cmpLE, f64c(708), absOf(x[0]), ok)
	return expCore(x[0]), ok
}

// logCore returns ln x for normal x > 0 with the fdlibm method that
// math.Log uses: x = 2^k·m, m ∈ [√2/2, √2), f = m-1, s = f/(2+f) and a
// degree-14 even polynomial in s; ok marks normal, finite, positive x.
func logCore(x VecVirtual) (VecVirtual, VecVirtual) {
	ok, t := YMM(), YMM()
	cmp(cmpGE, f64c(0x1p-1022), x, ok)
	cmp(cmpLE, f64c(math.MaxFloat64), x, t)
	VANDPD(t, ok, ok)

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

	f := YMM()
	VSUBPD(f64c(1), m, f)
	s := YMM()
	VADDPD(f64c(2), f, s)
	VDIVPD(s, f, s) // s = f/(2+f)
	s2, s4 := YMM(), YMM()
	VMULPD(s, s, s2)
	VMULPD(s2, s2, s4)
	const (
		L1 = 6.666666666666735130e-01
		L2 = 3.999999999940941908e-01
		L3 = 2.857142874366239149e-01
		L4 = 2.222219843214978396e-01
		L5 = 1.818357216161805012e-01
		L6 = 1.531383769920937332e-01
		L7 = 1.479819860511658591e-01
	)
	t1 := horner(s4, L7, L5, L3, L1)
	VMULPD(s2, t1, t1)
	t2 := horner(s4, L6, L4, L2)
	VMULPD(s4, t2, t2)
	VADDPD(t2, t1, t1) // R
	h := YMM()
	VMULPD(f, f, h)
	VMULPD(f64c(0.5), h, h) // hfsq
	VADDPD(h, t1, t1)
	VMULPD(s, t1, t1)               // s*(hfsq+R)
	VFMADD231PD(f64c(ln2Lo), e, t1) // + k*ln2Lo
	VSUBPD(t1, h, h)                // hfsq - (...)
	VSUBPD(f, h, h)                 // ... - f
	VFMSUB231PD(f64c(ln2Hi), e, h)  // k*ln2Hi - (...)
	return h, ok
}

func logOp(x []VecVirtual) (VecVirtual, VecVirtual) { return logCore(x[0]) }

// trigReduce is math.Sin's Cody–Waite reduction, done with the same
// operations in the same order (unfused), so z is bit-for-bit math.Sin's:
// j = trunc(|x|·4/π) rounded up to even, z = |x| - j·π/4 in three parts.
// It returns z and j as 64-bit integers; ok marks |x| < 2^29, where
// math.Sin uses this reduction too.
func trigReduce(x VecVirtual) (z, jq, ok VecVirtual) {
	const (
		pi4A = 7.85398125648498535156e-1
		pi4B = 3.77489470793079817668e-8
		pi4C = 2.69515142907905952645e-15
	)
	a := absOf(x)
	ok = YMM()
	cmp(cmpLT, f64c(1<<29), a, ok)
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
	return z, jq, ok
}

// sinPoly and cosPoly are math.Sin's polynomials on [-π/4, π/4].
func sinPoly(z, zz VecVirtual) VecVirtual {
	p := horner(zz, 1.58962301576546568060e-10, -2.50507477628578072866e-8,
		2.75573136213857245213e-6, -1.98412698295895385996e-4,
		8.33333333332211858878e-3, -1.66666666666666307295e-1)
	t := YMM()
	VMULPD(zz, z, t)
	VFMADD213PD(z, t, p) // z + z*zz*p
	return p
}

func cosPoly(zz VecVirtual) VecVirtual {
	q := horner(zz, -1.13585365213876817300e-11, 2.08757008419747316778e-9,
		-2.75573141792967388112e-7, 2.48015872888517045348e-5,
		-1.38888888888730564116e-3, 4.16666666666665929218e-2)
	h, z4 := YMM(), YMM()
	VMULPD(f64c(-0.5), zz, h)
	VADDPD(f64c(1), h, h) // 1 - zz/2
	VMULPD(zz, zz, z4)
	VFMADD213PD(h, z4, q) // 1 - zz/2 + zz²·q
	return q
}

// sinCos returns sin x (cos=false) or cos x following math.Sin/math.Cos:
// the octant's bit 1 chooses the polynomial, bit 2 (and for cos bit 1)
// the sign.
func sinCos(x VecVirtual, cos bool) (VecVirtual, VecVirtual) {
	z, jq, ok := trigReduce(x)
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
	return y, ok
}

func sinOp(x []VecVirtual) (VecVirtual, VecVirtual) { return sinCos(x[0], false) }
func cosOp(x []VecVirtual) (VecVirtual, VecVirtual) { return sinCos(x[0], true) }

// tanOp is math.Tan: z + z·zz·P(zz)/Q(zz) (just z when zz ≤ 1e-14),
// -1/y in octants with bit 1 set, and the sign of x.
func tanOp(xs []VecVirtual) (VecVirtual, VecVirtual) {
	x := xs[0]
	z, jq, ok := trigReduce(x)
	zz := YMM()
	VMULPD(z, z, zz)
	num := horner(zz, -1.30936939181383777646e4, 1.15351664838587416140e6, -1.79565251976484877988e7)
	VMULPD(zz, num, num)
	den := horner(zz, 1, 1.36812963470692954678e4, -1.32089234440210967447e6,
		2.50083801823357915839e7, -5.38695755929454629881e7)
	VDIVPD(den, num, num)
	VFMADD213PD(z, z, num) // y = z + z*(num/den)
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
	return num, ok
}

// tanhOp is math.Tanh: for |x| < 0.625 its rational function, else
// 1 - 2/(e^{2|x|}+1) with |x| clamped to 22 (where that is already 1);
// either way with the sign of x. ok rejects only NaN.
func tanhOp(xs []VecVirtual) (VecVirtual, VecVirtual) {
	x := xs[0]
	ok := YMM()
	cmp(cmpEQ, x, x, ok)
	a := absOf(x)
	c := YMM()
	VMINPD(f64c(22), a, c)
	VADDPD(c, c, c)
	e := expCore(c)
	VADDPD(f64c(1), e, e)
	l := constReg(2)
	VDIVPD(e, l, l) // 2/(e+1)
	one := constReg(1)
	VSUBPD(l, one, l)

	s := YMM()
	VMULPD(x, x, s)
	p := horner(s, -9.64399179425052238628e-1, -9.92877231001918586564e1, -1.61468768441708447952e3)
	q := YMM()
	VADDPD(f64c(1.12811678491632931402e2), s, q)
	VFMADD213PD(f64c(2.23548839060100448583e3), s, q)
	VFMADD213PD(f64c(4.84406305325125486048e3), s, q)
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
	return l, ok
}

// logistic returns d = 1 + e^-min(x, 708) and ok = x ≥ -708.
func logistic(x VecVirtual) (VecVirtual, VecVirtual) {
	ok := YMM()
	cmp(cmpGE, f64c(-708), x, ok)
	c := YMM()
	VMINPD(f64c(708), x, c)
	VXORPD(signMask(64), c, c)
	d := expCore(c)
	VADDPD(f64c(1), d, d)
	return d, ok
}

func sigmoidOp(x []VecVirtual) (VecVirtual, VecVirtual) {
	d, ok := logistic(x[0])
	y := constReg(1)
	VDIVPD(d, y, y)
	return y, ok
}

func siluOp(x []VecVirtual) (VecVirtual, VecVirtual) {
	d, ok := logistic(x[0])
	VDIVPD(d, x[0], d)
	return d, ok
}

// powOp is e^(b·ln a) for a > 0 normal and finite, b finite and
// |b·ln a| ≤ 708. Used only for float32, where the float64 error
// (about |b·ln a| float64 ulps) vanishes in the final rounding.
func powOp(x []VecVirtual) (VecVirtual, VecVirtual) {
	la, ok := logCore(x[0])
	t := YMM()
	VMULPD(x[1], la, t)
	ab, c := absOf(x[1]), YMM()
	cmp(cmpLE, f64c(math.MaxFloat64), ab, c)
	VANDPD(c, ok, ok)
	at := absOf(t)
	cmp(cmpLE, f64c(708), at, c)
	VANDPD(c, ok, ok)
	return expCore(t), ok
}
