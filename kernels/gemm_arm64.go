//go:build !purego

package kernels

// The NEON micro-kernels (gemm_arm64.s, hand-written) hold a 6×16 float32
// or 6×8 float64 tile in 24 vector accumulators; the narrow ones (6×8 and
// 6×4 float32, 6×4 and 6×2 float64) serve C with few columns, and the
// Direct variants read A in place (see gemmImpl.direct).
var (
	sgemmNEON = asmGemm(96,
		asmTile[float32]{16, gemmKernel32NEON, gemmKernel32NEONDirect},
		asmTile[float32]{8, gemmKernel32NEONNarrow, gemmKernel32NEONNarrowDirect},
		asmTile[float32]{4, gemmKernel32NEONNarrow4, gemmKernel32NEONNarrow4Direct})
	dgemmNEON = asmGemm(48,
		asmTile[float64]{8, gemmKernel64NEON, gemmKernel64NEONDirect},
		asmTile[float64]{4, gemmKernel64NEONNarrow, gemmKernel64NEONNarrowDirect},
		asmTile[float64]{2, gemmKernel64NEONNarrow2, gemmKernel64NEONNarrow2Direct})
)

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
