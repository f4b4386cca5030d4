//go:build !purego

package kernels

// NEON reductions, hand-written in reduce_arm64.s; float32 inputs are
// summed in float64 like the references.

//go:noescape
func sum32NEON(x []float32) float64

//go:noescape
func sum64NEON(x []float64) float64

//go:noescape
func dot32NEON(a, b []float32) float64

//go:noescape
func dot64NEON(a, b []float64) float64

//go:noescape
func sqDiff32NEON(a, b []float32) float64

//go:noescape
func sqDiff64NEON(a, b []float64) float64

//go:noescape
func wSqDiff32NEON(w, a, b []float32) float64

//go:noescape
func wSqDiff64NEON(w, a, b []float64) float64
