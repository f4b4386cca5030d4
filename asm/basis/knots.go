package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Integer parameter slots of the knots kernels' ipar slice (int32 each).
// Keep in sync with kernels/basis_knots_amd64.go.
const (
	kparBias     = iota // -1-K: idx = count + bias before clamping
	kparLastIdx         // len(knots)-2K-2: largest idx
	kparNaNRow          // len(knots)+1: table row of NaN points
	kparRowBytes        // table row length in bytes
)

// knotsHeader is the number of elements after a row's coefficient vectors
// (float(t_j), the rest of t_j, 1/(t_{j+1}-t_j), 0); kernels.knotsRowHeader.
const knotsHeader = 4

// knotsLocal writes basisKnots{64,32}K{k}AVX2, the general-knot basis:
//
//	basisKnots{64,32}K{k}AVX2(x []F, idx []int32, val, der []F, knots []F, ipar []int32, tab []F)
//
// len(x) a multiple of the vector width, knots the knot vector rounded to
// F, tab the coefficient table of kernels.knotsTable padded as the uniform
// kernel's. Per vector of points it counts the knots <= x (a NaN counts
// none), which gives the table row (NaN points get the NaN row) and idx;
// then per point u = (x-t_j)/(t_{j+1}-t_j) from the row header, with x
// clamped to the knots' range so ±Inf meets the zero rows with a finite u,
// and Horner's rule as in the uniform kernel.
func knotsLocal(p prec, k int) {
	name := fmt.Sprintf("basisKnots%dK%dAVX2", p.bits, k)
	t := p.typ()
	TEXT(name, NOSPLIT, fmt.Sprintf("func(x []%s, idx []int32, val []%s, der []%s, knots []%s, ipar []int32, tab []%s)", t, t, t, t, t))
	Pragma("noescape")
	Doc(fmt.Sprintf("%s is the order-%d %s general-knot basis kernel (see knotsLocal in asm/basis).", name, k, t))

	n := Load(Param("x").Len(), GP64())
	xp := Load(Param("x").Base(), GP64())
	ip := Load(Param("idx").Base(), GP64())
	vp := Load(Param("val").Base(), GP64())
	dp := Load(Param("der").Base(), GP64())
	kb := Load(Param("knots").Base(), GP64())
	nk := Load(Param("knots").Len(), GP64())
	ipar := Load(Param("ipar").Base(), GP64())
	tab := Load(Param("tab").Base(), GP64())
	// kend = &knots[nk]
	kend := GP64()
	LEAQ(Mem{Base: kb, Index: nk, Scale: uint8(p.es())}, kend)

	var mask VecVirtual
	for _, c := range chunks(p, k) {
		if c.cnt < c.rw && c.cnt > 2 {
			mask = YMM()
			VMOVDQU(storeMask(p, c.cnt), mask)
		}
	}
	r := knotsRegs{n: n, xp: xp, ip: ip, vp: vp, dp: dp, kb: kb, kend: kend, ipar: ipar, tab: tab, mask: mask}
	TESTQ(dp, dp)
	JZ(LabelRef(name + "_noder"))
	knotsLoop(p, k, name+"_der", true, r)
	JMP(LabelRef(name + "_done"))
	Label(name + "_noder")
	knotsLoop(p, k, name+"_val", false, r)
	Label(name + "_done")
	VZEROUPPER()
	RET()
}

// knotsRegs are the registers a knots kernel keeps across its loop.
type knotsRegs struct {
	n, xp, ip, vp, dp, kb, kend, ipar, tab Register
	mask                                   VecVirtual
}

// knotPerm gathers the low dwords of four qwords into the low 128 bits.
var knotPermMem *Mem

func knotPerm() Mem {
	if knotPermMem == nil {
		m := GLOBL("basisKnotsPerm", RODATA|NOPTR)
		for i, v := range []uint32{0, 2, 4, 6, 1, 3, 5, 7} {
			DATA(4*i, U32(v))
		}
		knotPermMem = &m
	}
	return *knotPermMem
}

func knotsLoop(p prec, k int, lbl string, der bool, r knotsRegs) {
	cs := chunks(p, k)
	W, es := p.lanes(), p.es()
	P := padded(p, k)
	hdr := (2*k + 1) * P * es
	ipm := func(slot int) Mem { return Mem{Base: r.ipar, Disp: 4 * slot} }

	Label(lbl)
	CMPQ(r.n, Imm(uint64(W)))
	JL(LabelRef(lbl + "_end"))

	// Vector stage: count the knots <= x per lane.
	x, nan, cnt, tb, m := YMM(), YMM(), YMM(), YMM(), YMM()
	p.load(Mem{Base: r.xp}, x)
	p.cmp(Imm(cmpUnord), x, x, nan)
	VPXOR(cnt, cnt, cnt)
	kp := GP64()
	MOVQ(r.kb, kp)
	Label(lbl + "_count")
	p.bcast(Mem{Base: kp}, tb)
	p.cmp(Imm(cmpGE), tb, x, m) // x >= t (false for NaN)
	if p.bits == 64 {
		VPSUBQ(m, cnt, cnt)
	} else {
		VPSUBD(m, cnt, cnt)
	}
	ADDQ(Imm(uint64(es)), kp)
	CMPQ(kp, r.kend)
	JL(LabelRef(lbl + "_count"))

	// x clamped to [t_0, t_last] (NaN -> t_0: its row is all NaN anyway).
	xc := YMM()
	p.bcast(Mem{Base: r.kb}, tb)
	p.max(tb, x, xc)
	p.bcast(Mem{Base: r.kend, Disp: -es}, tb)
	p.min(tb, xc, xc)

	// Counts and NaN masks as int32 lanes (f64: the low dwords, packed).
	var ci, ni Register = cnt, nan
	if p.bits == 64 {
		perm := YMM()
		VMOVDQU(knotPerm(), perm)
		VPERMD(cnt, perm, cnt)
		VPERMD(nan, perm, nan)
		ci, ni = cnt.AsX(), nan.AsX()
	}
	ix, c2 := YMM(), YMM()
	var ixr, c2r Register = ix.AsX(), c2.AsX()
	if p.bits == 32 {
		ixr, c2r = ix, c2
	}
	VPBROADCASTD(ipm(kparBias), c2r)
	VPADDD(c2r, ci, ixr)
	VPXOR(c2r, c2r, c2r)
	VPMAXSD(c2r, ixr, ixr)
	VPBROADCASTD(ipm(kparLastIdx), c2r)
	VPMINSD(c2r, ixr, ixr)
	VMOVDQU(ixr, Mem{Base: r.ip})
	// row = NaN ? nanRow : count; byte offset = row·rowBytes.
	VPBROADCASTD(ipm(kparNaNRow), c2r)
	VPBLENDVB(ni, c2r, ci, ci)
	VPBROADCASTD(ipm(kparRowBytes), c2r)
	VPMULLD(c2r, ci, ci)

	// Point stage.
	var pairs []GPVirtual
	row, xb, ub, inv := GP64(), YMM(), YMM(), YMM()
	for pt := 0; pt < W; pt++ {
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
		laneBroadcast(p, xc, pt, xb)
		h := func(e int) Mem { return Mem{Base: r.tab, Index: row, Scale: 1, Disp: hdr + e*es} }
		p.bcast(h(0), ub)
		p.sub(ub, xb, xb)
		p.bcast(h(1), ub)
		p.sub(ub, xb, xb)
		p.bcast(h(2), inv)
		p.mul(inv, xb, ub)
		coef := func(vec, off int) Mem {
			return Mem{Base: r.tab, Index: row, Scale: 1, Disp: (vec*P + off) * es}
		}
		for _, c := range cs {
			acc := horner(p, c, k, 0, ub, coef)
			store(p, c, acc, Mem{Base: r.vp, Disp: (pt*(k+1) + c.off) * es}, r.mask)
			if der {
				d := horner(p, c, k-1, k+1, ub, coef)
				p.mul(p.reg(c, inv), p.reg(c, d), p.reg(c, d))
				store(p, c, d, Mem{Base: r.dp, Disp: (pt*(k+1) + c.off) * es}, r.mask)
			}
		}
	}

	ADDQ(Imm(uint64(W*es)), r.xp)
	ADDQ(Imm(uint64(W*4)), r.ip)
	ADDQ(Imm(uint64(W*(k+1)*es)), r.vp)
	if der {
		ADDQ(Imm(uint64(W*(k+1)*es)), r.dp)
	}
	SUBQ(Imm(uint64(W)), r.n)
	JMP(LabelRef(lbl))
	Label(lbl + "_end")
}
