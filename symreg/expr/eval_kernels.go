package expr

import (
	"math"

	"github.com/ansatz/ansatz/kernels"
)

// kernelSet is the element-wise vocabulary a Program is evaluated with in
// one precision: one function per tree operator plus the scalar forms.
// The entries call the kernels package (AVX2/NEON or its generic Go
// references, whichever kernels.Use selected); operators without a kernel
// (asin, acos, atan, atanh) use a scalar loop.
type kernelSet[T float] struct {
	bin  [numOps]func(dst, a, b []T)
	un   [numOps]func(dst, a []T)
	addS func(dst, a []T, s T)
	mulS func(dst, a []T, s T)
	fill func(dst []T, v T)
}

var kern32 = kernelSet[float32]{
	bin: [numOps]func(dst, a, b []float32){
		OpAdd: kernels.Add32, OpSub: kernels.Sub32, OpMul: kernels.Mul32,
		OpDiv: kernels.Div32, OpPow: kernels.Pow32,
	},
	un: [numOps]func(dst, a []float32){
		OpNeg: kernels.Neg32, OpAbs: kernels.Abs32, OpSquare: kernels.Square32,
		OpCube: kernels.Cube32, OpSqrt: kernels.Sqrt32, OpExp: kernels.Exp32,
		OpLog: kernels.Log32, OpSin: kernels.Sin32, OpCos: kernels.Cos32,
		OpTan: kernels.Tan32, OpTanh: kernels.Tanh32,
		OpAsin: scalarLoop[float32](math.Asin), OpAcos: scalarLoop[float32](math.Acos),
		OpAtan: scalarLoop[float32](math.Atan), OpAtanh: scalarLoop[float32](math.Atanh),
	},
	addS: kernels.AddScalar32,
	mulS: kernels.MulScalar32,
	fill: kernels.Fill32,
}

var kern64 = kernelSet[float64]{
	bin: [numOps]func(dst, a, b []float64){
		OpAdd: kernels.Add64, OpSub: kernels.Sub64, OpMul: kernels.Mul64,
		OpDiv: kernels.Div64, OpPow: kernels.Pow64,
	},
	un: [numOps]func(dst, a []float64){
		OpNeg: kernels.Neg64, OpAbs: kernels.Abs64, OpSquare: kernels.Square64,
		OpCube: kernels.Cube64, OpSqrt: kernels.Sqrt64, OpExp: kernels.Exp64,
		OpLog: kernels.Log64, OpSin: kernels.Sin64, OpCos: kernels.Cos64,
		OpTan: kernels.Tan64, OpTanh: kernels.Tanh64,
		OpAsin: scalarLoop[float64](math.Asin), OpAcos: scalarLoop[float64](math.Acos),
		OpAtan: scalarLoop[float64](math.Atan), OpAtanh: scalarLoop[float64](math.Atanh),
	},
	addS: kernels.AddScalar64,
	mulS: kernels.MulScalar64,
	fill: kernels.Fill64,
}

// scalarLoop lifts a float64 function to a slice kernel.
func scalarLoop[T float](f func(float64) float64) func(dst, a []T) {
	return func(dst, a []T) {
		a = a[:len(dst)]
		for i, v := range a {
			dst[i] = T(f(float64(v)))
		}
	}
}
