package kernels

// gemmRef is the plain reference for Gemm, the loop
//
//	for i < m, j < n:
//	    if alpha == 0 || k == 0 { t = 0 } else { t = alpha · Σ_{p<k} op(A)[i][p]·op(B)[p][j] }  (p ascending)
//	    if beta == 0 { C[i][j] = t } else { C[i][j] = t + beta·C[i][j] }
//
// with op(A)[i][p] = a[i*lda+p] (a[p*lda+i] when transA) and op(B)[p][j] =
// b[p*ldb+j] (b[j*ldb+p] when transB). The tests hold every implementation
// to it; it is not used by Gemm itself.
func gemmRef[T Float](transA, transB bool, m, n, k int, alpha T, a []T, lda int, b []T, ldb int, beta T, c []T, ldc int) {
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			var t T
			if alpha != 0 && k > 0 {
				for p := 0; p < k; p++ {
					var av, bv T
					if transA {
						av = a[p*lda+i]
					} else {
						av = a[i*lda+p]
					}
					if transB {
						bv = b[j*ldb+p]
					} else {
						bv = b[p*ldb+j]
					}
					t += av * bv
				}
				t *= alpha
			}
			if beta == 0 {
				c[i*ldc+j] = t
			} else {
				c[i*ldc+j] = t + beta*c[i*ldc+j]
			}
		}
	}
}

// gemmGo is the generic implementation: the blocked driver with a 2×4 Go
// micro-kernel, whose eight accumulators and six operands fit in the
// sixteen float registers of amd64/arm64 (a 4×4 kernel spilled to the stack
// and ran at half the speed).
func gemmGo[T Float]() *gemmImpl[T] {
	return &gemmImpl[T]{mr: 2, nr: 4, kc: 256, mc: 64, nc: 1024, kernel: gemmKernel2x4[T]}
}

// gemmKernel2x4 is the Go micro-kernel: the gemmImpl.kernel contract for a
// 2×4 tile, c[r*ldc+j] = alpha·Σ_p a[p*2+r]·b[p*4+j] (+ beta·c when loadC).
func gemmKernel2x4[T Float](k int, a, b, c []T, ldc int, alpha, beta T, loadC bool) {
	var c00, c01, c02, c03, c10, c11, c12, c13 T
	a, b = a[:2*k], b[:4*k]
	for p := 0; p < k; p++ {
		ap := (*[2]T)(a[2*p:])
		bp := (*[4]T)(b[4*p:])
		a0, a1 := ap[0], ap[1]
		b0, b1, b2, b3 := bp[0], bp[1], bp[2], bp[3]
		c00 += a0 * b0
		c01 += a0 * b1
		c02 += a0 * b2
		c03 += a0 * b3
		c10 += a1 * b0
		c11 += a1 * b1
		c12 += a1 * b2
		c13 += a1 * b3
	}
	t := [8]T{c00, c01, c02, c03, c10, c11, c12, c13}
	storeTile(c, ldc, t[:], 4, 2, 4, alpha, beta, loadC)
}
