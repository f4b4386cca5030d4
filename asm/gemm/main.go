// Command gemm writes the AVX2+FMA micro-kernels of ansatz's matrix
// multiplication (kernels/gemm_amd64.s and its Go stubs).
//
// Each kernel computes one register tile of C = α·A·B + β·C from packed
// panels: A is a k×6 sliver (six row values per step of k, contiguous) and
// B is a k×NR sliver (NR column values per step, contiguous), both written
// by the Go packing code in kernels/gemm_pack.go; the Direct variants read
// the six rows of A in place instead. The 6×NR accumulators stay in vector
// registers for the whole k loop; only the final write-back touches C,
// which is why the driver can run the kernel on any C block without
// synchronisation.
package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// mr is the number of C rows in one tile (gemmImpl.mr in the Go code).
const mr = 6

// unroll is how many steps of k the main loop does per iteration.
const unroll = 4

// elem describes one precision: its Go type name, size in bytes and the
// instructions that differ between float32 and float64 (avo's functions,
// operands in Go assembler order).
type elem struct {
	name      string      // function name suffix and Go type
	size      int         // bytes per element
	broadcast func(...Op) // (mem, vec): every lane = mem
	fmadd     func(...Op) // (a, b, acc): acc += a*b
	mul       func(...Op) // (a, b, dst): dst = a*b
	move      func(...Op) // (src, dst): unaligned load or store
}

func main() {
	// The stubs file name does not end in _amd64.go, so it needs the arch
	// in its constraint too.
	ConstraintExpr("amd64,!purego")
	f32 := elem{"float32", 4, VBROADCASTSS, VFMADD231PS, VMULPS, VMOVUPS}
	f64 := elem{"float64", 8, VBROADCASTSD, VFMADD231PD, VMULPD, VMOVUPD}
	for _, direct := range []bool{false, true} {
		suffix := ""
		if direct {
			suffix = "Direct"
		}
		kernel("gemmKernel32AVX2"+suffix, f32, 2, 32, direct)
		kernel("gemmKernel64AVX2"+suffix, f64, 2, 32, direct)
		kernel("gemmKernel32AVX2Narrow"+suffix, f32, 1, 32, direct)
		kernel("gemmKernel64AVX2Narrow"+suffix, f64, 1, 32, direct)
		kernel("gemmKernel32AVX2Narrow4"+suffix, f32, 1, 16, direct)
		kernel("gemmKernel64AVX2Narrow2"+suffix, f64, 1, 16, direct)
	}
	Generate()
}

// kernel emits one micro-kernel for a 6×(nv·vec/size) tile held in nv
// vectors of vec bytes per row: nv = 2, vec = 32 is the main kernel (twelve
// ymm accumulators); the narrow ones (one ymm, or one xmm: 4 float32 or 2
// float64) serve C with few columns, so skinny products waste fewer lanes.
// A direct kernel reads A unpacked, six rows lda apart: the driver uses it
// when C has a single column sliver or k is short, where packing A would
// only add a second pass over it.
func kernel(name string, e elem, nv, vec int, direct bool) {
	nr := nv * vec / e.size
	newVec := YMM
	if vec == 16 {
		newVec = XMM
		if e.size == 8 { // VBROADCASTSD has no xmm form; MOVDDUP does the same
			e.broadcast = VMOVDDUP
		}
	}
	sig := "func(k int, a, b, c *%[1]s, ldc int, alpha, beta %[1]s, loadC bool)"
	aElem, from := fmt.Sprintf("a[p*%d+r]", mr), "packed slivers"
	if direct {
		sig = "func(k int, a *%[1]s, lda int, b, c *%[1]s, ldc int, alpha, beta %[1]s, loadC bool)"
		aElem, from = "a[r*lda+p]", "rows of A and a packed B sliver"
	}
	TEXT(name, NOSPLIT, fmt.Sprintf(sig, e.name))
	// The kernel only reads and writes through its pointers during the
	// call, so the matrices behind them need not escape to the heap.
	Pragma("noescape")
	Doc(fmt.Sprintf("%s computes the %d×%d tile c[r*ldc+j] = alpha·Σ_p %s·b[p*%d+j] (+ beta·c[r*ldc+j]",
		name, mr, nr, aElem, nr),
		fmt.Sprintf("when loadC; C is not read otherwise) from %s. k must be at least 1.", from))
	k := Load(Param("k"), GP64())
	pa := Load(Param("a"), GP64())
	pb := Load(Param("b"), GP64())
	// aAddr is the address of row r of A at byte offset off along k.
	aAddr := func(r, off int) Mem { return Mem{Base: pa, Disp: off + r*e.size} }
	astep := mr * e.size
	var pa3 GPVirtual
	if direct {
		lda := Load(Param("lda"), GP64())
		if e.size == 4 {
			SHLQ(U8(2), lda)
		} else {
			SHLQ(U8(3), lda)
		}
		pa3 = GP64()
		LEAQ(Mem{Base: lda, Index: lda, Scale: 2}, pa3)
		ADDQ(pa, pa3)
		aAddr = func(r, off int) Mem {
			base := pa
			if r >= 3 {
				base, r = pa3, r-3
			}
			if r == 0 {
				return Mem{Base: base, Disp: off}
			}
			return Mem{Base: base, Index: lda, Scale: uint8(r), Disp: off}
		}
		astep = e.size
	}

	acc := make([][]VecVirtual, mr)
	for r := range acc {
		acc[r] = make([]VecVirtual, nv)
		for h := range acc[r] {
			acc[r][h] = newVec()
			VXORPS(acc[r][h], acc[r][h], acc[r][h])
		}
	}
	bv := make([]VecVirtual, nv)
	for h := range bv {
		bv[h] = newVec()
	}
	av := newVec()

	// step emits one step of k at byte offsets (aoff, boff) from pa, pb.
	step := func(aoff, boff int) {
		for h := range bv {
			e.move(Mem{Base: pb, Disp: boff + vec*h}, bv[h])
		}
		for r := 0; r < mr; r++ {
			e.broadcast(aAddr(r, aoff), av)
			for h := range bv {
				e.fmadd(av, bv[h], acc[r][h])
			}
		}
	}

	bstep := nr * e.size
	Label(name + "_loop" + fmt.Sprint(unroll))
	CMPQ(k, U8(unroll))
	JL(LabelRef(name + "_tail"))
	for u := 0; u < unroll; u++ {
		step(u*astep, u*bstep)
	}
	ADDQ(U32(unroll*astep), pa)
	if direct {
		ADDQ(U32(unroll*astep), pa3)
	}
	ADDQ(U32(unroll*bstep), pb)
	SUBQ(U8(unroll), k)
	JMP(LabelRef(name + "_loop" + fmt.Sprint(unroll)))

	Label(name + "_tail")
	TESTQ(k, k)
	JZ(LabelRef(name + "_store"))
	step(0, 0)
	ADDQ(U32(astep), pa)
	if direct {
		ADDQ(U32(astep), pa3)
	}
	ADDQ(U32(bstep), pb)
	DECQ(k)
	JMP(LabelRef(name + "_tail"))

	// Write-back: scale by alpha, add beta·C when asked, store row by row.
	Label(name + "_store")
	pc := Load(Param("c"), GP64())
	ldc := Load(Param("ldc"), GP64())
	if e.size == 4 {
		SHLQ(U8(2), ldc)
	} else {
		SHLQ(U8(3), ldc)
	}
	e.broadcast(paramAddr("alpha"), av)
	for r := range acc {
		for h := range acc[r] {
			e.mul(av, acc[r][h], acc[r][h])
		}
	}
	flag := Load(Param("loadC"), GP8())
	TESTB(flag, flag)
	JZ(LabelRef(name + "_nobeta"))
	e.broadcast(paramAddr("beta"), av)
	for r := range acc {
		for h := range acc[r] {
			e.fmadd(Mem{Base: pc, Disp: vec * h}, av, acc[r][h])
			e.move(acc[r][h], Mem{Base: pc, Disp: vec * h})
		}
		if r < mr-1 {
			ADDQ(ldc, pc)
		}
	}
	VZEROUPPER()
	RET()

	Label(name + "_nobeta")
	for r := range acc {
		for h := range acc[r] {
			e.move(acc[r][h], Mem{Base: pc, Disp: vec * h})
		}
		if r < mr-1 {
			ADDQ(ldc, pc)
		}
	}
	VZEROUPPER()
	RET()
}

// paramAddr is the stack address of a scalar argument, so it can be
// broadcast straight from memory (no SSE move between AVX instructions).
func paramAddr(name string) Mem {
	b, err := Param(name).Resolve()
	if err != nil {
		panic(err)
	}
	return b.Addr
}
