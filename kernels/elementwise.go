package kernels

// Element-wise arithmetic over whole slices, for float32 and float64
// alike: each function runs the kernel of the ISA in force (see
// dispatch.go), whose plain-Go reference in elementwise_generic.go states
// the loop. dst has the length of the result; the inputs must be at least
// as long (else it panics), and dst may be one of them.

// Add sets dst[i] = a[i] + b[i] for i < len(dst).
func Add[T Float](dst, a, b []T) { n := len(dst); tableOf[T]().add(dst, a[:n], b[:n]) }

// Sub sets dst[i] = a[i] - b[i].
func Sub[T Float](dst, a, b []T) { n := len(dst); tableOf[T]().sub(dst, a[:n], b[:n]) }

// Mul sets dst[i] = a[i] * b[i].
func Mul[T Float](dst, a, b []T) { n := len(dst); tableOf[T]().mul(dst, a[:n], b[:n]) }

// Div sets dst[i] = a[i] / b[i].
func Div[T Float](dst, a, b []T) { n := len(dst); tableOf[T]().div(dst, a[:n], b[:n]) }

// Fma sets dst[i] = a[i]*b[i] + c[i] with a single rounding (fused). The
// generic float32 version computes it in float64 and rounds again, which in
// rare half-way cases differs from the hardware's float32 FMA by one ulp.
func Fma[T Float](dst, a, b, c []T) { n := len(dst); tableOf[T]().fma(dst, a[:n], b[:n], c[:n]) }

// AddScalar sets dst[i] = a[i] + s.
func AddScalar[T Float](dst, a []T, s T) { tableOf[T]().addScalar(dst, a[:len(dst)], s) }

// MulScalar sets dst[i] = a[i] * s.
func MulScalar[T Float](dst, a []T, s T) { tableOf[T]().mulScalar(dst, a[:len(dst)], s) }

// Axpy sets dst[i] += s*a[i], the product rounded before the sum (not fused).
func Axpy[T Float](dst, a []T, s T) { tableOf[T]().axpy(dst, a[:len(dst)], s) }

// Neg sets dst[i] = -a[i] (flips the sign bit, also of zeros and NaNs).
func Neg[T Float](dst, a []T) { tableOf[T]().neg(dst, a[:len(dst)]) }

// Abs sets dst[i] = |a[i]| (clears the sign bit).
func Abs[T Float](dst, a []T) { tableOf[T]().abs(dst, a[:len(dst)]) }

// Square sets dst[i] = a[i] * a[i].
func Square[T Float](dst, a []T) { tableOf[T]().square(dst, a[:len(dst)]) }

// Cube sets dst[i] = (a[i] * a[i]) * a[i].
func Cube[T Float](dst, a []T) { tableOf[T]().cube(dst, a[:len(dst)]) }

// Sqrt sets dst[i] = √a[i], correctly rounded (NaN for a[i] < 0).
func Sqrt[T Float](dst, a []T) { tableOf[T]().sqrt(dst, a[:len(dst)]) }

// Fill sets every element of dst to v.
func Fill[T Float](dst []T, v T) { tableOf[T]().fill(dst, v) }
