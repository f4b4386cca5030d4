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
// matrix. Each row walks the m outputs in whole vectors and then one
// masked vector (mask: the first m mod lanes lanes set). Per-row bases are
// reloaded from the arguments where a loop needs them, so the kernels fit
// the general registers for every order.
//
//	splineAcc{64,32}K{k}AVX2(m int, idx []int32, v, s, wb, ws, y []F, mask []uint32)
//	splineGrad{64,32}K{k}AVX2(m int, idx []int32, v, d, s, ds, wb, ws, dy, gb, gs, dx []F, mask []uint32)

// splineRow holds what a row loop keeps: row index, row count, the row
// width in bytes, the width of its whole vectors in bytes, the store mask.
type splineRow struct {
	r, n, mb, full Register
	mask           VecVirtual
}

// splineProlog loads m, n and the mask and starts the row loop.
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
	mp := Load(Param("mask").Base(), GP64())
	s.mask = YMM()
	VMOVDQU(Mem{Base: mp}, s.mask)
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

// rowBase returns base + r·stride (stride a register or, when 0, scale).
func rowBase(param string, r, stride Register) Register {
	b := Load(Param(param).Base(), GP64())
	t := GP64()
	MOVQ(r, t)
	IMULQ(stride, t)
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

// weightRows returns the address of row idx[r] of the weights ws (rows of
// mb bytes).
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

// vecLoop runs body over the whole vectors of a row (offset o in bytes)
// and then, if m is not a multiple of the lanes, once more with masked
// loads and stores (masked=true).
func vecLoop(s splineRow, lbl string, body func(o Register, masked bool)) {
	o := GP64()
	XORQ(o, o)
	Label(lbl)
	CMPQ(o, s.full)
	JGE(LabelRef(lbl + "_tail"))
	body(o, false)
	ADDQ(Imm(32), o)
	JMP(LabelRef(lbl))
	Label(lbl + "_tail")
	CMPQ(o, s.mb)
	JGE(LabelRef(lbl + "_end"))
	body(o, true)
	Label(lbl + "_end")
}

// ld loads the vector at m (masked: lanes outside the mask read as 0).
func ld(p prec, s splineRow, masked bool, m Mem, dst VecVirtual) {
	if !masked {
		p.load(m, dst)
		return
	}
	if p.bits == 64 {
		VMASKMOVPD(m, s.mask, dst)
	} else {
		VMASKMOVPS(m, s.mask, dst)
	}
}

// st stores v at m (masked: only the lanes of the mask).
func st(p prec, s splineRow, masked bool, v VecVirtual, m Mem) {
	if !masked {
		p.pick(VMOVUPD, VMOVUPS)(v, m)
		return
	}
	if p.bits == 64 {
		VMASKMOVPD(v, s.mask, m)
	} else {
		VMASKMOVPS(v, s.mask, m)
	}
}

func (p prec) fma231(a, b, c Op) {
	if p.bits == 64 {
		VFMADD231PD(a, b, c)
	} else {
		VFMADD231PS(a, b, c)
	}
}

// splineAcc writes y[r·m+j] += s[r]·wb[j] + Σ_q v[r(K+1)+q]·ws[(idx[r]+q)m+j].
func splineAcc(p prec, k int) {
	name := fmt.Sprintf("splineAcc%dK%dAVX2", p.bits, k)
	t := p.typ()
	TEXT(name, NOSPLIT, fmt.Sprintf("func(m int, idx []int32, v, s, wb, ws, y []%s, mask []uint32)", t))
	Pragma("noescape")
	Doc(fmt.Sprintf("%s is the order-%d %s fused KAN forward kernel (see asm/basis/spline.go).", name, k, t))
	w, es := k+1, p.es()
	sr := splineProlog(p, name+"_row")
	sp := Load(Param("s").Base(), GP64())
	sb := YMM()
	p.bcast(Mem{Base: sp, Index: sr.r, Scale: uint8(es)}, sb)
	vq := bcasts(p, rowBaseImm("v", sr.r, w*es), w)
	yrow := rowBase("y", sr.r, sr.mb)
	wb := Load(Param("wb").Base(), GP64())
	wrow := weightRows("ws", sr)
	vecLoop(sr, name+"_vec", func(o Register, masked bool) {
		acc, tmp := YMM(), YMM()
		ld(p, sr, masked, Mem{Base: yrow, Index: o, Scale: 1}, acc)
		ld(p, sr, masked, Mem{Base: wb, Index: o, Scale: 1}, tmp)
		p.fma231(tmp, sb, acc)
		pq := GP64()
		LEAQ(Mem{Base: wrow, Index: o, Scale: 1}, pq)
		for q := 0; q < w; q++ {
			ld(p, sr, masked, Mem{Base: pq}, tmp)
			p.fma231(tmp, vq[q], acc)
			if q < k {
				ADDQ(sr.mb, pq)
			}
		}
		st(p, sr, masked, acc, Mem{Base: yrow, Index: o, Scale: 1})
	})
	splineEpilog(sr, name+"_row")
}

// splineGrad, per row with g = dy[r·m …]: when gb is not nil,
// gb[j] += s[r]·g[j] and gs[(idx[r]+q)m+j] += v[r(K+1)+q]·g[j]; when dx is
// not nil, dx[r] = Σ_j g[j]·(ds[r]·wb[j] + Σ_q d[r(K+1)+q]·ws[(idx[r]+q)m+j]).
func splineGrad(p prec, k int) {
	name := fmt.Sprintf("splineGrad%dK%dAVX2", p.bits, k)
	t := p.typ()
	TEXT(name, NOSPLIT, fmt.Sprintf("func(m int, idx []int32, v, d, s, ds, wb, ws, dy, gb, gs, dx []%s, mask []uint32)", t))
	Pragma("noescape")
	Doc(fmt.Sprintf("%s is the order-%d %s fused KAN backward kernel (see asm/basis/spline.go).", name, k, t))
	w, es := k+1, p.es()
	sr := splineProlog(p, name+"_row")

	// Parameter gradients.
	gbp := Load(Param("gb").Base(), GP64())
	TESTQ(gbp, gbp)
	JZ(LabelRef(name + "_nogw"))
	{
		sp := Load(Param("s").Base(), GP64())
		sb := YMM()
		p.bcast(Mem{Base: sp, Index: sr.r, Scale: uint8(es)}, sb)
		vq := bcasts(p, rowBaseImm("v", sr.r, w*es), w)
		grow := rowBase("dy", sr.r, sr.mb)
		gsrow := weightRows("gs", sr)
		vecLoop(sr, name+"_gw", func(o Register, masked bool) {
			g, acc := YMM(), YMM()
			ld(p, sr, masked, Mem{Base: grow, Index: o, Scale: 1}, g)
			ld(p, sr, masked, Mem{Base: gbp, Index: o, Scale: 1}, acc)
			p.fma231(g, sb, acc)
			st(p, sr, masked, acc, Mem{Base: gbp, Index: o, Scale: 1})
			pq := GP64()
			LEAQ(Mem{Base: gsrow, Index: o, Scale: 1}, pq)
			for q := 0; q < w; q++ {
				ld(p, sr, masked, Mem{Base: pq}, acc)
				p.fma231(g, vq[q], acc)
				st(p, sr, masked, acc, Mem{Base: pq})
				if q < k {
					ADDQ(sr.mb, pq)
				}
			}
		})
	}
	Label(name + "_nogw")

	// Input gradient.
	dxp := Load(Param("dx").Base(), GP64())
	TESTQ(dxp, dxp)
	JZ(LabelRef(name + "_nodx"))
	{
		dsp := Load(Param("ds").Base(), GP64())
		db := YMM()
		p.bcast(Mem{Base: dsp, Index: sr.r, Scale: uint8(es)}, db)
		dq := bcasts(p, rowBaseImm("d", sr.r, w*es), w)
		grow := rowBase("dy", sr.r, sr.mb)
		wb := Load(Param("wb").Base(), GP64())
		wrow := weightRows("ws", sr)
		sum := YMM()
		VXORPS(sum, sum, sum)
		vecLoop(sr, name+"_dx", func(o Register, masked bool) {
			c, tmp := YMM(), YMM()
			ld(p, sr, masked, Mem{Base: wb, Index: o, Scale: 1}, c)
			p.mul(db, c, c)
			pq := GP64()
			LEAQ(Mem{Base: wrow, Index: o, Scale: 1}, pq)
			for q := 0; q < w; q++ {
				ld(p, sr, masked, Mem{Base: pq}, tmp)
				p.fma231(tmp, dq[q], c)
				if q < k {
					ADDQ(sr.mb, pq)
				}
			}
			if masked { // lanes past m: 0·Inf in c must not reach the sum
				p.and(sr.mask, c, c)
			}
			ld(p, sr, masked, Mem{Base: grow, Index: o, Scale: 1}, tmp)
			p.fma231(tmp, c, sum)
		})
		hsum(p, sum)
		if p.bits == 64 {
			VMOVSD(sum.AsX(), Mem{Base: dxp, Index: sr.r, Scale: uint8(es)})
		} else {
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
