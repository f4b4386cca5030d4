package expr

import "math"

// Apply computes one operator on scalars, with the same semantics as the
// compiled evaluator (IEEE arithmetic, math.Pow for pow, NaN outside a
// function's domain). b is ignored by unary operators. OpConst and OpVar
// are not operators and give NaN.
func Apply(op Op, a, b float64) float64 {
	switch op {
	case OpAdd:
		return a + b
	case OpSub:
		return a - b
	case OpMul:
		return a * b
	case OpDiv:
		return a / b
	case OpPow:
		return math.Pow(a, b)
	case OpNeg:
		return -a
	case OpAbs:
		return math.Abs(a)
	case OpSquare:
		return a * a
	case OpCube:
		return a * a * a
	case OpSqrt:
		return math.Sqrt(a)
	case OpExp:
		return math.Exp(a)
	case OpLog:
		return math.Log(a)
	case OpSin:
		return math.Sin(a)
	case OpCos:
		return math.Cos(a)
	case OpTan:
		return math.Tan(a)
	case OpTanh:
		return math.Tanh(a)
	case OpAsin:
		return math.Asin(a)
	case OpAcos:
		return math.Acos(a)
	case OpAtan:
		return math.Atan(a)
	case OpAtanh:
		return math.Atanh(a)
	}
	return math.NaN()
}

// EvalAt evaluates the tree at one point; x[k] is variable k. It recurses
// over the tree and is the slow, obviously-correct reference that the
// compiled evaluator is tested against; use Program for data.
func (n *Node) EvalAt(x []float64) float64 {
	switch n.Op {
	case OpConst:
		return n.Value
	case OpVar:
		return x[n.Var]
	}
	a := n.L.EvalAt(x)
	var b float64
	if n.R != nil {
		b = n.R.EvalAt(x)
	}
	return Apply(n.Op, a, b)
}
