package main

import (
	"fmt"
	"strings"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// An arithmetic kernel: dst[i] = f(inputs[i], scalar). body computes one
// vector (or element) of the result into a register and returns it.
type arithOp struct {
	name   string   // Go name stem, e.g. "add" -> add32AVX2
	inputs []string // slice parameters besides dst
	scalar string   // scalar parameter name, "" if none
	doc    string
	body   func(w width, in func(k int) Mem, s VecVirtual) VecVirtual
}

func binop(f func(w width, a, b, d Op)) func(w width, in func(int) Mem, _ VecVirtual) VecVirtual {
	return func(w width, in func(int) Mem, _ VecVirtual) VecVirtual {
		x := w.reg()
		w.load(in(0), x)
		f(w, in(1), x, x)
		return x
	}
}

var arithOps = []arithOp{
	{"add", []string{"a", "b"}, "", "dst[i] = a[i] + b[i]", binop(width.add)},
	{"sub", []string{"a", "b"}, "", "dst[i] = a[i] - b[i]", binop(width.sub)},
	{"mul", []string{"a", "b"}, "", "dst[i] = a[i] * b[i]", binop(width.mul)},
	{"div", []string{"a", "b"}, "", "dst[i] = a[i] / b[i]", binop(width.div)},
	{"fma", []string{"a", "b", "c"}, "", "dst[i] = a[i]*b[i] + c[i], fused", func(w width, in func(int) Mem, _ VecVirtual) VecVirtual {
		x, y := w.reg(), w.reg()
		w.load(in(0), x)
		w.load(in(1), y)
		w.fma213(in(2), y, x)
		return x
	}},
	{"addScalar", []string{"a"}, "s", "dst[i] = a[i] + s", func(w width, in func(int) Mem, s VecVirtual) VecVirtual {
		x := w.reg()
		w.load(in(0), x)
		w.add(w.in(s), x, x)
		return x
	}},
	{"mulScalar", []string{"a"}, "s", "dst[i] = a[i] * s", func(w width, in func(int) Mem, s VecVirtual) VecVirtual {
		x := w.reg()
		w.load(in(0), x)
		w.mul(w.in(s), x, x)
		return x
	}},
	{"axpy", []string{"a"}, "s", "dst[i] += s*a[i], product rounded first", func(w width, in func(int) Mem, s VecVirtual) VecVirtual {
		x := w.reg()
		w.load(in(0), x)
		w.mul(w.in(s), x, x)
		w.add(in(-1), x, x)
		return x
	}},
	{"neg", []string{"a"}, "", "dst[i] = -a[i]", func(w width, in func(int) Mem, _ VecVirtual) VecVirtual {
		x := w.reg()
		w.load(in(0), x)
		w.xor(signMask(w.bits), x, x)
		return x
	}},
	{"abs", []string{"a"}, "", "dst[i] = |a[i]|", func(w width, in func(int) Mem, _ VecVirtual) VecVirtual {
		x := w.reg()
		w.load(in(0), x)
		w.and(absMask(w.bits), x, x)
		return x
	}},
	{"square", []string{"a"}, "", "dst[i] = a[i] * a[i]", func(w width, in func(int) Mem, _ VecVirtual) VecVirtual {
		x := w.reg()
		w.load(in(0), x)
		w.mul(x, x, x)
		return x
	}},
	{"cube", []string{"a"}, "", "dst[i] = (a[i] * a[i]) * a[i]", func(w width, in func(int) Mem, _ VecVirtual) VecVirtual {
		x, y := w.reg(), w.reg()
		w.load(in(0), x)
		w.mul(x, x, y)
		w.mul(x, y, y)
		return y
	}},
	{"sqrt", []string{"a"}, "", "dst[i] = sqrt(a[i])", func(w width, in func(int) Mem, _ VecVirtual) VecVirtual {
		x := w.reg()
		w.load(in(0), x)
		w.sqrt(x, x)
		return x
	}},
	{"fill", nil, "v", "dst[i] = v", func(w width, in func(int) Mem, s VecVirtual) VecVirtual {
		return s
	}},
}

func arithKernel(op arithOp, t kind) {
	name := fmt.Sprintf("%s%dAVX2", op.name, t.bits)
	params := append([]string{"dst"}, op.inputs...)
	sig := fmt.Sprintf("func(%s []%s", strings.Join(params, ", "), t.gotype)
	if op.scalar != "" {
		sig += fmt.Sprintf(", %s %s", op.scalar, t.gotype)
	}
	n, bases := kernelHeader(name, sig+")", []string{fmt.Sprintf("%s sets %s for i < len(dst).", name, op.doc)}, "dst", params)
	var s VecVirtual
	if op.scalar != "" {
		x := Load(Param(op.scalar), XMM())
		s = YMM()
		if t.bits == 32 {
			VBROADCASTSS(x, s)
		} else {
			VBROADCASTSD(x, s)
		}
	}
	elementLoop(name, t, t.lanes(), n, nil, func(w width, at func(Register) Mem, _ int) {
		// in(k) is input k; in(-1) is dst itself.
		in := func(k int) Mem { return at(bases[k+1]) }
		w.store(w.in(op.body(w, in, s)), at(bases[0]))
	})
	VZEROUPPER()
	RET()
}
