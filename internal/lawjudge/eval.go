package lawjudge

import (
	"math"

	"github.com/ansatz/ansatz/symreg/expr"
)

// Eval computes the tree at one point (x[k] is variable k) by walking it
// recursively, in plain float64 with package math: the judge's own
// arithmetic, independent of the compiled evaluator the search uses.
// Domain errors give NaN, as in package math (sqrt of a negative, log of a
// negative, asin outside [-1, 1]); pow is math.Pow.
func Eval(n *expr.Node, x []float64) float64 {
	switch n.Op {
	case expr.OpConst:
		return n.Value
	case expr.OpVar:
		return x[n.Var]
	}
	a := Eval(n.L, x)
	switch n.Op {
	case expr.OpAdd:
		return a + Eval(n.R, x)
	case expr.OpSub:
		return a - Eval(n.R, x)
	case expr.OpMul:
		return a * Eval(n.R, x)
	case expr.OpDiv:
		return a / Eval(n.R, x)
	case expr.OpPow:
		return math.Pow(a, Eval(n.R, x))
	case expr.OpNeg:
		return -a
	case expr.OpAbs:
		return math.Abs(a)
	case expr.OpSquare:
		return a * a
	case expr.OpCube:
		return a * a * a
	case expr.OpSqrt:
		return math.Sqrt(a)
	case expr.OpExp:
		return math.Exp(a)
	case expr.OpLog:
		return math.Log(a)
	case expr.OpSin:
		return math.Sin(a)
	case expr.OpCos:
		return math.Cos(a)
	case expr.OpTan:
		return math.Tan(a)
	case expr.OpTanh:
		return math.Tanh(a)
	case expr.OpAsin:
		return math.Asin(a)
	case expr.OpAcos:
		return math.Acos(a)
	case expr.OpAtan:
		return math.Atan(a)
	case expr.OpAtanh:
		return math.Atanh(a)
	}
	return math.NaN() // an operator this judge does not know never passes
}
