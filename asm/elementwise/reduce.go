package main

import (
	"fmt"
	"strings"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// A reduction returns Σ term(inputs[i]) in float64. term adds one vector
// (four float64 lanes) or one element of terms to acc; ld loads input k,
// widened to float64.
type reduceOp struct {
	name   string
	inputs []string
	doc    string
	term   func(w width, ld func(k int) VecVirtual, acc VecVirtual)
}

var reduceOps = []reduceOp{
	{"sum", []string{"x"}, "Σ x[i]", func(w width, ld func(int) VecVirtual, acc VecVirtual) {
		w.add(ld(0), w.in(acc), w.in(acc))
	}},
	{"dot", []string{"a", "b"}, "Σ a[i]*b[i]", func(w width, ld func(int) VecVirtual, acc VecVirtual) {
		w.fma231(ld(0), ld(1), w.in(acc))
	}},
	{"sqDiff", []string{"a", "b"}, "Σ (a[i]-b[i])²", func(w width, ld func(int) VecVirtual, acc VecVirtual) {
		d := ld(0)
		w.sub(ld(1), d, d)
		w.fma231(d, d, w.in(acc))
	}},
	{"wSqDiff", []string{"w", "a", "b"}, "Σ w[i]*(a[i]-b[i])²", func(w width, ld func(int) VecVirtual, acc VecVirtual) {
		d := ld(1)
		w.sub(ld(2), d, d)
		wd := ld(0)
		w.mul(d, wd, wd)
		w.fma231(d, wd, w.in(acc))
	}},
}

// reduceKernel keeps four YMM accumulators of four float64 partial sums
// each (float32 inputs are widened on load, so they are summed in
// float64), folds them into one scalar and adds the tail to it.
func reduceKernel(op reduceOp, t kind) {
	name := fmt.Sprintf("%s%dAVX2", op.name, t.bits)
	n, bases := kernelHeader(name, fmt.Sprintf("func(%s []%s) float64", strings.Join(op.inputs, ", "), t.gotype),
		[]string{fmt.Sprintf("%s returns %s over i < len(%s), accumulated in float64.", name, op.doc, op.inputs[0])},
		op.inputs[0], op.inputs)
	var acc [4]VecVirtual
	for j := range acc {
		acc[j] = YMM()
		VXORPD(acc[j], acc[j], acc[j])
	}
	total := XMM()
	fold := func() {
		VADDPD(acc[1], acc[0], acc[0])
		VADDPD(acc[3], acc[2], acc[2])
		VADDPD(acc[2], acc[0], acc[0])
		VEXTRACTF128(U8(1), acc[0], total)
		VADDPD(acc[0].AsX(), total, total)
		VHADDPD(total, total, total)
	}
	elementLoop(name, t, 4, n, fold, func(w width, at func(Register) Mem, j int) {
		ld := func(k int) VecVirtual {
			r := w.reg()
			m := at(bases[k])
			switch {
			case t.bits == 64:
				w.load(m, w.in(r))
			case w.scalar:
				VMOVSS(m, r)
				VCVTSS2SD(r, r, r)
			default:
				VCVTPS2PD(m, r)
			}
			return r
		}
		a := acc[j]
		if w.scalar {
			a = total
		}
		w.kind = f64 // the arithmetic is float64 whatever the input type
		op.term(w, ld, a)
	})
	Store(total, ReturnIndex(0))
	VZEROUPPER()
	RET()
}
