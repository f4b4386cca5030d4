package kernels

import (
	"reflect"
	"strings"
	"unsafe"
)

// Float is the element type of the kernels: float32 or float64.
type Float interface{ ~float32 | ~float64 }

// ewTable holds one implementation of every element-wise and math kernel.
// An architecture table may leave fields nil; those run the generic
// reference, and the implementation name says so (see fillFrom).
type ewTable struct {
	add32, sub32, mul32, div32 func(dst, a, b []float32)
	add64, sub64, mul64, div64 func(dst, a, b []float64)
	fma32                      func(dst, a, b, c []float32)
	fma64                      func(dst, a, b, c []float64)

	addScalar32, mulScalar32, axpy32 func(dst, a []float32, s float32)
	addScalar64, mulScalar64, axpy64 func(dst, a []float64, s float64)

	neg32, abs32, square32, cube32, sqrt32 func(dst, a []float32)
	neg64, abs64, square64, cube64, sqrt64 func(dst, a []float64)
	fill32                                 func(dst []float32, v float32)
	fill64                                 func(dst []float64, v float64)

	exp32, log32, sin32, cos32, tan32, tanh32, sigmoid32, silu32 func(dst, a []float32)
	exp64, log64, sin64, cos64, tan64, tanh64, sigmoid64, silu64 func(dst, a []float64)
	pow32                                                        func(dst, a, b []float32)
	pow64                                                        func(dst, a, b []float64)
}

// ew is the table in use; Use swaps it through the "elementwise" family.
var ew = ewGeneric

var ewGeneric = &ewTable{
	add32: addGeneric[float32], sub32: subGeneric[float32], mul32: mulGeneric[float32], div32: divGeneric[float32],
	add64: addGeneric[float64], sub64: subGeneric[float64], mul64: mulGeneric[float64], div64: divGeneric[float64],
	fma32: fmaGeneric32, fma64: fmaGeneric64,
	addScalar32: addScalarGeneric[float32], mulScalar32: mulScalarGeneric[float32], axpy32: axpyGeneric[float32],
	addScalar64: addScalarGeneric[float64], mulScalar64: mulScalarGeneric[float64], axpy64: axpyGeneric[float64],
	neg32: negGeneric[float32], abs32: absGeneric[float32], square32: squareGeneric[float32], cube32: cubeGeneric[float32], sqrt32: sqrtGeneric[float32],
	neg64: negGeneric[float64], abs64: absGeneric[float64], square64: squareGeneric[float64], cube64: cubeGeneric[float64], sqrt64: sqrtGeneric[float64],
	fill32: fillGeneric[float32], fill64: fillGeneric[float64],
	exp32: expGeneric[float32], log32: logGeneric[float32], sin32: sinGeneric[float32], cos32: cosGeneric[float32],
	tan32: tanGeneric[float32], tanh32: tanhGeneric[float32], sigmoid32: sigmoidGeneric[float32], silu32: siluGeneric[float32],
	exp64: expGeneric[float64], log64: logGeneric[float64], sin64: sinGeneric[float64], cos64: cosGeneric[float64],
	tan64: tanGeneric[float64], tanh64: tanhGeneric[float64], sigmoid64: sigmoidGeneric[float64], silu64: siluGeneric[float64],
	pow32: powGeneric[float32], pow64: powGeneric[float64],
}

// fillFrom completes an architecture table t (a struct of func fields)
// with the generic entries for the fields it leaves nil, and returns the
// implementation name: isa alone, or isa followed by the kernels that
// still run generic code, so `ansatz info` never overstates the assembly.
func fillFrom[T any](isa string, t, generic *T) (*T, string) {
	out := *t
	v, g := reflect.ValueOf(&out).Elem(), reflect.ValueOf(generic).Elem()
	var missing []string
	for i := 0; i < v.NumField(); i++ {
		if v.Field(i).IsNil() {
			// The fields are unexported; reach them through their addresses.
			f := reflect.NewAt(v.Field(i).Type(), unsafe.Pointer(v.Field(i).UnsafeAddr())).Elem()
			f.Set(reflect.NewAt(g.Field(i).Type(), unsafe.Pointer(g.Field(i).UnsafeAddr())).Elem())
			missing = append(missing, v.Type().Field(i).Name)
		}
	}
	if len(missing) == 0 {
		return &out, isa
	}
	return &out, isa + " (" + strings.Join(missing, ",") + ": generic)"
}

// ewArch and reduceArch (set per architecture in elementwise_amd64.go,
// elementwise_arm64.go or elementwise_noasm.go) are the assembly tables and
// the ISA they need; nil when this build has none.
func init() {
	register("elementwise", func(isa string) string {
		if ewArch == nil || isa != ewArchISA {
			ew = ewGeneric
			return Generic
		}
		t, name := fillFrom(isa, ewArch, ewGeneric)
		ew = t
		return name
	})
}

// Add32 sets dst[i] = a[i] + b[i] for i < len(dst). a and b must be at
// least as long as dst (else it panics); dst may be a or b.
func Add32(dst, a, b []float32) { n := len(dst); ew.add32(dst, a[:n], b[:n]) }

// Add64 is Add32 for float64.
func Add64(dst, a, b []float64) { n := len(dst); ew.add64(dst, a[:n], b[:n]) }

// Sub32 sets dst[i] = a[i] - b[i].
func Sub32(dst, a, b []float32) { n := len(dst); ew.sub32(dst, a[:n], b[:n]) }

// Sub64 sets dst[i] = a[i] - b[i].
func Sub64(dst, a, b []float64) { n := len(dst); ew.sub64(dst, a[:n], b[:n]) }

// Mul32 sets dst[i] = a[i] * b[i].
func Mul32(dst, a, b []float32) { n := len(dst); ew.mul32(dst, a[:n], b[:n]) }

// Mul64 sets dst[i] = a[i] * b[i].
func Mul64(dst, a, b []float64) { n := len(dst); ew.mul64(dst, a[:n], b[:n]) }

// Div32 sets dst[i] = a[i] / b[i].
func Div32(dst, a, b []float32) { n := len(dst); ew.div32(dst, a[:n], b[:n]) }

// Div64 sets dst[i] = a[i] / b[i].
func Div64(dst, a, b []float64) { n := len(dst); ew.div64(dst, a[:n], b[:n]) }

// Fma32 sets dst[i] = a[i]*b[i] + c[i] with a single rounding (fused). The
// generic version computes it in float64 and rounds again, which in rare
// half-way cases differs from the hardware's float32 FMA by one ulp.
func Fma32(dst, a, b, c []float32) { n := len(dst); ew.fma32(dst, a[:n], b[:n], c[:n]) }

// Fma64 sets dst[i] = a[i]*b[i] + c[i] with a single rounding (fused).
func Fma64(dst, a, b, c []float64) { n := len(dst); ew.fma64(dst, a[:n], b[:n], c[:n]) }

// AddScalar32 sets dst[i] = a[i] + s.
func AddScalar32(dst, a []float32, s float32) { ew.addScalar32(dst, a[:len(dst)], s) }

// AddScalar64 sets dst[i] = a[i] + s.
func AddScalar64(dst, a []float64, s float64) { ew.addScalar64(dst, a[:len(dst)], s) }

// MulScalar32 sets dst[i] = a[i] * s.
func MulScalar32(dst, a []float32, s float32) { ew.mulScalar32(dst, a[:len(dst)], s) }

// MulScalar64 sets dst[i] = a[i] * s.
func MulScalar64(dst, a []float64, s float64) { ew.mulScalar64(dst, a[:len(dst)], s) }

// Axpy32 sets dst[i] += s*a[i], the product rounded before the sum (not fused).
func Axpy32(dst, a []float32, s float32) { ew.axpy32(dst, a[:len(dst)], s) }

// Axpy64 sets dst[i] += s*a[i], the product rounded before the sum (not fused).
func Axpy64(dst, a []float64, s float64) { ew.axpy64(dst, a[:len(dst)], s) }

// Neg32 sets dst[i] = -a[i] (flips the sign bit, also of zeros and NaNs).
func Neg32(dst, a []float32) { ew.neg32(dst, a[:len(dst)]) }

// Neg64 sets dst[i] = -a[i].
func Neg64(dst, a []float64) { ew.neg64(dst, a[:len(dst)]) }

// Abs32 sets dst[i] = |a[i]| (clears the sign bit).
func Abs32(dst, a []float32) { ew.abs32(dst, a[:len(dst)]) }

// Abs64 sets dst[i] = |a[i]|.
func Abs64(dst, a []float64) { ew.abs64(dst, a[:len(dst)]) }

// Square32 sets dst[i] = a[i] * a[i].
func Square32(dst, a []float32) { ew.square32(dst, a[:len(dst)]) }

// Square64 sets dst[i] = a[i] * a[i].
func Square64(dst, a []float64) { ew.square64(dst, a[:len(dst)]) }

// Cube32 sets dst[i] = (a[i] * a[i]) * a[i].
func Cube32(dst, a []float32) { ew.cube32(dst, a[:len(dst)]) }

// Cube64 sets dst[i] = (a[i] * a[i]) * a[i].
func Cube64(dst, a []float64) { ew.cube64(dst, a[:len(dst)]) }

// Sqrt32 sets dst[i] = √a[i], correctly rounded (NaN for a[i] < 0).
func Sqrt32(dst, a []float32) { ew.sqrt32(dst, a[:len(dst)]) }

// Sqrt64 sets dst[i] = √a[i], correctly rounded (NaN for a[i] < 0).
func Sqrt64(dst, a []float64) { ew.sqrt64(dst, a[:len(dst)]) }

// Fill32 sets every element of dst to v.
func Fill32(dst []float32, v float32) { ew.fill32(dst, v) }

// Fill64 sets every element of dst to v.
func Fill64(dst []float64, v float64) { ew.fill64(dst, v) }
