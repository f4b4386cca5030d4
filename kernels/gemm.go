package kernels

import (
	"fmt"
	"slices"
)

// Gemm computes C = alpha·op(A)·op(B) + beta·C for row-major matrices:
// op(A) is m×k (A itself is k×m when transA), op(B) is k×n (n×k when
// transB) and C is m×n, row i of each starting at i·ld. When beta is 0, C
// is only written, never read (NaN garbage in C is overwritten); when alpha
// is 0 or k is 0, A and B are not read and C = beta·C. Large products run on
// up to Threads() goroutines over disjoint blocks of C, so the result does
// not depend on the thread count. C must not overlap A or B. Too-short
// slices or leading dimensions smaller than the row length panic.
func Gemm[T Float](transA, transB bool, m, n, k int, alpha T, a []T, lda int, b []T, ldb int, beta T, c []T, ldc int) {
	checkGemm("Gemm", transA, transB, m, n, k, len(a), lda, len(b), ldb, len(c), ldc)
	gemm(tableOf[T]().gemm, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// gemmImpl is one implementation of the GEMM micro-kernel plus the blocking
// that suits it. The driver (gemm_driver.go) is shared by all of them.
type gemmImpl[T Float] struct {
	mr, nr int // register tile: mr rows × nr columns of C
	kc     int // depth of one packed panel (steps of k)
	mc     int // rows of A packed at once (multiple of mr)
	nc     int // columns of B packed at once (multiple of nr)
	// kernel computes one full mr×nr tile from packed slivers a (k×mr) and
	// b (k×nr): c[r*ldc+j] = alpha·Σ_p a[p*mr+r]·b[p*nr+j], plus
	// beta·c[r*ldc+j] when loadC (C is not read otherwise). k >= 1.
	kernel func(k int, a, b, c []T, ldc int, alpha, beta T, loadC bool)
	// direct, if set, is kernel reading A unpacked (row r of the tile at
	// a[r*lda:]); the driver uses it when A is not transposed and C is a
	// single sliver wide or k is short, where packing A would only add a
	// pass over it.
	direct func(k int, a []T, lda int, b, c []T, ldc int, alpha, beta T, loadC bool)
	// narrow, if set, replaces this implementation for products with at
	// most narrow.nr columns (fewer wasted lanes on skinny C); it may have
	// a narrower one in turn.
	narrow *gemmImpl[T]
}

// asmTile is one assembly micro-kernel for an mrAsm×nr tile: kernel reads
// packed A slivers, direct reads the rows of A in place.
type asmTile[T Float] struct {
	nr     int
	kernel func(k int, a, b, c *T, ldc int, alpha, beta T, loadC bool)
	direct func(k int, a *T, lda int, b, c *T, ldc int, alpha, beta T, loadC bool)
}

// mrAsm is the tile height of every assembly micro-kernel.
const mrAsm = 6

// asmGemm chains an ISA's micro-kernels, widest first, into one gemmImpl
// whose narrow links serve products with few columns. They share the
// blocking kc = 256, nc = 2048; mc (a multiple of mrAsm) keeps a packed A
// block in the L2 cache.
func asmGemm[T Float](mc int, tiles ...asmTile[T]) *gemmImpl[T] {
	var im *gemmImpl[T]
	for _, t := range slices.Backward(tiles) {
		im = &gemmImpl[T]{mr: mrAsm, nr: t.nr, kc: 256, mc: mc, nc: 2048,
			kernel: asmKernel(t.nr, t.kernel), direct: asmDirectKernel(t.nr, t.direct), narrow: im}
	}
	return im
}

// asmKernel adapts an assembly micro-kernel for an mrAsm×nr tile to the
// slice-based gemmImpl.kernel, checking that the tile lies in the slices.
func asmKernel[T Float](nr int, f func(k int, a, b, c *T, ldc int, alpha, beta T, loadC bool)) func(k int, a, b, c []T, ldc int, alpha, beta T, loadC bool) {
	return func(k int, a, b, c []T, ldc int, alpha, beta T, loadC bool) {
		_, _, _ = a[mrAsm*k-1], b[nr*k-1], c[(mrAsm-1)*ldc+nr-1]
		f(k, &a[0], &b[0], &c[0], ldc, alpha, beta, loadC)
	}
}

// asmDirectKernel is asmKernel for the kernels that read A unpacked.
func asmDirectKernel[T Float](nr int, f func(k int, a *T, lda int, b, c *T, ldc int, alpha, beta T, loadC bool)) func(k int, a []T, lda int, b, c []T, ldc int, alpha, beta T, loadC bool) {
	return func(k int, a []T, lda int, b, c []T, ldc int, alpha, beta T, loadC bool) {
		_, _, _ = a[(mrAsm-1)*lda+k-1], b[nr*k-1], c[(mrAsm-1)*ldc+nr-1]
		f(k, &a[0], lda, &b[0], &c[0], ldc, alpha, beta, loadC)
	}
}

// checkGemm panics with a message naming the function and the gemmOperand when
// a dimension is negative, a leading dimension is shorter than its row, or a
// slice is too short for the matrix it holds.
func checkGemm(fn string, transA, transB bool, m, n, k, la, lda, lb, ldb, lc, ldc int) {
	if m < 0 || n < 0 || k < 0 {
		panic(fmt.Sprintf("kernels.%s: negative dimension m=%d n=%d k=%d", fn, m, n, k))
	}
	ar, ac := m, k
	if transA {
		ar, ac = k, m
	}
	br, bc := k, n
	if transB {
		br, bc = n, k
	}
	checkGemmMatrix(fn, "a", ar, ac, la, lda)
	checkGemmMatrix(fn, "b", br, bc, lb, ldb)
	checkGemmMatrix(fn, "c", m, n, lc, ldc)
}

// checkGemmMatrix checks one stored rows×cols row-major gemmOperand.
func checkGemmMatrix(fn, name string, rows, cols, length, ld int) {
	if ld < max(1, cols) {
		panic(fmt.Sprintf("kernels.%s: ld%s = %d is less than the %d columns of %s", fn, name, ld, max(1, cols), name))
	}
	if rows == 0 || cols == 0 {
		return
	}
	if need := (rows-1)*ld + cols; length < need {
		panic(fmt.Sprintf("kernels.%s: len(%s) = %d, need %d for a %d×%d matrix with ld%s = %d",
			fn, name, length, need, rows, cols, name, ld))
	}
}
