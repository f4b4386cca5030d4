package decompose

import (
	"math"

	"github.com/ansatz/ansatz/symreg"
	"github.com/ansatz/ansatz/symreg/expr"
)

// powerLaw is the fast path for a part of one positive input: when the
// part's table is c·x^p with p a multiple of 1/2 (|p| ≤ 4) within the
// surrogate's error sigma (relative RMS within powerBand·sigma/rms(y)),
// it returns that formula over the part's column, and no search is
// needed. The exponent is read off the slope of log|y| against log x.
func powerLaw(ld *symreg.Data, sigma float64) (*expr.Node, bool) {
	if len(ld.X) != 1 || sigma <= 0 {
		return nil, false
	}
	x, y := ld.X[0], ld.Y
	var sx, sy, sxx, sxy float64
	for i, xi := range x {
		if !(xi > 0) || y[i] == 0 || math.Signbit(y[i]) != math.Signbit(y[0]) {
			return nil, false
		}
		lx, ly := math.Log(xi), math.Log(math.Abs(y[i]))
		sx, sy, sxx, sxy = sx+lx, sy+ly, sxx+lx*lx, sxy+lx*ly
	}
	n := float64(len(x))
	den := n*sxx - sx*sx
	if den <= 0 {
		return nil, false
	}
	slope := (n*sxy - sx*sy) / den
	half := math.Round(2 * slope)
	if math.Abs(2*slope-half) > 0.1 || math.Abs(half) > 8 || half == 0 {
		return nil, false
	}
	t := monomial(int(half))
	g := make([]float64, len(x))
	var ev expr.Evaluator
	ev.Eval64(expr.Compile(t), ld.X, g)
	var num, gg, yy float64
	for i := range g {
		num, gg, yy = num+y[i]*g[i], gg+g[i]*g[i], yy+y[i]*y[i]
	}
	c := num / gg
	var se float64
	for i := range g {
		se += sq(y[i] - c*g[i])
	}
	if math.Sqrt(se/n) > powerBand*sigma {
		return nil, false
	}
	return &expr.Node{Op: expr.OpMul, L: expr.Const(c), R: t}, true
}

// powerBand is how many times the surrogate's error a power law may miss
// a part's table by.
const powerBand = 3

// monomial is x^(half/2) over column 0, written with products, a square
// root and a quotient.
func monomial(half int) *expr.Node {
	x := func() *expr.Node { return &expr.Node{Op: expr.OpVar, Var: 0} }
	a := max(half, -half)
	var t *expr.Node
	for range a / 2 {
		if t == nil {
			t = x()
		} else {
			t = &expr.Node{Op: expr.OpMul, L: t, R: x()}
		}
	}
	if a%2 == 1 {
		s := &expr.Node{Op: expr.OpSqrt, L: x()}
		if t == nil {
			t = s
		} else {
			t = &expr.Node{Op: expr.OpMul, L: t, R: s}
		}
	}
	if half < 0 {
		t = &expr.Node{Op: expr.OpDiv, L: expr.Const(1), R: t}
	}
	return t
}
