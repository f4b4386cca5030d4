//go:build !purego

package kernels

// The NEON micro-kernels (gemm_arm64.s, hand-written) hold a 6×16 float32
// or 6×8 float64 tile in 24 vector accumulators; the narrow ones (6×8 and
// 6×4 float32, 6×4 and 6×2 float64) serve C with few columns, and the
// Direct variants read A in place (see gemmImpl.direct).
var (
	sgemmNEON = gemmImpl[float32]{name: NEON, mr: 6, nr: 16, kc: 256, mc: 96, nc: 2048,
		kernel: asmKernel(6, 16, gemmKernel32NEON),
		direct: asmDirectKernel(6, 16, gemmKernel32NEONDirect),
		narrow: &gemmImpl[float32]{name: NEON, mr: 6, nr: 8, kc: 256, mc: 96, nc: 2048,
			kernel: asmKernel(6, 8, gemmKernel32NEONNarrow),
			direct: asmDirectKernel(6, 8, gemmKernel32NEONNarrowDirect),
			narrow: &gemmImpl[float32]{name: NEON, mr: 6, nr: 4, kc: 256, mc: 96, nc: 2048,
				kernel: asmKernel(6, 4, gemmKernel32NEONNarrow4),
				direct: asmDirectKernel(6, 4, gemmKernel32NEONNarrow4Direct)}}}
	dgemmNEON = gemmImpl[float64]{name: NEON, mr: 6, nr: 8, kc: 256, mc: 48, nc: 2048,
		kernel: asmKernel(6, 8, gemmKernel64NEON),
		direct: asmDirectKernel(6, 8, gemmKernel64NEONDirect),
		narrow: &gemmImpl[float64]{name: NEON, mr: 6, nr: 4, kc: 256, mc: 48, nc: 2048,
			kernel: asmKernel(6, 4, gemmKernel64NEONNarrow),
			direct: asmDirectKernel(6, 4, gemmKernel64NEONNarrowDirect),
			narrow: &gemmImpl[float64]{name: NEON, mr: 6, nr: 2, kc: 256, mc: 48, nc: 2048,
				kernel: asmKernel(6, 2, gemmKernel64NEONNarrow2),
				direct: asmDirectKernel(6, 2, gemmKernel64NEONNarrow2Direct)}}}
)

// gemmAsm reports the assembly GEMM for an ISA, or nils when there is none.
func gemmAsm(isa string) (*gemmImpl[float32], *gemmImpl[float64]) {
	if isa == NEON {
		return &sgemmNEON, &dgemmNEON
	}
	return nil, nil
}

// The kernels below compute one 6×NR tile as described in gemm_arm64.s:
// c[r*ldc+j] = alpha·Σ_p A[r][p]·b[p*NR+j] (+ beta·c[r*ldc+j] when loadC),
// A[r][p] = a[p*6+r] (packed) or a[r*lda+p] (Direct). k >= 1.

//go:noescape
func gemmKernel32NEON(k int, a, b, c *float32, ldc int, alpha, beta float32, loadC bool)

//go:noescape
func gemmKernel64NEON(k int, a, b, c *float64, ldc int, alpha, beta float64, loadC bool)

//go:noescape
func gemmKernel32NEONNarrow(k int, a, b, c *float32, ldc int, alpha, beta float32, loadC bool)

//go:noescape
func gemmKernel64NEONNarrow(k int, a, b, c *float64, ldc int, alpha, beta float64, loadC bool)

//go:noescape
func gemmKernel32NEONNarrow4(k int, a, b, c *float32, ldc int, alpha, beta float32, loadC bool)

//go:noescape
func gemmKernel64NEONNarrow2(k int, a, b, c *float64, ldc int, alpha, beta float64, loadC bool)

//go:noescape
func gemmKernel32NEONDirect(k int, a *float32, lda int, b, c *float32, ldc int, alpha, beta float32, loadC bool)

//go:noescape
func gemmKernel64NEONDirect(k int, a *float64, lda int, b, c *float64, ldc int, alpha, beta float64, loadC bool)

//go:noescape
func gemmKernel32NEONNarrowDirect(k int, a *float32, lda int, b, c *float32, ldc int, alpha, beta float32, loadC bool)

//go:noescape
func gemmKernel64NEONNarrowDirect(k int, a *float64, lda int, b, c *float64, ldc int, alpha, beta float64, loadC bool)

//go:noescape
func gemmKernel32NEONNarrow4Direct(k int, a *float32, lda int, b, c *float32, ldc int, alpha, beta float32, loadC bool)

//go:noescape
func gemmKernel64NEONNarrow2Direct(k int, a *float64, lda int, b, c *float64, ldc int, alpha, beta float64, loadC bool)
