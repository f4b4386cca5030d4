package decompose

import (
	"math"

	"github.com/ansatz/ansatz/symreg"
	"github.com/ansatz/ansatz/symreg/expr"
)

// powerLaw is the fast path for a part of one input: when the part's
// table is c·x^p, or else c·x^p + d (the additive parts carry an
// offset), with p a non-zero multiple of 1/2 (of 1 unless x > 0) and
// |p| ≤ 6, within
// powerBand times the surrogate's error sigma, it returns that formula
// over the part's column, and no search is needed.
func powerLaw(ld *symreg.Data, sigma float64) (*expr.Node, bool) {
	if len(ld.X) != 1 || sigma <= 0 {
		return nil, false
	}
	// A column that is not positive (a difference x1 − x2) allows whole
	// exponents only, and negative ones only away from 0.
	positive, zero := true, false
	for _, xi := range ld.X[0] {
		positive = positive && xi > 0
		zero = zero || xi == 0
	}
	g := make([]float64, ld.Rows())
	var ev expr.Evaluator
	for _, offset := range []bool{false, true} {
		var best *expr.Node
		bestErr := math.Inf(1)
		for half := -12; half <= 12; half++ {
			if half == 0 || !positive && (half%2 != 0 || zero && half < 0) {
				continue
			}
			t := monomial(half)
			ev.Eval64(expr.Compile(t), ld.X, g)
			c, d, rmse := lineFit(g, ld.Y, offset)
			if rmse < bestErr {
				bestErr = rmse
				best = expr.Scaled(t, c, d)
			}
		}
		if bestErr <= powerBand*sigma {
			return best, true
		}
	}
	return nil, false
}

// lineFit is the least-squares y ≈ c·g (+ d with offset) and its RMS
// error.
func lineFit(g, y []float64, offset bool) (c, d, rmse float64) {
	n := float64(len(g))
	var sg, sy, sgg, sgy float64
	for i := range g {
		sg, sy, sgg, sgy = sg+g[i], sy+y[i], sgg+g[i]*g[i], sgy+g[i]*y[i]
	}
	if offset {
		den := n*sgg - sg*sg
		if den <= 0 {
			return 0, 0, math.Inf(1)
		}
		c = (n*sgy - sg*sy) / den
		d = (sy - c*sg) / n
	} else {
		if sgg <= 0 {
			return 0, 0, math.Inf(1)
		}
		c = sgy / sgg
	}
	var se float64
	for i := range g {
		se += sq(y[i] - c*g[i] - d)
	}
	rmse = math.Sqrt(se / n)
	if math.IsNaN(rmse) {
		rmse = math.Inf(1)
	}
	return c, d, rmse
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
