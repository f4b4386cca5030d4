package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// kind is an element type.
type kind struct {
	bits   int    // 32 or 64
	gotype string // "float32" or "float64"
	size   int    // bytes per element
}

var (
	f32 = kind{32, "float32", 4}
	f64 = kind{64, "float64", 8}
)

// lanes is the number of elements in a YMM register.
func (t kind) lanes() int { return 32 / t.size }

// width selects between the packed (YMM) and the scalar (XMM, low element)
// form of each instruction, so one body serves the vector loop and the
// scalar tail.
type width struct {
	kind
	scalar bool
}

type insn func(...Op)

func (w width) pick(ps, ss, pd, sd insn) insn {
	switch {
	case w.bits == 32 && !w.scalar:
		return ps
	case w.bits == 32:
		return ss
	case !w.scalar:
		return pd
	}
	return sd
}

func (w width) reg() VecVirtual {
	if w.scalar {
		return XMM()
	}
	return YMM()
}

// in returns r, or its XMM half in scalar mode.
func (w width) in(r VecVirtual) Op {
	if w.scalar {
		return r.AsX()
	}
	return r
}

func (w width) load(m, r Op)  { w.pick(VMOVUPS, VMOVSS, VMOVUPD, VMOVSD)(m, r) }
func (w width) store(r, m Op) { w.pick(VMOVUPS, VMOVSS, VMOVUPD, VMOVSD)(r, m) }
func (w width) add(a, b, d Op) {
	w.pick(VADDPS, VADDSS, VADDPD, VADDSD)(a, b, d)
}
func (w width) sub(a, b, d Op) { w.pick(VSUBPS, VSUBSS, VSUBPD, VSUBSD)(a, b, d) }
func (w width) mul(a, b, d Op) { w.pick(VMULPS, VMULSS, VMULPD, VMULSD)(a, b, d) }
func (w width) div(a, b, d Op) { w.pick(VDIVPS, VDIVSS, VDIVPD, VDIVSD)(a, b, d) }

// fma213 sets d = b*d + a.
func (w width) fma213(a, b, d Op) {
	w.pick(VFMADD213PS, VFMADD213SS, VFMADD213PD, VFMADD213SD)(a, b, d)
}

// fma231 sets d = b*a + d.
func (w width) fma231(a, b, d Op) {
	w.pick(VFMADD231PS, VFMADD231SS, VFMADD231PD, VFMADD231SD)(a, b, d)
}

func (w width) sqrt(a, d Op) {
	if w.scalar {
		w.pick(nil, VSQRTSS, nil, VSQRTSD)(a, d, d)
		return
	}
	w.pick(VSQRTPS, nil, VSQRTPD, nil)(a, d)
}

// Bitwise operations act on the whole register in either mode.
func (w width) xor(a, b, d Op) { VXORPS(a, b, d) }
func (w width) and(a, b, d Op) { VANDPS(a, b, d) }

// elementLoop emits a loop over i in [0, n): first four vectors of vecElems
// elements per step, then one vector per step, then (after calling between,
// if not nil) one element per step. body emits the work for one vector or
// element; at(base) addresses that vector or element of the slice at base,
// and j (0..3) is the vector's position within the unrolled step.
func elementLoop(name string, w kind, vecElems int, n Register, between func(),
	body func(w width, at func(base Register) Mem, j int)) {
	i := GP64()
	XORQ(i, i)
	lim := GP64()
	steps := []struct {
		vecs   int
		scalar bool
	}{{4, false}, {1, false}, {1, true}}
	for s, st := range steps {
		elems := st.vecs * vecElems
		if st.scalar {
			elems = 1
			if between != nil {
				between()
			}
		}
		loop, done := fmt.Sprintf("%s_loop%d", name, s), fmt.Sprintf("%s_done%d", name, s)
		MOVQ(n, lim)
		if elems > 1 {
			ANDQ(I32(-elems), lim)
		}
		Label(loop)
		CMPQ(i, lim)
		JAE(LabelRef(done))
		for j := 0; j < st.vecs; j++ {
			disp := j * vecElems * w.size
			body(width{w, st.scalar}, func(base Register) Mem {
				return Mem{Base: base, Index: i, Scale: uint8(w.size), Disp: disp}
			}, j)
		}
		ADDQ(I32(elems), i)
		JMP(LabelRef(loop))
		Label(done)
	}
}

// kernelHeader starts a kernel over slices: TEXT with its Go signature,
// noescape (no kernel keeps a pointer past the call), the doc lines; then
// it loads the element count, len(lenOf), and the base address of each
// slice parameter.
func kernelHeader(name, sig string, doc []string, lenOf string, slices []string) (n Register, bases []Register) {
	TEXT(name, NOSPLIT, sig)
	Pragma("noescape")
	Doc(doc...)
	n = Load(Param(lenOf).Len(), GP64())
	bases = make([]Register, len(slices))
	for k, p := range slices {
		bases[k] = Load(Param(p).Base(), GP64())
	}
	return n, bases
}
