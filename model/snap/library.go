// Package snap turns a trained KAN into a closed-form formula, as pykan's
// auto_symbolic: every live edge activation φ(x) is fitted by
// c·f(a·x+b)+d for f in a library of elementary functions (grid search
// over a and b, then Levenberg–Marquardt on all four), the best f by
// R² and complexity is fixed, the affine parameters of all edges are
// retrained together against the data, and the network is emitted as one
// symreg expression tree (so `ansatz eval --expr` can read it back).
// Multiplication nodes become products of all their factors, for any arity.
// Polish (polish.go) then turns that formula into the law it stands for:
// leftovers pruned, constants fitted jointly, merged by symreg/expr's
// canonical form and snapped onto simple values (symreg.SnapConstants).
// It imports model, model/kan, model/optim, symreg and symreg/expr.
package snap

import (
	"math"

	"github.com/ansatz/ansatz/symreg/expr"
)

// Fn is one library function.
type Fn struct {
	Name       string
	Complexity int // pykan's complexity weights
	F, D       func(u float64) float64
	// Tree builds f(arg) as a symreg tree.
	Tree func(arg *expr.Node) *expr.Node
}

func un(op expr.Op, a *expr.Node) *expr.Node { return &expr.Node{Op: op, L: a} }
func bin(op expr.Op, a, b *expr.Node) *expr.Node {
	return &expr.Node{Op: op, L: a, R: b}
}
func cst(v float64) *expr.Node { return &expr.Node{Op: expr.OpConst, Value: v} }

// byName builds a unary node by operator name, falling back to alt when
// this build's symreg lacks the operator.
func byName(name string, a *expr.Node, alt func(*expr.Node) *expr.Node) *expr.Node {
	if op, ok := expr.OpByName(name); ok {
		return un(op, a)
	}
	return alt(a)
}

// Library is the default function library (pykan's SYMBOLIC_LIB subset the
// issue asks for) with pykan's complexities.
var Library = []Fn{
	{"x", 1, func(u float64) float64 { return u }, func(float64) float64 { return 1 },
		func(a *expr.Node) *expr.Node { return a }},
	{"x^2", 2, func(u float64) float64 { return u * u }, func(u float64) float64 { return 2 * u },
		func(a *expr.Node) *expr.Node { return un(expr.OpSquare, a) }},
	{"x^3", 3, func(u float64) float64 { return u * u * u }, func(u float64) float64 { return 3 * u * u },
		func(a *expr.Node) *expr.Node { return un(expr.OpCube, a) }},
	{"x^4", 3, func(u float64) float64 { return u * u * u * u }, func(u float64) float64 { return 4 * u * u * u },
		func(a *expr.Node) *expr.Node { return un(expr.OpSquare, un(expr.OpSquare, a)) }},
	{"1/x", 2, func(u float64) float64 { return nanIf(math.Abs(u) < 1e-6, 1/u) },
		func(u float64) float64 { return -1 / (u * u) },
		func(a *expr.Node) *expr.Node { return bin(expr.OpDiv, cst(1), a) }},
	{"sqrt", 2, func(u float64) float64 { return math.Sqrt(u) },
		func(u float64) float64 { return 0.5 / math.Sqrt(math.Max(u, 1e-12)) },
		func(a *expr.Node) *expr.Node { return un(expr.OpSqrt, a) }},
	{"exp", 2, func(u float64) float64 { return nanIf(u > 50, math.Exp(u)) }, math.Exp,
		func(a *expr.Node) *expr.Node { return un(expr.OpExp, a) }},
	{"log", 2, func(u float64) float64 { return nanIf(u < 1e-8, math.Log(u)) }, func(u float64) float64 { return 1 / u },
		func(a *expr.Node) *expr.Node { return un(expr.OpLog, a) }},
	{"sin", 2, math.Sin, math.Cos,
		func(a *expr.Node) *expr.Node { return un(expr.OpSin, a) }},
	{"tan", 3, func(u float64) float64 { return nanIf(math.Abs(math.Cos(u)) < 1e-3, math.Tan(u)) },
		func(u float64) float64 { t := math.Tan(u); return 1 + t*t },
		func(a *expr.Node) *expr.Node { return un(expr.OpTan, a) }},
	{"tanh", 3, math.Tanh, func(u float64) float64 { t := math.Tanh(u); return 1 - t*t },
		func(a *expr.Node) *expr.Node { return un(expr.OpTanh, a) }},
	{"arctanh", 4, func(u float64) float64 { return nanIf(math.Abs(u) > 1-1e-9, math.Atanh(u)) },
		func(u float64) float64 { return 1 / (1 - u*u) },
		func(a *expr.Node) *expr.Node {
			return byName("atanh", a, func(a *expr.Node) *expr.Node {
				// atanh(u) = log((1+u)/(1-u))/2
				return bin(expr.OpMul, cst(0.5), un(expr.OpLog,
					bin(expr.OpDiv, bin(expr.OpAdd, cst(1), a), bin(expr.OpSub, cst(1), a.Clone()))))
			})
		}},
	{"arcsin", 4, math.Asin, func(u float64) float64 { return 1 / math.Sqrt(math.Max(1-u*u, 1e-12)) },
		func(a *expr.Node) *expr.Node { return un(expr.OpAsin, a) }},
	{"arctan", 4, math.Atan, func(u float64) float64 { return 1 / (1 + u*u) },
		func(a *expr.Node) *expr.Node { return un(expr.OpAtan, a) }},
	{"abs", 3, math.Abs, func(u float64) float64 { return sign(u) },
		func(a *expr.Node) *expr.Node { return un(expr.OpAbs, a) }},
	{"gaussian", 3, func(u float64) float64 { return math.Exp(-u * u) },
		func(u float64) float64 { return -2 * u * math.Exp(-u*u) },
		func(a *expr.Node) *expr.Node { return un(expr.OpExp, un(expr.OpNeg, un(expr.OpSquare, a))) }},
	{"0", 0, func(float64) float64 { return 0 }, func(float64) float64 { return 0 },
		func(*expr.Node) *expr.Node { return cst(0) }},
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
