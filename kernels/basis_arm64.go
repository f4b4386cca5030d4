//go:build !purego

package kernels

import "sync"

// basisLocal64K3NEON is the NEON order-3 float64 basis kernel
// (basis_arm64.s): any n; der may be nil.
//
//go:noescape
func basisLocal64K3NEON(x []float64, idx []int32, val []float64, der []float64, par []float64, tab []float64)

// basisLocal32K3NEON is basisLocal64K3NEON for float32 points: the interval
// is found in float32 (as locate32), u and the table row in float64.
//
//go:noescape
func basisLocal32K3NEON(x []float32, idx []int32, val []float32, der []float32, par []float64, par32 []float32, tab []float32)

// basisLocal64NEON is the NEON kernel for any order 1 … 5 (table padded to
// basisNEONWide lanes). It stores basisNEONWide values per point, so the
// caller must leave that much room after the last point's K+1.
//
//go:noescape
func basisLocal64NEON(x []float64, idx []int32, val []float64, der []float64, par []float64, tab []float64, k int)

// basisLocal32NEON is basisLocal64NEON for float32 points.
//
//go:noescape
func basisLocal32NEON(x []float32, idx []int32, val []float32, der []float32, par []float64, par32 []float32, tab []float32, k int)

// The order-3 kernels read the table with 4 lanes per vector, the general
// ones with 8.
const (
	basisNEONPad    = 4
	basisNEONWide   = 8
	basisNEONMaxK   = 5
	basisNEONOrder3 = 3
)

// basisNEONTabs64/32[k] are the tables for order k (padded to 4 lanes for
// K=3, to 8 otherwise), built once on first use.
var (
	basisNEONTabs64 [basisNEONMaxK + 1]func() []float64
	basisNEONTabs32 [basisNEONMaxK + 1]func() []float32
)

func init() {
	for k := 1; k <= basisNEONMaxK; k++ {
		p := basisNEONPadFor(k)
		basisNEONTabs64[k] = sync.OnceValue(func() []float64 { return basisTable[float64](k, p) })
		basisNEONTabs32[k] = sync.OnceValue(func() []float32 { return basisTable[float32](k, p) })
	}
}

func basisNEONPadFor(k int) int {
	if k == basisNEONOrder3 {
		return basisNEONPad
	}
	return basisNEONWide
}

// basisNEONStride is the table's row stride in bytes for element size es.
func basisNEONStride(k, es int) float64 { return float64((2*k + 1) * basisNEONPadFor(k) * es) }

// The NEON basis for each precision: orders 1 … basisNEONMaxK run the
// assembly, the others the reference.
var (
	basisLocalNEON64 = basisOrders(basisNEONMaxK, basisNEON64, basisLocalGeneric64)
	basisLocalNEON32 = basisOrders(basisNEONMaxK, basisNEON32, basisLocalGeneric32)
)

func basisNEON64(x []float64, g Grid, idx []int32, val, der []float64) {
	k, h := g.K, g.Step()
	st := basisNEONStride(k, 8)
	par := [...]float64{g.Lo, h, 1 / h, float64(-k - 2), float64(g.G + k + 1), 1, 0, float64(g.G - 1),
		float64(k + 1), float64(-k - 1), st, float64(k+1) * st, -1, 2, float64(2*k+3) * st}
	tab := basisNEONTabs64[k]()
	basisNEONRun(x, k, idx, val, der,
		func(x []float64, idx []int32, val, der []float64) { basisLocal64K3NEON(x, idx, val, der, par[:], tab) },
		func(x []float64, idx []int32, val, der []float64) { basisLocal64NEON(x, idx, val, der, par[:], tab, k) })
}

func basisNEON32(x []float32, g Grid, idx []int32, val, der []float32) {
	k, h := g.K, g.Step()
	st := basisNEONStride(k, 4)
	par := [...]float64{g.Lo, h, 1 / h, 0, float64(g.G - 1), float64(k + 1), float64(-k - 1),
		st, float64(k+1) * st, float64(2*k+3) * st, -1, 2}
	l := newLocator32(g)
	par32 := [...]float32{l.lo, l.h, l.invh, l.sLo, l.sHi, 1}
	tab := basisNEONTabs32[k]()
	basisNEONRun(x, k, idx, val, der,
		func(x []float32, idx []int32, val, der []float32) {
			basisLocal32K3NEON(x, idx, val, der, par[:], par32[:], tab)
		},
		func(x []float32, idx []int32, val, der []float32) {
			basisLocal32NEON(x, idx, val, der, par[:], par32[:], tab, k)
		})
}

// basisNEONRun runs the order-3 kernel (if not nil) on all points at once, or a
// general-order kernel (wide), which stores basisNEONWide values per point
// (each store's surplus is overwritten by the next point): the first m
// points go straight into the outputs, m being the most whose last full
// store still ends inside val (and der); the rest, at most three, go one by
// one through scratch buffers.
func basisNEONRun[F Float](x []F, k int, idx []int32, val, der []F, order3, wide func(x []F, idx []int32, val, der []F)) {
	n, w := len(x), k+1
	if order3 != nil && k == basisNEONOrder3 {
		order3(x, idx[:n], val[:n*w], sub(der, 0, n*w))
		return
	}
	m := 0
	if n*w >= basisNEONWide {
		// point m-1 stores [(m-1)w, (m-1)w+basisNEONWide) ⊆ [0, nw)
		m = min(n, (n*w-basisNEONWide)/w+1)
	}
	if m > 0 {
		wide(x[:m], idx[:m], val[:n*w], sub(der, 0, n*w))
	}
	for i := m; i < n; i++ {
		var ib [1]int32
		var vb, db [basisNEONWide]F
		var d []F
		if der != nil {
			d = db[:]
		}
		wide(x[i:i+1], ib[:], vb[:], d)
		idx[i] = ib[0]
		copy(val[i*w:(i+1)*w], vb[:w])
		if der != nil {
			copy(der[i*w:(i+1)*w], db[:w])
		}
	}
}
