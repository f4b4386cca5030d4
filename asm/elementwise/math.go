package main

import (
	"fmt"
	"strings"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

type mathOp struct {
	name   string
	inputs []string
	// core returns the result and a mask of the lanes it cannot do
	// (nil when it does every lane); t is the element kind, since the
	// float32 kernels can saturate where float64 ones must be exact.
	core  func(x []VecVirtual, t kind) (y, hard VecVirtual)
	kinds []kind
}

var mathOps = []mathOp{
	{"exp", []string{"a"}, expOp, []kind{f32, f64}},
	{"log", []string{"a"}, logOp, []kind{f32, f64}},
	{"sin", []string{"a"}, sinOp, []kind{f32, f64}},
	{"cos", []string{"a"}, cosOp, []kind{f32, f64}},
	{"tan", []string{"a"}, tanOp, []kind{f32, f64}},
	{"tanh", []string{"a"}, tanhOp, []kind{f32, f64}},
	{"sigmoid", []string{"a"}, sigmoidOp, []kind{f32, f64}},
	{"silu", []string{"a"}, siluOp, []kind{f32, f64}},
	{"pow", []string{"a", "b"}, powOp, []kind{f32}},
	{"pow", []string{"a", "b"}, pow64Op, []kind{f64}},
}

func mathKernels() {
	for _, op := range mathOps {
		for _, t := range op.kinds {
			mathKernel(op, t)
		}
	}
}

// mathKernel processes blocks of eight elements (two halves of four
// float64 lanes). Special inputs (NaN, ±Inf, overflow, log of negatives …)
// are handled inside the cores by compares and blends. A block with a lane
// the core marks hard (rare: e.g. sin of |x| ≥ 2^29, float64 exp with a
// subnormal result) is stored except in those lanes, and the kernel
// returns its index and the 8-bit mask of hard lanes, which the Go side
// computes with the reference (their inputs are intact even in place).
// Otherwise it returns the count of whole blocks and mask 0.
func mathKernel(op mathOp, t kind) {
	name := fmt.Sprintf("%s%dAVX2", op.name, t.bits)
	params := append([]string{"dst"}, op.inputs...)
	n, bases := kernelHeader(name, fmt.Sprintf("func(%s []%s) (int, int)", strings.Join(params, ", "), t.gotype),
		[]string{fmt.Sprintf("%s computes %s of whole blocks of 8 elements from the start. It stops at the", name, op.name),
			"first block with hard lanes, stores its other lanes and returns its index and the hard-lane mask."},
		"dst", params)
	i, lim := GP64(), GP64()
	XORQ(i, i)
	MOVQ(n, lim)
	ANDQ(I32(-8), lim)
	loop, done, slow := name+"_loop", name+"_done", name+"_hard"
	Label(loop)
	CMPQ(i, lim)
	JAE(LabelRef(done))
	var ys, hards [2]VecVirtual
	for h := 0; h < 2; h++ {
		at := func(k int) Mem {
			return Mem{Base: bases[k], Index: i, Scale: uint8(t.size), Disp: h * 4 * t.size}
		}
		xs := make([]VecVirtual, len(op.inputs))
		for k := range xs {
			xs[k] = YMM()
			if t.bits == 32 {
				VCVTPS2PD(at(k+1), xs[k])
			} else {
				VMOVUPD(at(k+1), xs[k])
			}
		}
		y, hard := op.core(xs, t)
		if t.bits == 32 {
			yx := XMM()
			VCVTPD2PSY(y, yx)
			ys[h] = yx
		} else {
			ys[h] = y
		}
		hards[h] = hard
	}
	out := func(h int) Mem { return Mem{Base: bases[0], Index: i, Scale: uint8(t.size), Disp: h * 4 * t.size} }
	if hards[0] != nil {
		either := YMM()
		VORPD(hards[1], hards[0], either)
		VPTEST(either, either)
		JNZ(LabelRef(slow))
	}
	for h := 0; h < 2; h++ {
		VMOVUPS(ys[h], out(h))
	}
	ADDQ(U8(8), i)
	JMP(LabelRef(loop))
	mask := GP64()
	if hards[0] != nil {
		Label(slow)
		for h := 0; h < 2; h++ {
			keep := YMM()
			VXORPD(splat64(^uint64(0)), hards[h], keep)
			if t.bits == 32 {
				hi := XMM()
				VEXTRACTF128(U8(1), keep, hi)
				VSHUFPS(U8(0x88), hi, keep.AsX(), keep.AsX()) // one dword per 64-bit lane
				VMASKMOVPS(ys[h], keep.AsX(), out(h))
			} else {
				VMASKMOVPD(ys[h], keep, out(h))
			}
		}
		m1 := GP64()
		VMOVMSKPD(hards[0], mask.As32())
		VMOVMSKPD(hards[1], m1.As32())
		SHLQ(U8(4), m1)
		ORQ(m1, mask)
		Store(i, ReturnIndex(0))
		Store(mask, ReturnIndex(1))
		VZEROUPPER()
		RET()
	}
	Label(done)
	Store(i, ReturnIndex(0))
	XORQ(mask, mask)
	Store(mask, ReturnIndex(1))
	VZEROUPPER()
	RET()
}
