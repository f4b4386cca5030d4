package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// The fused KAN layer kernels (kernels.SplineAcc, kernels.SplineGrad):
// per row r of one layer input, the K+1 non-zero basis values multiply the
// K+1 rows idx[r] … idx[r]+K of the input's spline weights (each m =
// nOut wide) directly, instead of a dense design row times the weight
// matrix. Each row walks the m outputs in whole vectors and then element
// by element (scalar instructions: a KAN's last layer often has m = 1,
// and masked stores are slow, on AMD especially). Row pointers advance by
// addition; the bases a loop needs are reloaded from the arguments per
// row only where the registers run out.
//
//	splineAcc{64,32}K{k}AVX2(m int, idx []int32, v, s, wb, ws, y []F)
//	splineGrad{64,32}K{k}AVX2(m int, idx []int32, v, d, s, ds, wb, ws, dy, gb, gs, dx []F)

// splineRow holds what a row loop keeps: row index, row count, the row
// width in bytes and the width of its whole vectors in bytes.
type splineRow struct {
	r, n, mb, full Register
}

// splineProlog loads m and n and starts the row loop.
func splineProlog(p prec, lbl string) splineRow {
	var s splineRow
	s.mb = Load(Param("m"), GP64())
	shift := 2
	if p.bits == 64 {
		shift = 3
	}
	SHLQ(Imm(uint64(shift)), s.mb)
	s.full = GP64()
	MOVQ(s.mb, s.full)
	SHRQ(Imm(5), s.full) // whole 32-byte vectors
	SHLQ(Imm(5), s.full)
	s.n = Load(Param("idx").Len(), GP64())
	s.r = GP64()
	XORQ(s.r, s.r)
	Label(lbl)
	CMPQ(s.r, s.n)
	JGE(LabelRef(lbl + "_end"))
	return s
}

// splineEpilog ends the row loop and returns.
func splineEpilog(s splineRow, lbl string) {
	INCQ(s.r)
	JMP(LabelRef(lbl))
	Label(lbl + "_end")
	VZEROUPPER()
	RET()
}

// rowBase returns base + r·mb.
func rowBase(param string, s splineRow) Register {
	b := Load(Param(param).Base(), GP64())
	t := GP64()
	MOVQ(s.r, t)
	IMULQ(s.mb, t)
	ADDQ(t, b)
	return b
}

// rowBaseImm returns base + r·stride for a constant stride.
func rowBaseImm(param string, r Register, stride int) Register {
	b := Load(Param(param).Base(), GP64())
	t := GP64()
	IMUL3Q(Imm(uint64(stride)), r, t)
	ADDQ(t, b)
	return b
}

// weightRows returns the address of row idx[r] of the weights param
// (rows of mb bytes).
func weightRows(param string, s splineRow) Register {
	ib := Load(Param("idx").Base(), GP64())
	off := GP64()
	MOVLQSX(Mem{Base: ib, Index: s.r, Scale: 4}, off)
	IMULQ(s.mb, off)
	b := Load(Param(param).Base(), GP64())
	ADDQ(off, b)
	return b
}

// bcasts broadcasts cnt consecutive elements at base.
func bcasts(p prec, base Register, cnt int) []VecVirtual {
	out := make([]VecVirtual, cnt)
	for q := range out {
		out[q] = YMM()
		p.bcast(Mem{Base: base, Disp: q * p.es()}, out[q])
	}
	return out
}

// lane is one step of a row loop: a whole vector or one element.
type lane struct {
	p      prec
	scalar bool
}

// r is v at the step's width (the broadcasts hold their value in lane 0).
func (l lane) r(v VecVirtual) Register {
	if l.scalar {
		return v.AsX()
	}
	return v
}

func (l lane) ld(m Mem, dst VecVirtual) {
	switch {
	case !l.scalar:
		l.p.load(m, dst)
	case l.p.bits == 64:
		VMOVSD(m, dst.AsX())
	default:
		VMOVSS(m, dst.AsX())
	}
}

func (l lane) st(v VecVirtual, m Mem) {
	switch {
	case !l.scalar:
		l.p.pick(VMOVUPD, VMOVUPS)(v, m)
	case l.p.bits == 64:
		VMOVSD(v.AsX(), m)
	default:
		VMOVSS(v.AsX(), m)
	}
}

// fma: c += a·b.
func (l lane) fma(a, b, c VecVirtual) {
	switch {
	case !l.scalar && l.p.bits == 64:
		VFMADD231PD(a, b, c)
	case !l.scalar:
		VFMADD231PS(a, b, c)
	case l.p.bits == 64:
		VFMADD231SD(a.AsX(), b.AsX(), c.AsX())
	default:
		VFMADD231SS(a.AsX(), b.AsX(), c.AsX())
	}
}

// fmaMem: c += mem·b.
func (l lane) fmaMem(m Mem, b, c VecVirtual) {
	switch {
	case !l.scalar && l.p.bits == 64:
		VFMADD231PD(m, b, c)
	case !l.scalar:
		VFMADD231PS(m, b, c)
	case l.p.bits == 64:
		VFMADD231SD(m, b.AsX(), c.AsX())
	default:
		VFMADD231SS(m, b.AsX(), c.AsX())
	}
}

// fma213Mem: c = c·b + mem.
func (l lane) fma213Mem(m Mem, b, c VecVirtual) {
	switch {
	case !l.scalar && l.p.bits == 64:
		VFMADD213PD(m, b, c)
	case !l.scalar:
		VFMADD213PS(m, b, c)
	case l.p.bits == 64:
		VFMADD213SD(m, b.AsX(), c.AsX())
	default:
		VFMADD213SS(m, b.AsX(), c.AsX())
	}
}

// addMem: c += mem.
func (l lane) addMem(m Mem, c VecVirtual) {
	switch {
	case !l.scalar && l.p.bits == 64:
		VADDPD(m, c, c)
	case !l.scalar:
		VADDPS(m, c, c)
	case l.p.bits == 64:
		VADDSD(m, c.AsX(), c.AsX())
	default:
		VADDSS(m, c.AsX(), c.AsX())
	}
}

func (l lane) mul(a, b, c VecVirtual) {
	switch {
	case !l.scalar:
		l.p.mul(a, b, c)
	case l.p.bits == 64:
		VMULSD(a.AsX(), b.AsX(), c.AsX())
	default:
		VMULSS(a.AsX(), b.AsX(), c.AsX())
	}
}

// vecLoop runs body over the whole vectors of a row (offset o in bytes)
// and then over its remaining elements one by one.
func vecLoop(p prec, s splineRow, lbl string, body func(o Register, l lane)) {
	o := GP64()
	XORQ(o, o)
	Label(lbl)
	CMPQ(o, s.full)
	JGE(LabelRef(lbl + "_tail"))
	body(o, lane{p, false})
	ADDQ(Imm(32), o)
	JMP(LabelRef(lbl))
	Label(lbl + "_tail")
	CMPQ(o, s.mb)
	JGE(LabelRef(lbl + "_end"))
	body(o, lane{p, true})
	ADDQ(Imm(uint64(p.es())), o)
	JMP(LabelRef(lbl + "_tail"))
	Label(lbl + "_end")
}

// splineAcc writes y[r·m+j] += s[r]·wb[j] + Σ_q v[r(K+1)+q]·ws[(idx[r]+q)m+j].
func splineAcc(p prec, k int) {
	name := fmt.Sprintf("splineAcc%dK%dAVX2", p.bits, k)
	t := p.typ()
	TEXT(name, NOSPLIT, fmt.Sprintf("func(m int, idx []int32, v, s, wb, ws, y []%s)", t))
	Pragma("noescape")
	Doc(fmt.Sprintf("%s is the order-%d %s fused KAN forward kernel (see asm/basis/spline.go).", name, k, t))
	w, es := k+1, p.es()
	sr := splineProlog(p, name+"_row")
	sp := Load(Param("s").Base(), GP64())
	sb := YMM()
	p.bcast(Mem{Base: sp, Index: sr.r, Scale: uint8(es)}, sb)
	vq := bcasts(p, rowBaseImm("v", sr.r, w*es), w)
	yrow := rowBase("y", sr)
	wb := Load(Param("wb").Base(), GP64())
	wrow := weightRows("ws", sr)
	vecLoop(p, sr, name+"_vec", func(o Register, l lane) {
		acc := YMM()
		l.ld(Mem{Base: yrow, Index: o, Scale: 1}, acc)
		l.fmaMem(Mem{Base: wb, Index: o, Scale: 1}, sb, acc)
		pq := GP64()
		LEAQ(Mem{Base: wrow, Index: o, Scale: 1}, pq)
		for q := 0; q < w; q++ {
			l.fmaMem(Mem{Base: pq}, vq[q], acc)
			if q < k {
				ADDQ(sr.mb, pq)
			}
		}
		l.st(acc, Mem{Base: yrow, Index: o, Scale: 1})
	})
	splineEpilog(sr, name+"_row")
}

// splineGrad, per row with g = dy[r·m …]: when gb is not nil,
// gb[j] += s[r]·g[j] and gs[(idx[r]+q)m+j] += v[r(K+1)+q]·g[j]; when dx is
// not nil, dx[r] = Σ_j g[j]·(ds[r]·wb[j] + Σ_q d[r(K+1)+q]·ws[(idx[r]+q)m+j]).
func splineGrad(p prec, k int) {
	name := fmt.Sprintf("splineGrad%dK%dAVX2", p.bits, k)
	t := p.typ()
	TEXT(name, NOSPLIT, fmt.Sprintf("func(m int, idx []int32, v, d, s, ds, wb, ws, dy, gb, gs, dx []%s)", t))
	Pragma("noescape")
	Doc(fmt.Sprintf("%s is the order-%d %s fused KAN backward kernel (see asm/basis/spline.go).", name, k, t))
	w, es := k+1, p.es()
	sr := splineProlog(p, name+"_row")

	// Weight gradients.
	gbp := Load(Param("gb").Base(), GP64())
	TESTQ(gbp, gbp)
	JZ(LabelRef(name + "_nogw"))
	{
		sp := Load(Param("s").Base(), GP64())
		sb := YMM()
		p.bcast(Mem{Base: sp, Index: sr.r, Scale: uint8(es)}, sb)
		vq := bcasts(p, rowBaseImm("v", sr.r, w*es), w)
		grow := rowBase("dy", sr)
		gsrow := weightRows("gs", sr)
		vecLoop(p, sr, name+"_gw", func(o Register, l lane) {
			g, acc := YMM(), YMM()
			l.ld(Mem{Base: grow, Index: o, Scale: 1}, g)
			l.ld(Mem{Base: gbp, Index: o, Scale: 1}, acc)
			l.fma(g, sb, acc)
			l.st(acc, Mem{Base: gbp, Index: o, Scale: 1})
			pq := GP64()
			LEAQ(Mem{Base: gsrow, Index: o, Scale: 1}, pq)
			for q := 0; q < w; q++ {
				l.ld(Mem{Base: pq}, acc)
				l.fma(g, vq[q], acc)
				l.st(acc, Mem{Base: pq})
				if q < k {
					ADDQ(sr.mb, pq)
				}
			}
		})
	}
	Label(name + "_nogw")

	// Input gradient: whole vectors into sum, the remaining elements into
	// the scalar tail (a scalar VEX op would clear sum's upper lanes).
	dxp := Load(Param("dx").Base(), GP64())
	TESTQ(dxp, dxp)
	JZ(LabelRef(name + "_nodx"))
	{
		dsp := Load(Param("ds").Base(), GP64())
		db := YMM()
		p.bcast(Mem{Base: dsp, Index: sr.r, Scale: uint8(es)}, db)
		dq := bcasts(p, rowBaseImm("d", sr.r, w*es), w)
		grow := rowBase("dy", sr)
		wb := Load(Param("wb").Base(), GP64())
		wrow := weightRows("ws", sr)
		sum, tail := YMM(), YMM()
		VXORPS(sum, sum, sum)
		VXORPS(tail, tail, tail)
		vecLoop(p, sr, name+"_dx", func(o Register, l lane) {
			c, tmp := YMM(), YMM()
			l.ld(Mem{Base: wb, Index: o, Scale: 1}, c)
			l.mul(db, c, c)
			pq := GP64()
			LEAQ(Mem{Base: wrow, Index: o, Scale: 1}, pq)
			for q := 0; q < w; q++ {
				l.fmaMem(Mem{Base: pq}, dq[q], c)
				if q < k {
					ADDQ(sr.mb, pq)
				}
			}
			l.ld(Mem{Base: grow, Index: o, Scale: 1}, tmp)
			if l.scalar {
				l.fma(tmp, c, tail)
			} else {
				l.fma(tmp, c, sum)
			}
		})
		hsum(p, sum)
		if p.bits == 64 {
			VADDSD(tail.AsX(), sum.AsX(), sum.AsX())
			VMOVSD(sum.AsX(), Mem{Base: dxp, Index: sr.r, Scale: uint8(es)})
		} else {
			VADDSS(tail.AsX(), sum.AsX(), sum.AsX())
			VMOVSS(sum.AsX(), Mem{Base: dxp, Index: sr.r, Scale: uint8(es)})
		}
	}
	Label(name + "_nodx")
	splineEpilog(sr, name+"_row")
}

// hsum leaves the sum of v's lanes in its lowest lane.
func hsum(p prec, v VecVirtual) {
	hi := XMM()
	VEXTRACTF128(Imm(1), v, hi)
	if p.bits == 64 {
		VADDPD(hi, v.AsX(), v.AsX())
		VHADDPD(v.AsX(), v.AsX(), v.AsX())
		return
	}
	VADDPS(hi, v.AsX(), v.AsX())
	VHADDPS(v.AsX(), v.AsX(), v.AsX())
	VHADDPS(v.AsX(), v.AsX(), v.AsX())
}
