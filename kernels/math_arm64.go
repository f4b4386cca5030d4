//go:build !purego

package kernels

// NEON math block kernels, hand-written in math_arm64.s: each computes
// whole blocks of 4 elements from the start and returns how many it
// wrote, stopping before the first block with an input outside its fast
// domain (runBlocks in math.go finishes the rest).

//go:noescape
func exp32NEON(dst, a []float32) int

//go:noescape
func exp64NEON(dst, a []float64) int

//go:noescape
func log32NEON(dst, a []float32) int

//go:noescape
func log64NEON(dst, a []float64) int

//go:noescape
func sin32NEON(dst, a []float32) int

//go:noescape
func sin64NEON(dst, a []float64) int

//go:noescape
func cos32NEON(dst, a []float32) int

//go:noescape
func cos64NEON(dst, a []float64) int

//go:noescape
func tan32NEON(dst, a []float32) int

//go:noescape
func tan64NEON(dst, a []float64) int

//go:noescape
func tanh32NEON(dst, a []float32) int

//go:noescape
func tanh64NEON(dst, a []float64) int

//go:noescape
func sigmoid32NEON(dst, a []float32) int

//go:noescape
func sigmoid64NEON(dst, a []float64) int

//go:noescape
func silu32NEON(dst, a []float32) int

//go:noescape
func silu64NEON(dst, a []float64) int

//go:noescape
func pow32NEON(dst, a, b []float32) int
