package kernels

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/ansatz/ansatz/internal/panics"
)

// gemmParallelMin is the m·n·k below which a product runs on the calling
// goroutine only: under it starting goroutines costs more than it saves.
const gemmParallelMin = 1 << 17

// gemmDirectMaxK is the depth up to which A is read in place even when C
// has several column slivers: so short a row is cheaper to re-read than to
// pack (which is a full extra pass over A).
const gemmDirectMaxK = 32

// gemm is the blocked driver shared by every implementation (Goto/BLIS
// scheme): B is packed kc×nc at a time into nr-wide slivers, each worker
// packs mc×kc blocks of A into mr-high slivers, and the micro-kernel
// multiplies one sliver pair into an mr×nr tile of C. Workers own disjoint
// rows (or columns) of C whose boundaries sit on the tile grid, and every
// tile sums its k panels in the same order, so the result is bitwise the
// same for any thread count.
func gemm[T Float](im *gemmImpl[T], transA, transB bool, m, n, k int, alpha T, a []T, lda int, b []T, ldb int, beta T, c []T, ldc int) {
	if m == 0 || n == 0 {
		return
	}
	if alpha == 0 || k == 0 {
		scaleMatrix(m, n, beta, c, ldc)
		return
	}
	for im.narrow != nil && n <= im.narrow.nr {
		im = im.narrow
	}
	// More workers than GOMAXPROCS could only queue for the same cores.
	nt := min(Threads(), runtime.GOMAXPROCS(0))
	if m*n*k < gemmParallelMin {
		nt = 1
	}
	r := gemmRun[T]{im: im, transA: transA, transB: transB, m: m, alpha: alpha,
		a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc,
		direct: !transA && im.direct != nil && (n <= im.nr || k <= gemmDirectMaxK)}
	bbuf := gemmGetBuf[T](im.kc * gemmRoundUp(min(n, im.nc), im.nr))
	defer gemmPutBuf(bbuf)
	for jc := 0; jc < n; jc += im.nc {
		r.jc, r.ncb = jc, min(im.nc, n-jc)
		for pc := 0; pc < k; pc += im.kc {
			r.pc, r.kcb = pc, min(im.kc, k-pc)
			r.beta, r.loadC = beta, beta != 0
			if pc > 0 {
				r.beta, r.loadC = 1, true
			}
			r.bp = (*bbuf)[:r.kcb*gemmRoundUp(r.ncb, im.nr)]
			r.parallel(nt)
		}
	}
}

// gemmRun holds one call's operands and the current (jc, pc) panel.
type gemmRun[T Float] struct {
	im             *gemmImpl[T]
	transA, transB bool
	m              int
	alpha, beta    T
	loadC          bool // false only for the first k panel when beta == 0
	direct         bool // full-height tiles read A unpacked (im.direct)
	a, b, c        []T
	lda, ldb, ldc  int
	jc, ncb        int // current column panel of B and C
	pc, kcb        int // current k panel
	bp             []T // packed B panel: ceil(ncb/nr) slivers of kcb×nr
}

// gemmChunksPerThread is how many pieces each worker's share of a panel is
// cut into. Workers take pieces from a shared counter, so one descheduled
// worker (the machine is shared) delays the panel by a piece, not a share.
const gemmChunksPerThread = 4

// parallel packs the current B panel and computes its tiles with up to nt
// workers. Workers first take B slivers to pack from a counter and wait
// until all are packed, then take tile-aligned pieces of C (row ranges, or
// column ranges when there are few tile rows) from a second counter.
func (r *gemmRun[T]) parallel(nt int) {
	im := r.im
	rowTiles := (r.m + im.mr - 1) / im.mr
	colTiles := (r.ncb + im.nr - 1) / im.nr
	byRows := rowTiles >= nt || rowTiles >= colTiles
	tiles := colTiles
	if byRows {
		tiles = rowTiles
	}
	nt = min(nt, tiles)
	if nt <= 1 {
		packB(r, 0, colTiles)
		r.block(0, r.m, 0, colTiles)
		return
	}
	chunks := min(tiles, nt*gemmChunksPerThread)
	var nextB, nextC, left atomic.Int64
	left.Store(int64(colTiles))
	// packed is closed when the last sliver is packed, or when a worker
	// panics: the others must not wait for slivers that will never come.
	packed := make(chan struct{})
	var closePacked sync.Once
	var g panics.Group // a worker's panic is raised again in the caller
	work := func() {
		defer func() {
			if r := recover(); r != nil {
				closePacked.Do(func() { close(packed) })
				panic(panics.From(r)) // for the Group, with this stack
			}
		}()
		for s := int(nextB.Add(1) - 1); s < colTiles; s = int(nextB.Add(1) - 1) {
			panics.Point("kernels.gemm")
			packB(r, s, s+1)
			if left.Add(-1) == 0 {
				closePacked.Do(func() { close(packed) })
			}
		}
		<-packed
		for ch := int(nextC.Add(1) - 1); ch < chunks && !g.Failed(); ch = int(nextC.Add(1) - 1) {
			lo, hi := ch*tiles/chunks, (ch+1)*tiles/chunks
			if byRows {
				r.block(lo*im.mr, min(hi*im.mr, r.m), 0, colTiles)
			} else {
				r.block(0, r.m, lo, hi)
			}
		}
	}
	for range nt - 1 {
		g.Go(work)
	}
	func() {
		defer g.Catch()
		work()
	}()
	g.Wait()
}

// block computes C rows [i0, i1) × B slivers [s0, s1) of the current panel.
// i0 is a multiple of mr, so tiles here are tiles of the whole product.
func (r *gemmRun[T]) block(i0, i1, s0, s1 int) {
	im := r.im
	mr, nr, kcb := im.mr, im.nr, r.kcb
	// One pooled buffer holds the packed A block and, after it, the tile
	// that edge tiles are computed into.
	asize := kcb * gemmRoundUp(min(im.mc, i1-i0), mr)
	abuf := gemmGetBuf[T](asize + mr*nr)
	defer gemmPutBuf(abuf)
	tile := (*abuf)[asize:]
	for ic := i0; ic < i1; ic += im.mc {
		mcb := min(im.mc, i1-ic)
		ap := (*abuf)[:kcb*gemmRoundUp(mcb, mr)]
		if !r.direct {
			packA(r, ap, ic, mcb)
		}
		for s := s0; s < s1; s++ {
			j := s * nr
			cols := min(nr, r.ncb-j)
			bs := r.bp[s*nr*kcb : (s+1)*nr*kcb]
			for ir := 0; ir < mcb; ir += mr {
				rows := min(mr, mcb-ir)
				var as []T // nil: read A directly
				switch {
				case !r.direct:
					as = ap[ir*kcb : (ir+mr)*kcb]
				case rows < mr: // too few rows to read directly: pack this one sliver
					as = ap[:mr*kcb]
					packA(r, as, ic+ir, rows)
				}
				ci := (ic+ir)*r.ldc + r.jc + j
				if rows == mr && cols == nr {
					r.kern(as, ic+ir, bs, r.c[ci:], r.ldc, r.alpha, r.beta, r.loadC)
					continue
				}
				r.kern(as, ic+ir, bs, tile, nr, 1, 0, false)
				storeTile(r.c[ci:], r.ldc, tile, nr, rows, cols, r.alpha, r.beta, r.loadC)
			}
		}
	}
}

// kern runs the micro-kernel on one tile: from the packed A sliver as or,
// when as is nil, straight from the rows of A starting at row i.
func (r *gemmRun[T]) kern(as []T, i int, bs, c []T, ldc int, alpha, beta T, loadC bool) {
	if as == nil {
		r.im.direct(r.kcb, r.a[i*r.lda+r.pc:], r.lda, bs, c, ldc, alpha, beta, loadC)
		return
	}
	r.im.kernel(r.kcb, as, bs, c, ldc, alpha, beta, loadC)
}

// storeTile writes the rows×cols corner of an unscaled tile t (row stride
// tn) into c: c = alpha·t + beta·c, or alpha·t without reading c.
func storeTile[T Float](c []T, ldc int, t []T, tn, rows, cols int, alpha, beta T, loadC bool) {
	for i := 0; i < rows; i++ {
		ci := c[i*ldc : i*ldc+cols]
		ti := t[i*tn : i*tn+cols]
		switch {
		case loadC:
			for j, v := range ti {
				ci[j] = alpha*v + beta*ci[j]
			}
		case alpha == 1:
			copy(ci, ti)
		default:
			for j, v := range ti {
				ci[j] = alpha * v
			}
		}
	}
}

// scaleMatrix sets C = beta·C (C = 0 without reading it when beta is 0).
func scaleMatrix[T Float](m, n int, beta T, c []T, ldc int) {
	if beta == 1 {
		return
	}
	for i := 0; i < m; i++ {
		row := c[i*ldc : i*ldc+n]
		if beta == 0 {
			clear(row)
			continue
		}
		for j := range row {
			row[j] *= beta
		}
	}
}

func gemmRoundUp(x, m int) int { return (x + m - 1) / m * m }

// Packing buffers are recycled across calls; one pool per element type.
var (
	gemmPool32 = sync.Pool{New: func() any { return new([]float32) }}
	gemmPool64 = sync.Pool{New: func() any { return new([]float64) }}
)

// gemmGetBuf returns a pooled buffer of at least n elements (contents undefined).
func gemmGetBuf[T Float](n int) *[]T {
	var p *[]T
	switch any(p).(type) {
	case *[]float32:
		p = any(gemmPool32.Get()).(*[]T)
	default:
		p = any(gemmPool64.Get()).(*[]T)
	}
	if cap(*p) < n {
		*p = make([]T, n)
	}
	*p = (*p)[:n]
	return p
}

func gemmPutBuf[T Float](p *[]T) {
	switch q := any(p).(type) {
	case *[]float32:
		gemmPool32.Put(q)
	case *[]float64:
		gemmPool64.Put(q)
	}
}
