//go:build !purego

package kernels

// splineAcc64NEON is the NEON SplineAcc (spline_arm64.s), any order k.
//
//go:noescape
func splineAcc64NEON(m int, idx []int32, v []float64, s []float64, wb []float64, ws []float64, y []float64, k int)

// splineAcc32NEON is splineAcc64NEON for float32.
//
//go:noescape
func splineAcc32NEON(m int, idx []int32, v []float32, s []float32, wb []float32, ws []float32, y []float32, k int)

// splineGrad64NEON is the NEON SplineGrad; gb (and gs) or dx may be nil.
//
//go:noescape
func splineGrad64NEON(m int, idx []int32, v []float64, d []float64, s []float64, ds []float64, wb []float64, ws []float64, dy []float64, gb []float64, gs []float64, dx []float64, k int)

// splineGrad32NEON is splineGrad64NEON for float32.
//
//go:noescape
func splineGrad32NEON(m int, idx []int32, v []float32, d []float32, s []float32, ds []float32, wb []float32, ws []float32, dy []float32, gb []float32, gs []float32, dx []float32, k int)

// The table entries: the kernels take the order last.
var (
	splineAccNEON64 = func(m, k int, idx []int32, v, s, wb, ws, y []float64) {
		splineAcc64NEON(m, idx, v, s, wb, ws, y, k)
	}
	splineAccNEON32 = func(m, k int, idx []int32, v, s, wb, ws, y []float32) {
		splineAcc32NEON(m, idx, v, s, wb, ws, y, k)
	}
	splineGradNEON64 = func(m, k int, idx []int32, v, d, s, ds, wb, ws, dy, gb, gs, dx []float64) {
		splineGrad64NEON(m, idx, v, d, s, ds, wb, ws, dy, gb, gs, dx, k)
	}
	splineGradNEON32 = func(m, k int, idx []int32, v, d, s, ds, wb, ws, dy, gb, gs, dx []float32) {
		splineGrad32NEON(m, idx, v, d, s, ds, wb, ws, dy, gb, gs, dx, k)
	}
)
