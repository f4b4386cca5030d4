package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Vector versions of the algorithms behind amd64's math.Log and math.Exp
// (the fdlibm reduction and polynomials; for Exp the FMA path, which every
// AVX2+FMA machine takes), written here for four lanes with blends, and
// keeping the reference's order of operations and rounding steps so the
// float64 kernels built on them give bit-identical results to the Go
// reference.
// TestMathScan64 and TestMathPow64Exact would notice a change in Go's
// versions.

// The fdlibm log series coefficients (Lg1..Lg7): log(1+f) = 2s + s·(hfsq+R)
// terms with s = f/(2+f) and R a polynomial in s² with these weights.
const (
	L1 = 6.666666666666735130e-01
	L2 = 3.999999999940941908e-01
	L3 = 2.857142874366239149e-01
	L4 = 2.222219843214978396e-01
	L5 = 1.818357216161805012e-01
	L6 = 1.531383769920937332e-01
	L7 = 1.479819860511658591e-01
)

// logSeries finishes both log cores (the exact float64 one here and the
// float32 one, logCore in mathcore.go) from a mantissa m reduced to
// [√2/2, √2) and its exponent k (as float64), with the fdlibm series:
// f = m-1, s = f/(2+f), R = s²·P(s⁴) + s⁴·Q(s⁴), hfsq = f²/2, and
// ln x = k·ln2Hi - ((hfsq - (s·(hfsq+R) + k·ln2Lo)) - f). Unfused, it
// rounds every step as log_amd64.s does (bit for bit math.Log); fused, the
// polynomials and the k terms use FMAs.
func logSeries(m, k VecVirtual, fused bool) VecVirtual {
	f := YMM()
	VSUBPD(f64c(1), m, f)
	s := YMM()
	VADDPD(f64c(2), f, s)
	VDIVPD(s, f, s) // s = f/(2+f)
	s2, s4 := YMM(), YMM()
	VMULPD(s, s, s2)
	VMULPD(s2, s2, s4)
	poly := hornerUnfused
	if fused {
		poly = horner
	}
	t1 := poly(s4, L7, L5, L3, L1)
	VMULPD(s2, t1, t1)
	t2 := poly(s4, L6, L4, L2)
	VMULPD(s4, t2, t2)
	VADDPD(t2, t1, t1) // R
	h := YMM()
	VMULPD(f, f, h)
	VMULPD(f64c(0.5), h, h) // hfsq (f is never tiny: halving is exact)
	VADDPD(h, t1, t1)
	VMULPD(s, t1, t1) // s*(hfsq+R)
	if fused {
		VFMADD231PD(f64c(ln2Lo), k, t1) // + k*ln2Lo
	} else {
		t := YMM()
		VMULPD(f64c(ln2Lo), k, t)
		VADDPD(t, t1, t1)
	}
	VSUBPD(t1, h, h) // hfsq - (...)
	VSUBPD(f, h, h)  // ... - f
	if fused {
		VFMSUB231PD(f64c(ln2Hi), k, h) // k*ln2Hi - (...)
		return h
	}
	VMULPD(f64c(ln2Hi), k, k)
	VSUBPD(h, k, k)
	return k
}

// logArch is amd64 math.Log (log_amd64.s) bit for bit for finite x > 0,
// subnormals included (it reads their exponent field as is, like the
// original); other lanes get garbage.
func logArch(x VecVirtual) VecVirtual {
	const hSqrt2 = 7.07106781186547524401e-01
	// f1, ki := Frexp(x): f1 = mantissa | 0.5, k = biased exponent - 1022.
	f1, k, t := YMM(), YMM(), YMM()
	VANDPD(splat64(1<<52-1), x, f1)
	VORPD(f64c(0.5), f1, f1)
	VPSRLQ(U8(52), x, k)
	VORPD(splat64(0x4330000000000000), k, k)
	VSUBPD(f64c(0x1p52+1022), k, k)
	// if f1 < √2/2 { k--; f1 *= 2 }, in log_amd64.s a CMPSD "not less
	// than" of √2/2 against f1, so f1 == √2/2 is adjusted too.
	lt := YMM()
	cmp(cmpLE, f64c(hSqrt2), f1, lt)
	VANDPD(f64c(1), lt, t)
	VSUBPD(t, k, k)
	VADDPD(f64c(1), t, t)
	VMULPD(t, f1, f1)
	return logSeries(f1, k, false)
}

// expArchFrac is the body of amd64 math.Exp (exp_amd64.s, FMA path):
// k = x·log2(e) rounded to an int32 (CVTSD2SL), and fr with e^x = fr·2^k.
func expArchFrac(x VecVirtual) (fr VecVirtual, ki VecVirtual) {
	const (
		ln2U = 0.69314718055966295651160180568695068359375
		ln2L = 0.28235290563031577122588448175013436025525412068e-12
	)
	k := YMM()
	VMULPD(f64c(math.Log2E), x, k)
	ki = XMM()
	VCVTPD2DQY(k, ki) // CVTSD2SL: rounds to nearest; 0x80000000 when out of range
	VCVTDQ2PD(ki, k)
	r := YMM()
	VMOVAPD(x, r)
	VFNMADD231PD(f64c(ln2U), k, r)
	VFNMADD231PD(f64c(ln2L), k, r)
	VMULPD(f64c(0.0625), r, r)
	p := horner(r, 2.4801587301587301587e-5, 1.9841269841269841270e-4, 1.3888888888888888889e-3,
		8.3333333333333333333e-3, 4.1666666666666666667e-2, 1.6666666666666666667e-1, 0.5, 1.0)
	VMULPD(p, r, r)
	for j := 0; j < 4; j++ {
		VADDPD(f64c(2), r, p)
		if j < 3 {
			VMULPD(p, r, r)
		} else {
			VFMADD213PD(f64c(1), p, r) // r = p*r + 1
		}
	}
	return r, ki
}

// expArch is amd64 math.Exp for |x| ≤ 355, where its result is always
// normal.
func expArch(x VecVirtual) VecVirtual {
	r, ki := expArchFrac(x)
	mulPow2(r, ki)
	return r
}

// expExact is amd64 math.Exp for every x, bit for bit: NaN → x, +Inf →
// +Inf, -Inf → 0, x > 709.782712893384 → +Inf, then with b = k+1023:
// b ≥ 2047 → +Inf (exp_amd64.s overflows there even for a few finite
// results), -52 ≤ b ≤ 0 → fr·2^(b+1022-1023)·2^-1022 (one rounding into the
// subnormal range), b < -52 → 0, else fr·2^k.
func expExact(x VecVirtual) VecVirtual {
	fr, ki := expArchFrac(x)
	b := YMM()
	VPMOVSXDQ(ki, b)
	VPADDQ(splat64(1023), b, b)
	den, t := YMM(), YMM()
	VMOVDQU(splat64(1), den)
	VPCMPGTQ(b, den, den) // 1 > b: subnormal result or underflow
	VPAND(splat64(1022), den, t)
	VPADDQ(b, t, t)
	VPSLLQ(U8(52), t, t)
	VMULPD(t, fr, fr)
	VMOVUPD(f64c(1), t)
	VBLENDVPD(den, f64c(0x1p-1022), t, t)
	VMULPD(t, fr, fr)
	VMOVDQU(splat64(uint64(0xFFFFFFFFFFFFFFCC)), t) // -52
	VPCMPGTQ(b, t, t)                               // -52 > b
	blendC(t, zeroC(), fr)
	VPCMPGTQ(splat64(2046), b, t) // b ≥ 2047
	blendC(t, posInf(), fr)
	cmp(cmpGT, f64c(7.09782712893384e+02), x, t)
	blendC(t, posInf(), fr)
	cmp(cmpEQ, negInf(), x, t)
	blendC(t, zeroC(), fr)
	cmp(cmpNLEU, f64c(math.MaxFloat64), x, t) // +Inf or NaN: x itself
	blendC(t, x, fr)
	return fr
}
