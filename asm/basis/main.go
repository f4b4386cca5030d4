// Command basis writes ansatz's AVX2+FMA assembly for the B-spline basis
// on uniform grids and on arbitrary knot vectors (knots.go)
// (kernels/basis_amd64.s and its Go stubs). Run it through
// `go generate ./kernels` in the main module.
//
// One function per precision and order K = 1 … 5:
//
//	basisLocal{64,32}K{k}AVX2(x []F, idx []int32, val, der []F, par []F, tab []F)
//
// len(x) must be a multiple of the vector width (4 float64 / 8 float32
// points); the Go wrapper in kernels/basis_amd64.go runs the tail through a
// padded buffer. der may be nil (no derivatives). par holds broadcast
// parameters (see the par* constants, mirrored in kernels/basis_amd64.go)
// and tab the Horner coefficient table of kernels/basis_table.go.
//
// Per vector of points the code locates each point's knot interval
// (floor, then one correction step against the rounded knots, exactly as
// kernels.locate64/locate32), the local coordinate u, idx, and the table
// row for its window shift (or the NaN row); then, point by point, it
// evaluates the K+1 values (and derivatives) with Horner's rule, all K+1
// functions in one register, and stores them contiguously.
package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Parameter slots of par, each one YMM (32 bytes) of the same value.
// Keep in sync with kernels/basis_amd64.go.
const (
	parLo     = iota // float(Lo)
	parH             // float(h)
	parInvH          // float(1/h)
	parSLo           // -K-2: lowest first guess (also for NaN)
	parSHi           // G+K+1: highest first guess
	parOne           // 1
	parZero          // 0
	parGm1           // G-1: largest idx
	parKp1           // K+1: largest |shift|
	parNKp1          // -(K+1)
	parStride        // table row stride in bytes
	parBias          // (K+1)·stride: byte offset of the row for shift 0
	parNaNRow        // (2K+3)·stride: byte offset of the NaN row
	parHLo           // float32 only: h - float64(float32(h))
	parLoLo          // float32 only: Lo - float64(float32(Lo))
	parUMin          // -1, clamp of u for points far outside (and ±Inf)
	parUMax          // 2
)

func main() {
	// amd64 too: the stubs file name (…_amd64_stubs.go) carries no implicit
	// GOARCH constraint, and other architectures must still build.
	ConstraintExpr("amd64,!purego")
	for _, bits := range []int{64, 32} {
		for k := 1; k <= 5; k++ {
			local(prec{bits}, k)
		}
	}
	for _, bits := range []int{64, 32} {
		for k := 1; k <= 5; k++ {
			knotsLocal(prec{bits}, k)
		}
	}
	for _, bits := range []int{64, 32} {
		for k := 1; k <= 5; k++ {
			splineAcc(prec{bits}, k)
			splineGrad(prec{bits}, k)
		}
	}
	for _, bits := range []int{64, 32} {
		for k := 1; k <= 5; k++ {
			splineKnots(prec{bits}, k)
		}
	}
	Generate()
}

// prec selects float64 (4 lanes per YMM) or float32 (8 lanes) code.
type prec struct{ bits int }

func (p prec) es() int    { return p.bits / 8 } // element size in bytes
func (p prec) lanes() int { return 32 / p.es() }
func (p prec) typ() string {
	return fmt.Sprintf("float%d", p.bits)
}

// chunk is a piece of the K+1 values of one point kept in one register:
// elements [off, off+cnt) evaluated in a register of rw elements.
type chunk struct{ off, rw, cnt int }

// chunks splits K+1 values into YMM-, XMM- and partial pieces; the table's
// padded width (kernels.basisPadAVX2) is the sum of the rw.
func chunks(p prec, k int) []chunk {
	n := k + 1
	ymm, xmm := p.lanes(), p.lanes()/2
	var out []chunk
	off := 0
	for n-off >= ymm {
		out = append(out, chunk{off, ymm, ymm})
		off += ymm
	}
	switch r := n - off; {
	case r == 0:
	case r > xmm:
		out = append(out, chunk{off, ymm, r})
	default:
		out = append(out, chunk{off, xmm, r})
	}
	return out
}

func padded(p prec, k int) int {
	w := 0
	for _, c := range chunks(p, k) {
		w += c.rw
	}
	return w
}

// Instruction selection by precision.
func (p prec) pick(f64, f32 func(...Op)) func(...Op) {
	if p.bits == 64 {
		return f64
	}
	return f32
}

func (p prec) sub(a ...Op)   { p.pick(VSUBPD, VSUBPS)(a...) }
func (p prec) add(a ...Op)   { p.pick(VADDPD, VADDPS)(a...) }
func (p prec) mul(a ...Op)   { p.pick(VMULPD, VMULPS)(a...) }
func (p prec) and(a ...Op)   { p.pick(VANDPD, VANDPS)(a...) }
func (p prec) max(a ...Op)   { p.pick(VMAXPD, VMAXPS)(a...) }
func (p prec) min(a ...Op)   { p.pick(VMINPD, VMINPS)(a...) }
func (p prec) cmp(a ...Op)   { p.pick(VCMPPD, VCMPPS)(a...) }
func (p prec) load(a ...Op)  { p.pick(VMOVUPD, VMOVUPS)(a...) }
func (p prec) fma(a ...Op)   { p.pick(VFMADD213PD, VFMADD213PS)(a...) }
func (p prec) bcast(a ...Op) { p.pick(VBROADCASTSD, VBROADCASTSS)(a...) }

const (
	cmpLT    = 1  // LT_OS
	cmpUnord = 3  // UNORD_Q
	cmpGE    = 13 // GE_OS
	floor    = 1  // VROUND: round toward -Inf
)

// masks holds the lane masks for partial stores, one per (bits, count).
var masks = map[string]Mem{}

func storeMask(p prec, cnt int) Mem {
	name := fmt.Sprintf("basisMask%d_%d", p.bits, cnt)
	if m, ok := masks[name]; ok {
		return m
	}
	m := GLOBL(name, RODATA|NOPTR)
	for i := 0; i < p.lanes(); i++ {
		v := uint64(0)
		if i < cnt {
			v = 1<<p.bits - 1
		}
		if p.bits == 64 {
			DATA(8*i, U64(v))
		} else {
			DATA(4*i, U32(uint32(v)))
		}
	}
	masks[name] = m
	return m
}

func local(p prec, k int) {
	name := fmt.Sprintf("basisLocal%dK%dAVX2", p.bits, k)
	t := p.typ()
	TEXT(name, NOSPLIT, fmt.Sprintf("func(x []%s, idx []int32, val []%s, der []%s, par []%s, tab []%s)", t, t, t, t, t))
	Pragma("noescape")
	Doc(fmt.Sprintf("%s is the order-%d %s basis kernel (see package comment of asm/basis).", name, k, t))

	n := Load(Param("x").Len(), GP64())
	xp := Load(Param("x").Base(), GP64())
	ip := Load(Param("idx").Base(), GP64())
	vp := Load(Param("val").Base(), GP64())
	dp := Load(Param("der").Base(), GP64())
	par := Load(Param("par").Base(), GP64())
	tab := Load(Param("tab").Base(), GP64())

	cs := chunks(p, k)
	var mask VecVirtual
	for _, c := range cs {
		if c.cnt < c.rw && c.cnt > 2 { // needs a masked store
			mask = YMM()
			VMOVDQU(storeMask(p, c.cnt), mask)
		}
	}

	TESTQ(dp, dp)
	JZ(LabelRef(name + "_noder"))
	loop(p, k, name+"_der", true, n, xp, ip, vp, dp, par, tab, mask)
	JMP(LabelRef(name + "_done"))
	Label(name + "_noder")
	loop(p, k, name+"_val", false, n, xp, ip, vp, dp, par, tab, mask)
	Label(name + "_done")
	VZEROUPPER()
	RET()
}

func loop(p prec, k int, lbl string, der bool, n, xp, ip, vp, dp, par, tab Register, mask VecVirtual) {
	cs := chunks(p, k)
	W, es := p.lanes(), p.es()
	P := padded(p, k)
	pm := func(slot int) Mem { return Mem{Base: par, Disp: 32 * slot} }

	Label(lbl)
	CMPQ(n, Imm(uint64(W)))
	JL(LabelRef(lbl + "_end"))

	// Vector stage: locate W points.
	x, s, f, t, m, nan := YMM(), YMM(), YMM(), YMM(), YMM(), YMM()
	p.load(Mem{Base: xp}, x)
	p.sub(pm(parLo), x, s)
	p.mul(pm(parInvH), s, s)
	p.cmp(Imm(cmpUnord), x, x, nan)
	p.max(pm(parSLo), s, s) // NaN -> sLo
	p.min(pm(parSHi), s, s)
	if p.bits == 64 {
		VROUNDPD(Imm(floor), s, f)
	} else {
		VROUNDPS(Imm(floor), s, f)
	}
	// if x < lo + f·h { f-- }
	p.mul(pm(parH), f, t)
	p.add(pm(parLo), t, t)
	p.cmp(Imm(cmpLT), t, x, m)
	p.and(pm(parOne), m, m)
	p.sub(m, f, f)
	// if x >= lo + (f+1)·h { f++ }
	p.add(pm(parOne), f, t)
	p.mul(pm(parH), t, t)
	p.add(pm(parLo), t, t)
	p.cmp(Imm(cmpGE), t, x, m)
	p.and(pm(parOne), m, m)
	p.add(m, f, f)

	u := YMM()
	if p.bits == 64 {
		// u = (x - t_f)/h with the rounded knot t_f = lo + f·h, as the
		// reference does (s - f would lose |x-Lo|/h ulps).
		p.mul(pm(parH), f, u)
		p.add(pm(parLo), u, u)
		p.sub(u, x, u)
		p.mul(pm(parInvH), u, u)
		p.max(pm(parUMin), u, u) // x = ±Inf: keep u finite (its row is zero)
		p.min(pm(parUMax), u, u)
	} else {
		accurateU32(p, x, f, u, pm)
	}

	// idx = clamp(f, 0, G-1); shift o = clamp(idx - f, -(K+1), K+1);
	// row = o·stride + bias, or the NaN row.
	ix, o := YMM(), YMM()
	p.max(pm(parZero), f, ix)
	p.min(pm(parGm1), ix, ix)
	p.sub(f, ix, o)
	p.min(pm(parKp1), o, o)
	p.max(pm(parNKp1), o, o)
	p.mul(pm(parStride), o, o)
	p.add(pm(parBias), o, o)
	if p.bits == 64 {
		VBLENDVPD(nan, pm(parNaNRow), o, o)
	} else {
		VBLENDVPS(nan, pm(parNaNRow), o, o)
	}
	// Row offsets go to general registers two at a time (the lanes are
	// moved with register instructions: a round trip through the stack
	// would make each point wait for store forwarding).
	var pairs []GPVirtual
	if p.bits == 64 {
		ii, oi := XMM(), XMM()
		VCVTTPD2DQY(ix, ii)
		VMOVDQU(ii, Mem{Base: ip})
		VCVTTPD2DQY(o, oi)
		pairs = lanePairs(oi)
	} else {
		ii, oi := YMM(), YMM()
		VCVTTPS2DQ(ix, ii)
		VMOVDQU(ii, Mem{Base: ip})
		VCVTTPS2DQ(o, oi)
		hi := XMM()
		VEXTRACTI128(Imm(1), oi, hi)
		pairs = append(lanePairs(oi.AsX()), lanePairs(hi)...)
	}

	// Point stage: Horner per point, K+1 functions per register.
	row := GP64()
	ub := YMM()
	for pt := 0; pt < W; pt++ {
		if pt%2 == 0 {
			MOVL(pairs[pt/2].As32(), row.As32()) // zero-extends
		} else {
			MOVQ(pairs[pt/2], row)
			SHRQ(Imm(32), row)
		}
		laneBroadcast(p, u, pt, ub)
		coef := func(vec, off int) Mem {
			return Mem{Base: tab, Index: row, Scale: 1, Disp: (vec*P + off) * es}
		}
		for _, c := range cs {
			out := Mem{Base: vp, Disp: (pt*(k+1) + c.off) * es}
			acc := horner(p, c, k, 0, ub, coef)
			store(p, c, acc, out, mask)
			if der {
				d := horner(p, c, k-1, k+1, ub, coef)
				p.mul(pm(parInvH), p.reg(c, d), p.reg(c, d))
				store(p, c, d, Mem{Base: dp, Disp: (pt*(k+1) + c.off) * es}, mask)
			}
		}
	}

	ADDQ(Imm(uint64(W*es)), xp)
	ADDQ(Imm(uint64(W*4)), ip)
	ADDQ(Imm(uint64(W*(k+1)*es)), vp)
	if der {
		ADDQ(Imm(uint64(W*(k+1)*es)), dp)
	}
	SUBQ(Imm(uint64(W)), n)
	JMP(LabelRef(lbl))
	Label(lbl + "_end")
}

// lanePairs moves the four int32 lanes of x into two general registers.
func lanePairs(x Register) []GPVirtual {
	lo, hi := GP64(), GP64()
	VMOVQ(x, lo) // VEX-encoded: no SSE/AVX transition
	VPEXTRQ(Imm(1), x, hi)
	return []GPVirtual{lo, hi}
}

// laneBroadcast sets every lane of ub to lane pt of u.
func laneBroadcast(p prec, u VecVirtual, pt int, ub VecVirtual) {
	if p.bits == 64 {
		VPERMPD(Imm(uint64(0x55*pt)), u, ub)
		return
	}
	ix := YMM()
	VPBROADCASTD(laneIndex().Offset(4*pt), ix)
	VPERMPS(u, ix, ub)
}

// laneIndex is the int32 table 0 … 7, for VPERMPS lane indices.
var laneIndexMem *Mem

func laneIndex() Mem {
	if laneIndexMem == nil {
		m := GLOBL("basisLaneIndex", RODATA|NOPTR)
		for i := 0; i < 8; i++ {
			DATA(4*i, U32(uint32(i)))
		}
		laneIndexMem = &m
	}
	return *laneIndexMem
}

// accurateU32 computes u = (x - t_f)/h for float32 with the knot t_f known
// to about float64 accuracy: x - t_f = (x-lo32) - f·h32 - (f·hlo + lolo),
// where x-lo32 and f·h32 carry their exact rounding errors (TwoSum, FMA).
// Plain float32 arithmetic would lose ~1e-6 of u on grids far from zero.
// u is clamped to [-1, 2] (NaN -> -1) so far-away points, whose table row
// is all zeros, cannot produce 0·Inf.
func accurateU32(p prec, x, f, u VecVirtual, pm func(int) Mem) {
	a, bb, ea, e2, pr, e1, c := YMM(), YMM(), YMM(), YMM(), YMM(), YMM(), YMM()
	VSUBPS(pm(parLo), x, a) // a = x - lo
	VSUBPS(x, a, bb)        // bb = a - x
	VSUBPS(bb, a, ea)       // a - bb
	VSUBPS(ea, x, ea)       // x - (a - bb)
	VADDPS(pm(parLo), bb, e2)
	VSUBPS(e2, ea, ea) // ea = (x - (a-bb)) + (-lo - bb)
	VMULPS(pm(parH), f, pr)
	VMOVAPS(pr, e1)
	VFMSUB231PS(pm(parH), f, e1) // e1 = f·h - pr, exact
	VMULPS(pm(parHLo), f, c)
	VADDPS(pm(parLoLo), c, c) // c = f·hlo + lolo
	VSUBPS(pr, a, u)          // a - pr (exact near the knot)
	VSUBPS(e1, ea, ea)
	VSUBPS(c, ea, ea)
	VADDPS(ea, u, u)
	VMULPS(pm(parInvH), u, u)
	VMAXPS(pm(parUMin), u, u)
	VMINPS(pm(parUMax), u, u)
}

// reg is v viewed at the chunk's register width (XMM or YMM).
func (p prec) reg(c chunk, v VecVirtual) Register {
	if c.rw == p.lanes()/2 {
		return v.AsX()
	}
	return v
}

// horner evaluates Σ_m tab[first+m] u^m for m = 0 … deg in a chunk-sized
// register and returns it.
func horner(p prec, c chunk, deg, first int, ub VecVirtual, coef func(vec, off int) Mem) VecVirtual {
	acc := YMM()
	a, u := p.reg(c, acc), p.reg(c, ub)
	p.load(coef(first+deg, c.off), a)
	for m := deg - 1; m >= 0; m-- {
		p.fma(coef(first+m, c.off), u, a)
	}
	return acc
}

// store writes the chunk's cnt elements: full register, one or two
// elements, or a masked store.
func store(p prec, c chunk, v VecVirtual, dst Mem, mask VecVirtual) {
	r := p.reg(c, v)
	switch {
	case c.cnt == c.rw:
		p.pick(VMOVUPD, VMOVUPS)(r, dst)
	case c.cnt == 1:
		p.pick(VMOVSD, VMOVSS)(v.AsX(), dst)
	case c.cnt == 2 && p.bits == 32:
		VMOVSD(v.AsX(), dst)
	default:
		if p.bits == 64 {
			VMASKMOVPD(r, p.reg(c, mask), dst)
		} else {
			VMASKMOVPS(r, p.reg(c, mask), dst)
		}
	}
}
