package expr

import "math"

// Apply computes one operator on scalars, with the same semantics as the
// compiled evaluator (IEEE arithmetic, math.Pow for pow, NaN outside a
// function's domain). b is ignored by unary operators. OpConst and OpVar
// are not operators and give NaN.
func Apply(op Op, a, b float64) float64 {
	if f := scalarOps[op]; f != nil {
		return f(a, b)
	}
	return math.NaN()
}

// scalarOps is each operator on scalars (nil for OpConst and OpVar).
var scalarOps = [numOps]func(a, b float64) float64{
	OpAdd:    func(a, b float64) float64 { return a + b },
	OpSub:    func(a, b float64) float64 { return a - b },
	OpMul:    func(a, b float64) float64 { return a * b },
	OpDiv:    func(a, b float64) float64 { return a / b },
	OpPow:    math.Pow,
	OpNeg:    func(a, _ float64) float64 { return -a },
	OpAbs:    unary(math.Abs),
	OpSquare: func(a, _ float64) float64 { return a * a },
	OpCube:   func(a, _ float64) float64 { return a * a * a },
	OpSqrt:   unary(math.Sqrt),
	OpExp:    unary(math.Exp),
	OpLog:    unary(math.Log),
	OpSin:    unary(math.Sin),
	OpCos:    unary(math.Cos),
	OpTan:    unary(math.Tan),
	OpTanh:   unary(math.Tanh),
	OpAsin:   unary(math.Asin),
	OpAcos:   unary(math.Acos),
	OpAtan:   unary(math.Atan),
	OpAtanh:  unary(math.Atanh),
}

// unary lifts a one-argument function to scalarOps' signature.
func unary(f func(float64) float64) func(a, b float64) float64 {
	return func(a, _ float64) float64 { return f(a) }
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
