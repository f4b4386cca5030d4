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
	core   func(x []VecVirtual) (y, ok VecVirtual)
	kinds  []kind
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
}

func mathKernels() {
	for _, op := range mathOps {
		for _, t := range op.kinds {
			mathKernel(op, t)
		}
	}
}

// mathKernel processes blocks of eight elements (two halves of four
// float64 lanes). It computes a whole block, then stores it only if every
// lane was in the core's domain; otherwise it returns the index of that
// block, which is left unwritten for the Go side to finish.
func mathKernel(op mathOp, t kind) {
	name := fmt.Sprintf("%s%dAVX2", op.name, t.bits)
	params := append([]string{"dst"}, op.inputs...)
	TEXT(name, NOSPLIT, fmt.Sprintf("func(%s []%s) int", strings.Join(params, ", "), t.gotype))
	Pragma("noescape")
	Doc(fmt.Sprintf("%s computes %s of whole blocks of 8 elements from the start and returns", name, op.name),
		"how many it wrote: it stops before the first block holding an input outside its domain.")
	n := Load(Param("dst").Len(), GP64())
	bases := make([]Register, len(params))
	for k, p := range params {
		bases[k] = Load(Param(p).Base(), GP64())
	}
	i, lim := GP64(), GP64()
	XORQ(i, i)
	MOVQ(n, lim)
	ANDQ(I32(-8), lim)
	loop, done := name+"_loop", name+"_done"
	Label(loop)
	CMPQ(i, lim)
	JAE(LabelRef(done))
	var ys [2]VecVirtual
	var oks [2]VecVirtual
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
		y, ok := op.core(xs)
		if t.bits == 32 {
			yx := XMM()
			VCVTPD2PSY(y, yx)
			ys[h] = yx
		} else {
			ys[h] = y
		}
		oks[h] = ok
	}
	VANDPD(oks[1], oks[0], oks[0])
	mask := GP32()
	VMOVMSKPD(oks[0], mask)
	CMPL(mask, U8(15))
	JNE(LabelRef(done))
	for h := 0; h < 2; h++ {
		m := Mem{Base: bases[0], Index: i, Scale: uint8(t.size), Disp: h * 4 * t.size}
		VMOVUPS(ys[h], m)
	}
	ADDQ(U8(8), i)
	JMP(LabelRef(loop))
	Label(done)
	Store(i, ReturnIndex(0))
	VZEROUPPER()
	RET()
}
