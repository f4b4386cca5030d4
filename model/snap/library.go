// Package snap turns a trained KAN into a closed-form formula, as pykan's
// auto_symbolic: every live edge activation φ(x) is fitted by
// c·f(a·x+b)+d for f in a library of elementary functions (grid search
// over a and b, then Levenberg–Marquardt on all four), the best f by
// R² and complexity is fixed, the affine parameters of all edges are
// retrained together against the data, and the network is emitted as one
// symreg expression tree (so `ansatz eval --expr` can read it back).
// Multiplication nodes become products of all their factors, for any arity.
package snap

import (
	"math"

	"github.com/ansatz/ansatz/symreg"
)

// Fn is one library function.
type Fn struct {
	Name       string
	Complexity int // pykan's complexity weights
	F, D       func(u float64) float64
	// Tree builds f(arg) as a symreg tree.
	Tree func(arg *symreg.Node) *symreg.Node
}

func un(op symreg.Op, a *symreg.Node) *symreg.Node { return &symreg.Node{Op: op, L: a} }
func bin(op symreg.Op, a, b *symreg.Node) *symreg.Node {
	return &symreg.Node{Op: op, L: a, R: b}
}
func cst(v float64) *symreg.Node { return &symreg.Node{Op: symreg.OpConst, Value: v} }

// byName builds a unary node by operator name, falling back to alt when
// this build's symreg lacks the operator.
func byName(name string, a *symreg.Node, alt func(*symreg.Node) *symreg.Node) *symreg.Node {
	if op, ok := symreg.OpByName(name); ok {
		return un(op, a)
	}
	return alt(a)
}

// Library is the default function library (pykan's SYMBOLIC_LIB subset the
// issue asks for) with pykan's complexities.
var Library = []Fn{
	{"x", 1, func(u float64) float64 { return u }, func(float64) float64 { return 1 },
		func(a *symreg.Node) *symreg.Node { return a }},
	{"x^2", 2, func(u float64) float64 { return u * u }, func(u float64) float64 { return 2 * u },
		func(a *symreg.Node) *symreg.Node { return un(symreg.OpSquare, a) }},
	{"x^3", 3, func(u float64) float64 { return u * u * u }, func(u float64) float64 { return 3 * u * u },
		func(a *symreg.Node) *symreg.Node { return un(symreg.OpCube, a) }},
	{"x^4", 3, func(u float64) float64 { return u * u * u * u }, func(u float64) float64 { return 4 * u * u * u },
		func(a *symreg.Node) *symreg.Node { return un(symreg.OpSquare, un(symreg.OpSquare, a)) }},
	{"1/x", 2, func(u float64) float64 { return nanIf(math.Abs(u) < 1e-6, 1/u) },
		func(u float64) float64 { return -1 / (u * u) },
		func(a *symreg.Node) *symreg.Node { return bin(symreg.OpDiv, cst(1), a) }},
	{"sqrt", 2, func(u float64) float64 { return math.Sqrt(u) },
		func(u float64) float64 { return 0.5 / math.Sqrt(math.Max(u, 1e-12)) },
		func(a *symreg.Node) *symreg.Node { return un(symreg.OpSqrt, a) }},
	{"exp", 2, func(u float64) float64 { return nanIf(u > 50, math.Exp(u)) }, math.Exp,
		func(a *symreg.Node) *symreg.Node { return un(symreg.OpExp, a) }},
	{"log", 2, func(u float64) float64 { return nanIf(u < 1e-8, math.Log(u)) }, func(u float64) float64 { return 1 / u },
		func(a *symreg.Node) *symreg.Node { return un(symreg.OpLog, a) }},
	{"sin", 2, math.Sin, math.Cos,
		func(a *symreg.Node) *symreg.Node { return un(symreg.OpSin, a) }},
	{"tan", 3, func(u float64) float64 { return nanIf(math.Abs(math.Cos(u)) < 1e-3, math.Tan(u)) },
		func(u float64) float64 { t := math.Tan(u); return 1 + t*t },
		func(a *symreg.Node) *symreg.Node { return un(symreg.OpTan, a) }},
	{"tanh", 3, math.Tanh, func(u float64) float64 { t := math.Tanh(u); return 1 - t*t },
		func(a *symreg.Node) *symreg.Node { return un(symreg.OpTanh, a) }},
	{"arctanh", 4, func(u float64) float64 { return nanIf(math.Abs(u) > 1-1e-9, math.Atanh(u)) },
		func(u float64) float64 { return 1 / (1 - u*u) },
		func(a *symreg.Node) *symreg.Node {
			return byName("atanh", a, func(a *symreg.Node) *symreg.Node {
				// atanh(u) = log((1+u)/(1-u))/2
				return bin(symreg.OpMul, cst(0.5), un(symreg.OpLog,
					bin(symreg.OpDiv, bin(symreg.OpAdd, cst(1), a), bin(symreg.OpSub, cst(1), a.Clone()))))
			})
		}},
	{"arcsin", 4, math.Asin, func(u float64) float64 { return 1 / math.Sqrt(math.Max(1-u*u, 1e-12)) },
		func(a *symreg.Node) *symreg.Node { return un(symreg.OpAsin, a) }},
	{"arctan", 4, math.Atan, func(u float64) float64 { return 1 / (1 + u*u) },
		func(a *symreg.Node) *symreg.Node { return un(symreg.OpAtan, a) }},
	{"abs", 3, math.Abs, func(u float64) float64 { return sign(u) },
		func(a *symreg.Node) *symreg.Node { return un(symreg.OpAbs, a) }},
	{"gaussian", 3, func(u float64) float64 { return math.Exp(-u * u) },
		func(u float64) float64 { return -2 * u * math.Exp(-u*u) },
		func(a *symreg.Node) *symreg.Node { return un(symreg.OpExp, un(symreg.OpNeg, un(symreg.OpSquare, a))) }},
	{"0", 0, func(float64) float64 { return 0 }, func(float64) float64 { return 0 },
		func(*symreg.Node) *symreg.Node { return cst(0) }},
}

// Lookup finds a library function by name.
func Lookup(name string) (Fn, bool) {
	for _, f := range Library {
		if f.Name == name {
			return f, true
		}
	}
	return Fn{}, false
}

func nanIf(bad bool, v float64) float64 {
	if bad {
		return math.NaN()
	}
	return v
}

func sign(u float64) float64 {
	switch {
	case u > 0:
		return 1
	case u < 0:
		return -1
	}
	return 0
}
