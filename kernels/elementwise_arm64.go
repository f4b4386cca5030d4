//go:build !purego

package kernels

// NEON element-wise kernels, hand-written in elementwise_arm64.s.

//go:noescape
func add32NEON(dst, a, b []float32)

//go:noescape
func add64NEON(dst, a, b []float64)

//go:noescape
func sub32NEON(dst, a, b []float32)

//go:noescape
func sub64NEON(dst, a, b []float64)

//go:noescape
func mul32NEON(dst, a, b []float32)

//go:noescape
func mul64NEON(dst, a, b []float64)

//go:noescape
func div32NEON(dst, a, b []float32)

//go:noescape
func div64NEON(dst, a, b []float64)

//go:noescape
func fma32NEON(dst, a, b, c []float32)

//go:noescape
func fma64NEON(dst, a, b, c []float64)

//go:noescape
func addScalar32NEON(dst, a []float32, s float32)

//go:noescape
func addScalar64NEON(dst, a []float64, s float64)

//go:noescape
func mulScalar32NEON(dst, a []float32, s float32)

//go:noescape
func mulScalar64NEON(dst, a []float64, s float64)

//go:noescape
func axpy32NEON(dst, a []float32, s float32)

//go:noescape
func axpy64NEON(dst, a []float64, s float64)

//go:noescape
func neg32NEON(dst, a []float32)

//go:noescape
func neg64NEON(dst, a []float64)

//go:noescape
func abs32NEON(dst, a []float32)

//go:noescape
func abs64NEON(dst, a []float64)

//go:noescape
func square32NEON(dst, a []float32)

//go:noescape
func square64NEON(dst, a []float64)

//go:noescape
func cube32NEON(dst, a []float32)

//go:noescape
func cube64NEON(dst, a []float64)

//go:noescape
func sqrt32NEON(dst, a []float32)

//go:noescape
func sqrt64NEON(dst, a []float64)

//go:noescape
func fill32NEON(dst []float32, v float32)

//go:noescape
func fill64NEON(dst []float64, v float64)
