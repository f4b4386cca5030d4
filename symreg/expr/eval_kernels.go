package expr

import (
	"math"

	"github.com/ansatz/ansatz/kernels"
)

// applyBinary sets dst[i] = a[i] op b[i] for a binary tree operator, with
// the kernels package (AVX2/NEON or its generic Go references, whichever
// kernels.Use selected).
func applyBinary[T kernels.Float](op Op, dst, a, b []T) {
	switch op {
	case OpAdd:
		kernels.Add(dst, a, b)
	case OpSub:
		kernels.Sub(dst, a, b)
	case OpMul:
		kernels.Mul(dst, a, b)
	case OpDiv:
		kernels.Div(dst, a, b)
	case OpPow:
		kernels.Pow(dst, a, b)
	default:
		panic("symreg: " + op.Name() + " is not a binary operator")
	}
}

// applyUnary sets dst[i] = op(a[i]) for a unary tree operator. The
// operators without a kernel (asin, acos, atan, atanh) use a scalar loop.
func applyUnary[T kernels.Float](op Op, dst, a []T) {
	switch op {
	case OpNeg:
		kernels.Neg(dst, a)
	case OpAbs:
		kernels.Abs(dst, a)
	case OpSquare:
		kernels.Square(dst, a)
	case OpCube:
		kernels.Cube(dst, a)
	case OpSqrt:
		kernels.Sqrt(dst, a)
	case OpExp:
		kernels.Exp(dst, a)
	case OpLog:
		kernels.Log(dst, a)
	case OpSin:
		kernels.Sin(dst, a)
	case OpCos:
		kernels.Cos(dst, a)
	case OpTan:
		kernels.Tan(dst, a)
	case OpTanh:
		kernels.Tanh(dst, a)
	case OpAsin:
		scalarLoop(dst, a, math.Asin)
	case OpAcos:
		scalarLoop(dst, a, math.Acos)
	case OpAtan:
		scalarLoop(dst, a, math.Atan)
	case OpAtanh:
		scalarLoop(dst, a, math.Atanh)
	default:
		panic("symreg: " + op.Name() + " is not a unary operator")
	}
}

// scalarLoop sets dst[i] = f(a[i]), computed in float64.
func scalarLoop[T kernels.Float](dst, a []T, f func(float64) float64) {
	a = a[:len(dst)]
	for i, v := range a {
		dst[i] = T(f(float64(v)))
	}
}
