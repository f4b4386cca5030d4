package main

import (
	"fmt"
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Integer parameter slots of the spline-knots kernels' ipar slice (int32
// each). Keep in sync with kernels/spline_knots_amd64.go.
const (
	spparNaNRow   = iota // len(knots)+1: table row of NaN points
	spparRowBytes        // table row length in bytes
)

// spHeader is the number of elements before a row's coefficients
// (float(t_j), rest of t_j, 1/(t_{j+1}-t_j), 0); kernels.splineKnotsHeader.
const spHeader = 4

// splineKnots writes splineKnots{64,32}K{k}AVX2, the fused KAN forward
// kernel on an arbitrary knot vector (kernels.SplineAccKnots):
//
//	splineKnots{64,32}K{k}AVX2(m, n int, x, s, wb, y, knots []F, ipar []int32, tab []F)
//
// s[r] = silu(x[r]); the float32 kernel ignores s and computes silu
// itself per vector (silu32), the float64 one reads it (its caller runs
// the Silu kernel: a float64 exp to full precision costs more than it
// saves here).
// len(x) a multiple of the vector width, n <= len(x) the rows to write,
// knots the knot vector rounded to F, tab the table of
// kernels.splineKnotsTable: per knot-count row the header of the knots
// table (float(t_j), rest of t_j, 1/(t_{j+1}-t_j), 0), then the
// coefficients of the input's spline sums as polynomials in u: for each
// whole vector of outputs the K+1 vectors of u^0 … u^K, then for each
// remaining output its K+1 elements (so a row loop reads them at fixed
// offsets from one advancing pointer).
// Per vector of points it counts the knots <= x as the knots kernel does
// (NaN: the NaN row, x clamped to the knots' range); then per point u from
// the row header and, over the m outputs (whole vectors, then element by
// element),
//
//	y[r·m+j] += Horner(tab row, u)[j] + s[r]·wb[j]
//
// so the basis values are never formed: the table already multiplied them
// by the weights.
func splineKnots(p prec, k int) {
	name := fmt.Sprintf("splineKnots%dK%dAVX2", p.bits, k)
	t := p.typ()
	TEXT(name, NOSPLIT, fmt.Sprintf("func(m, n int, x, s, wb, y, knots []%s, ipar []int32, tab []%s)", t, t))
	Pragma("noescape")
	Doc(fmt.Sprintf("%s is the order-%d %s fused KAN forward kernel on a knot vector (see asm/basis/splineknots.go).", name, k, t))
	W, es := p.lanes(), p.es()
	lbl := name + "_vec"

	mb := Load(Param("m"), GP64())
	shift := 2
	if p.bits == 64 {
		shift = 3
	}
	SHLQ(Imm(uint64(shift)), mb)
	rem := Load(Param("n"), GP64())
	xp := Load(Param("x").Base(), GP64())
	var sp Register
	if p.bits == 64 {
		sp = Load(Param("s").Base(), GP64())
	}
	yp := Load(Param("y").Base(), GP64())
	tab := Load(Param("tab").Base(), GP64())
	wb := Load(Param("wb").Base(), GP64())
	full := GP64()
	MOVQ(mb, full)
	SHRQ(Imm(5), full) // whole 32-byte vectors of outputs
	SHLQ(Imm(5), full)

	// float32: this vector's silu values, then its clamped x; float64: x.
	sloc := AllocLocal(64)

	Label(lbl)
	CMPQ(rem, Imm(0))
	JLE(LabelRef(lbl + "_end"))
	if p.bits == 32 {
		xs := YMM()
		VMOVUPS(Mem{Base: xp}, xs)
		VMOVUPS(silu32(xs), sloc)
	}

	// Vector stage: count the knots <= x per lane, two knots per step
	// into two counters.
	kb := Load(Param("knots").Base(), GP64())
	nk := Load(Param("knots").Len(), GP64())
	klast := GP64() // &knots[nk-1]
	LEAQ(Mem{Base: kb, Index: nk, Scale: uint8(es), Disp: -es}, klast)
	x, nan, cnt, cnt2, tb, msk := YMM(), YMM(), YMM(), YMM(), YMM(), YMM()
	p.load(Mem{Base: xp}, x)
	p.cmp(Imm(cmpUnord), x, x, nan)
	VPXOR(cnt, cnt, cnt)
	VPXOR(cnt2, cnt2, cnt2)
	kp := GP64()
	MOVQ(kb, kp)
	count := func(c VecVirtual, disp int) {
		p.bcast(Mem{Base: kp, Disp: disp}, tb)
		p.cmp(Imm(cmpGE), tb, x, msk) // x >= t (false for NaN)
		if p.bits == 64 {
			VPSUBQ(msk, c, c)
		} else {
			VPSUBD(msk, c, c)
		}
	}
	Label(lbl + "_count")
	CMPQ(kp, klast)
	JGE(LabelRef(lbl + "_count1"))
	count(cnt, 0)
	count(cnt2, es)
	ADDQ(Imm(uint64(2*es)), kp)
	JMP(LabelRef(lbl + "_count"))
	Label(lbl + "_count1")
	JG(LabelRef(lbl + "_counted"))
	count(cnt, 0)
	Label(lbl + "_counted")
	if p.bits == 64 {
		VPADDQ(cnt2, cnt, cnt)
	} else {
		VPADDD(cnt2, cnt, cnt)
	}

	// x clamped to [t_0, t_last] (NaN -> t_0: its row is all NaN anyway).
	xc := YMM()
	p.bcast(Mem{Base: kb}, tb)
	p.max(tb, x, xc)
	p.bcast(Mem{Base: klast}, tb)
	p.min(tb, xc, xc)

	// row = NaN ? nanRow : count; byte offset = row·rowBytes.
	var ci, ni Register = cnt, nan
	if p.bits == 64 {
		perm := YMM()
		VMOVDQU(knotPerm(), perm)
		VPERMD(cnt, perm, cnt)
		VPERMD(nan, perm, nan)
		ci, ni = cnt.AsX(), nan.AsX()
	}
	ipar := Load(Param("ipar").Base(), GP64())
	c2 := YMM()
	var c2r Register = c2.AsX()
	if p.bits == 32 {
		c2r = c2
	}
	VPBROADCASTD(Mem{Base: ipar, Disp: 4 * spparNaNRow}, c2r)
	VPBLENDVB(ni, c2r, ci, ci)
	VPBROADCASTD(Mem{Base: ipar, Disp: 4 * spparRowBytes}, c2r)
	VPMULLD(c2r, ci, ci)

	// One output and a whole vector of rows: gather each lane's
	// coefficients and header and evaluate in the lanes.
	CMPQ(mb, Imm(uint64(es)))
	JNE(LabelRef(lbl + "_points"))
	CMPQ(rem, Imm(uint64(W)))
	JL(LabelRef(lbl + "_points"))
	splineKnotsLanes(p, k, ci, xc, sloc, sp, yp, tab, wb)
	ADDQ(Imm(uint64(W*es)), yp)
	JMP(LabelRef(lbl + "_next"))

	// Point stage.
	Label(lbl + "_points")
	xloc := sloc
	if p.bits == 32 {
		xloc = sloc.Offset(32)
	}
	p.pick(VMOVUPD, VMOVUPS)(xc, xloc)
	var pairs []GPVirtual
	row, ub, sb := GP64(), YMM(), YMM()
	for pt := 0; pt < W; pt++ {
		if pt > 0 { // the last vector may hold fewer than W rows
			CMPQ(rem, Imm(uint64(pt)))
			JLE(LabelRef(lbl + "_end"))
		}
		switch pt {
		case 0:
			pairs = lanePairs(cnt.AsX())
		case 4:
			hi := XMM()
			VEXTRACTI128(Imm(1), cnt, hi)
			pairs = lanePairs(hi)
		}
		q := pairs[(pt%4)/2]
		if pt%2 == 0 {
			MOVL(q.As32(), row.As32()) // zero-extends
		} else {
			MOVQ(q, row)
			SHRQ(Imm(32), row)
		}
		ADDQ(tab, row) // the row's address
		// u = ((x - hi) - lo)·inv from the row header, in the low lane.
		h := func(e int) Mem { return Mem{Base: row, Disp: e * es} }
		if p.bits == 64 {
			VMOVSD(xloc.Offset(pt*es), ub.AsX())
			VSUBSD(h(0), ub.AsX(), ub.AsX())
			VSUBSD(h(1), ub.AsX(), ub.AsX())
			VMULSD(h(2), ub.AsX(), ub.AsX())
			VBROADCASTSD(ub.AsX(), ub)
			p.bcast(Mem{Base: sp, Disp: pt * es}, sb)
		} else {
			VMOVSS(xloc.Offset(pt*es), ub.AsX())
			VSUBSS(h(0), ub.AsX(), ub.AsX())
			VSUBSS(h(1), ub.AsX(), ub.AsX())
			VMULSS(h(2), ub.AsX(), ub.AsX())
			VBROADCASTSS(ub.AsX(), ub)
			p.bcast(sloc.Offset(pt*es), sb)
		}
		// pq: the coefficients of the current outputs, K+1 vectors (or
		// elements, in the tail) for u^0 … u^K.
		pq, o := GP64(), GP64()
		LEAQ(Mem{Base: row, Disp: spHeader * es}, pq)
		XORQ(o, o)
		yr := Mem{Base: yp, Index: o, Scale: 1}
		step := func(l lane, stride int) {
			acc := YMM()
			l.ld(Mem{Base: pq, Disp: k * stride}, acc)
			for e := k - 1; e >= 0; e-- {
				l.fma213Mem(Mem{Base: pq, Disp: e * stride}, ub, acc)
			}
			l.fmaMem(Mem{Base: wb, Index: o, Scale: 1}, sb, acc)
			l.addMem(yr, acc)
			l.st(acc, yr)
		}
		pl := fmt.Sprintf("%s_p%d", lbl, pt)
		Label(pl)
		CMPQ(o, full)
		JGE(LabelRef(pl + "_tail"))
		step(lane{p, false}, 32)
		ADDQ(Imm(32), o)
		ADDQ(Imm(uint64((k+1)*32)), pq)
		JMP(LabelRef(pl))
		Label(pl + "_tail")
		CMPQ(o, mb)
		JGE(LabelRef(pl + "_done"))
		step(lane{p, true}, es)
		ADDQ(Imm(uint64(es)), o)
		ADDQ(Imm(uint64((k+1)*es)), pq)
		JMP(LabelRef(pl + "_tail"))
		Label(pl + "_done")
		ADDQ(mb, yp)
	}

	Label(lbl + "_next")
	ADDQ(Imm(uint64(W*es)), xp)
	if p.bits == 64 {
		ADDQ(Imm(uint64(W*es)), sp)
	}
	SUBQ(Imm(uint64(W)), rem)
	JMP(LabelRef(lbl))
	Label(lbl + "_end")
	VZEROUPPER()
	RET()
}

// splineKnotsLanes is the m = 1 case of a whole vector of rows (a KAN's
// last layer): with rows of K+1 coefficients and the header, every lane
// gathers its own (row byte offsets ci) and the lanes evaluate
// y[r] += Horner(row, u) + s[r]·wb[0] at once, instead of one point after
// another in scalar code.
func splineKnotsLanes(p prec, k int, ci Register, xc VecVirtual, sloc Mem, sp, yp, tab, wbp Register) {
	es := p.es()
	gather := func(disp int) VecVirtual {
		gm, dst := YMM(), YMM()
		VPCMPEQD(gm, gm, gm)
		m := Mem{Base: tab, Index: ci, Scale: 1, Disp: disp}
		if p.bits == 64 {
			VGATHERDPD(gm, m, dst)
		} else {
			VGATHERDPS(gm, m, dst)
		}
		return dst
	}
	u := YMM()
	p.sub(gather(0), xc, u)
	p.sub(gather(es), u, u)
	p.mul(gather(2*es), u, u)
	c := spHeader * es // m = 1: the coefficients of u^0 … u^K in a row
	acc := gather(c + k*es)
	for e := k - 1; e >= 0; e-- {
		p.fma(gather(c+e*es), u, acc) // acc = acc·u + c_e
	}
	sv, wb := YMM(), YMM()
	if p.bits == 32 {
		VMOVUPS(sloc, sv)
	} else {
		VMOVUPD(Mem{Base: sp}, sv)
	}
	p.bcast(Mem{Base: wbp}, wb)
	p.pick(VFMADD231PD, VFMADD231PS)(wb, sv, acc)
	p.add(Mem{Base: yp}, acc, acc)
	p.pick(VMOVUPD, VMOVUPS)(acc, Mem{Base: yp})
}

// silu32Consts are the broadcast constants of silu32.
const (
	scLog2E = iota
	scLn2Hi
	scLn2Lo
	scOne
	scZMin
	scZMax
	scNegInf
	scPoly // e^r's Taylor coefficients 1/7! … 1/2! (then 1, 1)
)

var silu32Mem *Mem

func silu32Consts() Mem {
	if silu32Mem == nil {
		m := GLOBL("splineKnotsSilu32", RODATA|NOPTR)
		c := []float32{
			scLog2E: 1.44269504088896341, scLn2Hi: 0.693359375, scLn2Lo: -2.12194440e-4,
			scOne: 1, scZMin: -80, scZMax: 80, scNegInf: float32(math.Inf(-1)),
		}
		f := 1.0
		poly := make([]float32, 6)
		for i := 2; i <= 7; i++ {
			f *= float64(i)
			poly[7-i] = float32(1 / f)
		}
		c = append(c[:scPoly], poly...)
		for i, v := range c {
			DATA(4*i, U32(math.Float32bits(v)))
		}
		silu32Mem = &m
	}
	return *silu32Mem
}

// silu32 returns silu(x) = x/(1+e^-x) for 8 float32 lanes, the
// convention of kernels.Silu at the special values (NaN and silu(-Inf)
// NaN, silu(+Inf) = +Inf): e^z, z = -x clamped to [-80, 80], reduced as
// z = n·ln2 + r (|r| <= ln2/2, two-part ln2) with e^r its Taylor
// polynomial to degree 7 (truncation < 1e-8 relative) and 2^n put in the
// exponent field; below x = -80 it is 0 (|silu| < 1e-32 there). About an
// ulp of float32.
func silu32(x VecVirtual) VecVirtual {
	c := silu32Consts()
	cm := func(i int) Mem { return c.Offset(4 * i) }
	z, t, n, r := YMM(), YMM(), YMM(), YMM()
	VBROADCASTSS(cm(scZMin), t)
	VXORPS(z, z, z)
	VSUBPS(x, z, z) // z = -x
	VMAXPS(t, z, z)
	VBROADCASTSS(cm(scZMax), t)
	VMINPS(t, z, z) // NaN -> -80: the quotient x/… is NaN anyway
	VBROADCASTSS(cm(scLog2E), n)
	VMULPS(z, n, n)
	VROUNDPS(U8(0), n, n) // to nearest
	VMOVAPS(z, r)
	VBROADCASTSS(cm(scLn2Hi), t)
	VFNMADD231PS(t, n, r) // r -= n·ln2Hi
	VBROADCASTSS(cm(scLn2Lo), t)
	VFNMADD231PS(t, n, r) // r -= n·ln2Lo
	e := YMM()
	VBROADCASTSS(cm(scPoly), e)
	for i := 1; i < 6; i++ {
		VBROADCASTSS(cm(scPoly+i), t)
		VFMADD213PS(t, r, e) // e = e·r + c
	}
	VBROADCASTSS(cm(scOne), t)
	VFMADD213PS(t, r, e) // + 1 (r¹)
	VFMADD213PS(t, r, e) // + 1 (r⁰)
	ni := YMM()
	VCVTPS2DQ(n, ni)
	VPSLLD(U8(23), ni, ni)
	VPADDD(ni, e, e) // e·2^n, n in [-116, 116]: normal
	VADDPS(t, e, e)  // 1 + e^-x
	s := YMM()
	VDIVPS(e, x, s)
	VBROADCASTSS(cm(scZMin), t)
	VCMPPS(U8(cmpLT), t, x, t) // x < -80: |silu| < 1e-32
	VANDNPS(s, t, s)           // -> 0
	VBROADCASTSS(cm(scNegInf), t)
	VCMPPS(U8(0), t, x, t) // x == -Inf
	VORPS(t, s, s)         // -> NaN
	return s
}
