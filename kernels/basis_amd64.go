//go:build !purego

package kernels

import "sync"

// Parameter slots of the AVX2 basis kernels' par slice, one vector of
// broadcast values each; they mirror the par* constants of asm/basis.
const (
	bpLo = iota
	bpH
	bpInvH
	bpSLo
	bpSHi
	bpOne
	bpZero
	bpGm1
	bpKp1
	bpNKp1
	bpStride
	bpBias
	bpNaNRow
	bpHLo
	bpLoLo
	bpUMin
	bpUMax
	bpCount
)

// basisMaxAsmK is the largest order with assembly; others run the reference.
const basisMaxAsmK = 5

// The AVX2 basis for each precision: kernels and coefficient tables by
// order, the tables built once per order on first use.
var (
	basisLocalAVX2_64 = basisAVX2(basisLocalGeneric64, [basisMaxAsmK + 1]func(x []float64, idx []int32, val, der, par, tab []float64){
		nil, basisLocal64K1AVX2, basisLocal64K2AVX2, basisLocal64K3AVX2, basisLocal64K4AVX2, basisLocal64K5AVX2})
	basisLocalAVX2_32 = basisAVX2(basisLocalGeneric32, [basisMaxAsmK + 1]func(x []float32, idx []int32, val, der, par, tab []float32){
		nil, basisLocal32K1AVX2, basisLocal32K2AVX2, basisLocal32K3AVX2, basisLocal32K4AVX2, basisLocal32K5AVX2})
)

// basisAVX2 returns the AVX2 BasisLocal for T: orders 1 … basisMaxAsmK run
// kern[K], the others the reference ref.
func basisAVX2[T Float](ref func(x []T, g Grid, idx []int32, val, der []T), kern [basisMaxAsmK + 1]func(x []T, idx []int32, val, der, par, tab []T)) func(x []T, g Grid, idx []int32, val, der []T) {
	es := sizeOf[T]()
	lanes := 32 / es
	var tabs [basisMaxAsmK + 1]func() []T
	for k := 1; k <= basisMaxAsmK; k++ {
		tabs[k] = sync.OnceValue(func() []T { return basisTable[T](k, basisPadAVX2(8*es, k)) })
	}
	return basisOrders(basisMaxAsmK, func(x []T, g Grid, idx []int32, val, der []T) {
		var buf [bpCount * 8]T
		par := buf[:bpCount*lanes]
		basisParams(g, lanes, par)
		basisRunAVX2(x, g.K, lanes, idx, val, der, par, tabs[g.K](), kern[g.K])
	}, ref)
}

// basisParams fills par (lanes copies of each slot) for a grid; the
// element size fixes the table's byte offsets.
func basisParams[F Float](g Grid, lanes int, par []F) {
	es := sizeOf[F]()
	h := g.Step()
	lo, hh := F(g.Lo), F(h)
	stride := float64((2*g.K + 1) * basisPadAVX2(8*es, g.K) * es)
	v := [bpCount]F{
		bpLo: lo, bpH: hh, bpInvH: F(1 / h),
		bpSLo: F(-g.K - 2), bpSHi: F(g.G + g.K + 1),
		bpOne: 1, bpZero: 0, bpGm1: F(g.G - 1),
		bpKp1: F(g.K + 1), bpNKp1: F(-g.K - 1),
		bpStride: F(stride), bpBias: F(float64(g.K+1) * stride),
		bpNaNRow: F(float64(2*g.K+3) * stride),
		bpHLo:    F(h - float64(hh)), bpLoLo: F(g.Lo - float64(lo)),
		bpUMin: -1, bpUMax: 2,
	}
	for s, val := range v {
		for l := 0; l < lanes; l++ {
			par[s*lanes+l] = val
		}
	}
}

// basisRunAVX2 runs the kernel over the whole vectors of x and then over
// the tail, padded to one vector in stack buffers, so the assembly never
// reads or writes past the caller's slices.
func basisRunAVX2[F Float](x []F, k, lanes int, idx []int32, val, der, par []F, tab []F,
	kern func(x []F, idx []int32, val, der, par, tab []F)) {
	w := k + 1
	full := len(x) / lanes * lanes
	if full > 0 {
		kern(x[:full], idx[:full], val[:full*w], sub(der, 0, full*w), par, tab)
	}
	r := len(x) - full
	if r == 0 {
		return
	}
	var xb [8]F
	var ib [8]int32
	var vb, db [8 * (basisMaxAsmK + 1)]F
	copy(xb[:], x[full:])
	var dbs []F
	if der != nil {
		dbs = db[:lanes*w]
	}
	kern(xb[:lanes], ib[:lanes], vb[:lanes*w], dbs, par, tab)
	copy(idx[full:full+r], ib[:r])
	copy(val[full*w:(full+r)*w], vb[:r*w])
	if der != nil {
		copy(der[full*w:(full+r)*w], db[:r*w])
	}
}
