package expr

import "math"

// Interval is a closed range of real values [Lo, Hi].
type Interval struct{ Lo, Hi float64 }

// anything is the interval that says nothing.
var anything = Interval{math.Inf(-1), math.Inf(1)}

// BoundsOf is each column's range over its finite values (anything for a
// column with none): what Canonical may assume about the variables.
func BoundsOf(cols [][]float64) []Interval {
	out := make([]Interval, len(cols))
	for k, c := range cols {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, v := range c {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
		if lo > hi {
			out[k] = anything
			continue
		}
		out[k] = Interval{lo, hi}
	}
	return out
}

// Positive reports whether every value is > 0.
func (i Interval) Positive() bool { return i.Lo > 0 }

// Negative reports whether every value is < 0.
func (i Interval) Negative() bool { return i.Hi < 0 }

// MaxAbs is the largest magnitude in the interval.
func (i Interval) MaxAbs() float64 { return max(math.Abs(i.Lo), math.Abs(i.Hi)) }

// rangeOf encloses the values n takes when variable k ranges over
// bounds[k] (anything for a variable without bounds). It is
// conservative: the true range lies inside, though the enclosure may be
// wider; where it cannot say more it answers anything.
func rangeOf(n *Node, bounds []Interval) Interval {
	switch n.Op {
	case OpConst:
		return Interval{n.Value, n.Value}
	case OpVar:
		if n.Var < len(bounds) {
			return bounds[n.Var]
		}
		return anything
	}
	a := rangeOf(n.L, bounds)
	var b Interval
	if n.R != nil {
		b = rangeOf(n.R, bounds)
	}
	r := rangeOp(n.Op, a, b)
	if math.IsNaN(r.Lo) || math.IsNaN(r.Hi) {
		return anything
	}
	return r
}

// rangeOp is one operator on intervals.
func rangeOp(op Op, a, b Interval) Interval {
	switch op {
	case OpAdd:
		return Interval{a.Lo + b.Lo, a.Hi + b.Hi}
	case OpSub:
		return Interval{a.Lo - b.Hi, a.Hi - b.Lo}
	case OpMul:
		return hull(a.Lo*b.Lo, a.Lo*b.Hi, a.Hi*b.Lo, a.Hi*b.Hi)
	case OpDiv:
		if b.Lo > 0 || b.Hi < 0 {
			return hull(a.Lo/b.Lo, a.Lo/b.Hi, a.Hi/b.Lo, a.Hi/b.Hi)
		}
	case OpNeg:
		return Interval{-a.Hi, -a.Lo}
	case OpAbs:
		if a.Lo >= 0 {
			return a
		}
		return Interval{0, a.MaxAbs()}
	case OpSquare:
		return rangePow(a, 2)
	case OpCube:
		return Interval{a.Lo * a.Lo * a.Lo, a.Hi * a.Hi * a.Hi}
	case OpPow:
		if b.Lo == b.Hi {
			return rangePow(a, b.Lo)
		}
		if a.Lo > 0 {
			return hull(math.Pow(a.Lo, b.Lo), math.Pow(a.Lo, b.Hi), math.Pow(a.Hi, b.Lo), math.Pow(a.Hi, b.Hi))
		}
	case OpSqrt:
		return Interval{math.Sqrt(max(a.Lo, 0)), math.Sqrt(a.Hi)}
	case OpExp:
		return Interval{math.Exp(a.Lo), math.Exp(a.Hi)}
	case OpLog:
		if a.Lo > 0 {
			return Interval{math.Log(a.Lo), math.Log(a.Hi)}
		}
	case OpSin, OpCos:
		return Interval{-1, 1}
	case OpTanh:
		return Interval{math.Tanh(a.Lo), math.Tanh(a.Hi)}
	case OpAtan:
		return Interval{math.Atan(a.Lo), math.Atan(a.Hi)}
	}
	return anything
}

// rangePow is the range of x^k for x in a, k a constant.
func rangePow(a Interval, k float64) Interval {
	switch {
	case a.Lo > 0:
		return hull(math.Pow(a.Lo, k), math.Pow(a.Hi, k))
	case k == math.Trunc(k) && k > 0 && math.Mod(k, 2) == 0:
		m := math.Pow(a.MaxAbs(), k)
		if a.Hi < 0 {
			return hull(math.Pow(a.Lo, k), math.Pow(a.Hi, k))
		}
		return Interval{0, m}
	case k == math.Trunc(k) && k > 0:
		return hull(math.Pow(a.Lo, k), math.Pow(a.Hi, k)) // odd: monotone
	}
	return anything
}

// hull is the smallest interval holding the values.
func hull(vs ...float64) Interval {
	r := Interval{math.Inf(1), math.Inf(-1)}
	for _, v := range vs {
		if math.IsNaN(v) {
			return anything
		}
		r.Lo, r.Hi = min(r.Lo, v), max(r.Hi, v)
	}
	return r
}
