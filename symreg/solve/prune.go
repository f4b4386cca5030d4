package solve

import (
	"math"

	"github.com/ansatz/ansatz/symreg"
	"github.com/ansatz/ansatz/symreg/expr"
)

// simplifyAtNoise returns t with the constants the data cannot tell from
// zero dropped and the others snapped to simple values (SnapConstants),
// both at the noise variance noise. A constant is dropped (set to 0, the
// tree simplified, the other constants refitted) when the mean squared
// error rises by at most noise·ln(n)/n per constant dropped so far, the
// BIC's price of a fitted constant: with 1 % noise the search's
// 0.9991·μ·(N + 0.0056) + 0.0017 is μ·N as far as the data can say.
func simplifyAtNoise(t *expr.Node, d *symreg.Data, noise float64, so symreg.SnapOptions) *expr.Node {
	fit := subsample(d, cvRows)
	n := float64(fit.Rows())
	price := noise * math.Log(max(n, 3)) / n
	cur := t.Clone()
	base := symreg.MSE(cur, fit)
	dropped := 0
	for i := 0; i < len(expr.ConstNodes(cur)); i++ {
		trial := cur.Clone()
		expr.ConstNodes(trial)[i].Value = 0
		trial = expr.Simplify(trial)
		if len(expr.ConstNodes(trial)) > 0 {
			symreg.FitConstants(trial, fit.X, fit.Y, fit.W, symreg.FitOptions{MaxIter: refitIters})
		}
		if len(expr.ConstNodes(trial)) >= len(expr.ConstNodes(cur)) {
			continue // folded into another constant (exp(0) = 1): nothing dropped
		}
		if l := symreg.MSE(trial, fit); l <= base+float64(dropped+1)*price {
			cur, dropped = trial, dropped+1
			i-- // the next constant now has this index
		}
	}
	so.Noise = noise
	out, _ := symreg.SnapConstants(cur, d, so)
	// 1·x → x once a scale is snapped to 1; Simplify's other rewrites
	// (6.28·sqrt(x) → sqrt(39.4·x)) are not wanted for their own sake.
	if s := expr.Simplify(out); s.Size() < out.Size() {
		out = s
	}
	return out
}
