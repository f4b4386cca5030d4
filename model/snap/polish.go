package snap

import (
	"math"
	"slices"

	"github.com/ansatz/ansatz/symreg"
	"github.com/ansatz/ansatz/symreg/expr"
)

// PolishOptions control Polish.
type PolishOptions struct {
	// Prune is the relative rise of the squared error that replacing a
	// subtree by a constant may cost and still be kept (0: 0.1). A KAN's
	// leftovers (an edge of weight 1e-8, a node that is constant on the
	// data) go; terms that carry the law do not, since once the law's
	// structure is exact its error falls by orders of magnitude.
	Prune float64
	// MaxRows bounds the rows the pruning fits run on (0: 512), evenly
	// spaced; the final fit and the snap use every row.
	MaxRows int
	// NoSnap leaves the constants as fitted.
	NoSnap bool
	// MaxFits bounds the candidate rewrites tried, each a joint fit of
	// all constants (0: 300): a big network's formula has hundreds of
	// subtrees, and each accepted rewrite starts the scan again.
	MaxFits int
}

// Polish turns a snapped network's formula into the law it stands for:
// subtrees that do not matter on the data become constants (each kept
// only if, with all constants refitted by Levenberg–Marquardt, the error
// stays within Prune of the best so far), the constants of what is left
// get a final joint fit on all rows, and then move onto simple values
// (1, 1/2, π, …) where the data cannot tell them apart
// (symreg.SnapConstants). x is row-major rows×d raw inputs, y the raw
// target. It returns the polished tree and its mean squared error.
func Polish(t *expr.Node, x, y []float64, rows, d int, o PolishOptions) (*expr.Node, float64) {
	if o.Prune <= 0 {
		o.Prune = 0.1
	}
	if o.MaxRows <= 0 {
		o.MaxRows = 512
	}
	if o.MaxFits <= 0 {
		o.MaxFits = 300
	}
	all := columns(x, y, rows, d, rows)
	few := columns(x, y, rows, d, o.MaxRows)
	fits := 0
	fit := func(t *expr.Node, data *symreg.Data, iters int) float64 {
		fits++
		r := symreg.FitConstants(t, data.X, data.Y, nil, symreg.FitOptions{MaxIter: iters})
		if !r.OK || math.IsNaN(r.Loss) {
			return math.Inf(1)
		}
		return r.Loss
	}
	t = expr.Simplify(t)
	best := fit(t, few, 200)
	// floor: an error this small relative to the target's variance
	// (R² 1 − 1e-7) is exact enough for any rewrite to go on from; a
	// rewrite may need its partner (both cosines of a product, then the
	// lines inside them) before the law's error collapses.
	floor := 1e-7 * variance(few.Y)
	start := t.Clone()
	for changed := true; changed && fits < o.MaxFits; {
		changed = false
	scan:
		for _, slot := range slots(t) {
			if fits >= o.MaxFits {
				break scan
			}
			for _, simpler := range []func(*expr.Node, *symreg.Data) *expr.Node{constantOf, tangentOf, parabolaOf} {
				cand := t.Clone()
				at := slotsOf(cand)[slot]
				r := simpler(*at, few)
				if r == nil {
					continue
				}
				*at = r
				cand = expr.Simplify(cand)
				if l := fit(cand, few, 200); l <= max(best*(1+o.Prune), floor) {
					t, best, changed = cand, min(best, l), true
					break scan
				}
			}
		}
		if changed {
			continue
		}
		// The same function at several places (a parabola written as two
		// cosines) may only give way together.
		for _, op := range unaryOps(t) {
			for order := 1; order <= 2; order++ {
				cand := t.Clone()
				for _, at := range slotsOf(cand) {
					if (*at).Op == op {
						if r := taylor(*at, few, order); r != nil {
							*at = r
						}
					}
				}
				cand = expr.Simplify(cand)
				if l := fit(cand, few, 200); l <= max(best*(1+o.Prune), floor) {
					t, best, changed = cand, min(best, l), true
					break
				}
			}
			if changed {
				break
			}
		}
	}
	loss := fit(t, all, 400)
	if l := fit(start, all, 400); loss > l*(1+o.Prune) {
		t, loss = start, l // the rewrites led nowhere better: keep the formula as it was
	}
	// Canonical form merges the constants a network leaves in chains
	// (0.61·1.64·tanh(…) → tanh(…)), so each is free once.
	t = expr.Canonical(t, expr.CanonOptions{})
	t, loss = dropTiny(t, all, loss)
	if l := fit(t, all, 400); l < loss {
		loss = l
	}
	if !o.NoSnap {
		t, loss = symreg.SnapConstants(t, all, symreg.SnapOptions{})
		t, loss = dropTiny(expr.Canonical(t, expr.CanonOptions{}), all, loss)
	}
	return t, loss
}

// tinyConst is the magnitude below which a constant is rounding noise
// (a network's offset that cancels to 1e-17).
const tinyConst = 1e-9

// dropTiny sets t's tiny constants to 0 when the error on data stays
// within rounding of loss, and returns the canonical result.
func dropTiny(t *expr.Node, data *symreg.Data, loss float64) (*expr.Node, float64) {
	c := t.Clone()
	any := false
	for _, n := range expr.ConstNodes(c) {
		if n.Value != 0 && math.Abs(n.Value) < tinyConst {
			n.Value, any = 0, true
		}
	}
	if !any {
		return t, loss
	}
	c = expr.Canonical(c, expr.CanonOptions{})
	if l := symreg.MSE(c, data); l <= loss*(1+1e-6) || l <= 1e-24*variance(data.Y) {
		return c, l
	}
	return t, loss
}

// unaryOps lists the unary functions in t (no negation), each once.
func unaryOps(t *expr.Node) []expr.Op {
	var ops []expr.Op
	for _, at := range slotsOf(t) {
		n := *at
		if n.R == nil && n.Op != expr.OpNeg && !slices.Contains(ops, n.Op) {
			ops = append(ops, n.Op)
		}
	}
	return ops
}

// slots numbers the inner (non-leaf) nodes below the root in pre-order.
func slots(t *expr.Node) []int {
	s := make([]int, len(slotsOf(t)))
	for i := range s {
		s[i] = i
	}
	return s
}

// slotsOf is the parent links of t's inner nodes below the root, in
// pre-order: replacing *p replaces that subtree.
func slotsOf(t *expr.Node) []**expr.Node {
	var out []**expr.Node
	var walk func(p **expr.Node)
	walk = func(p **expr.Node) {
		n := *p
		if n == nil || n.L == nil {
			return
		}
		out = append(out, p)
		walk(&n.L)
		if n.R != nil {
			walk(&n.R)
		}
	}
	if t.L != nil {
		walk(&t.L)
	}
	if t.R != nil {
		walk(&t.R)
	}
	return out
}

// constantOf is the subtree's mean on data as a constant.
func constantOf(n *expr.Node, data *symreg.Data) *expr.Node {
	return expr.Const(meanOn(n, data))
}

// tangentOf replaces a unary function f(u) by its tangent at the mean
// u0 of u on data, f(u0) + f'(u0)·(u − u0), or returns nil for other
// nodes. A network often writes a line or a parabola as exp, sin, atanh
// or a gaussian over a tiny range of its argument; on the Taylor
// polynomial the law's own structure appears and the joint fit makes it
// exact.
func tangentOf(n *expr.Node, data *symreg.Data) *expr.Node { return taylor(n, data, 1) }

// parabolaOf is tangentOf to second order.
func parabolaOf(n *expr.Node, data *symreg.Data) *expr.Node { return taylor(n, data, 2) }

// taylor is the Taylor polynomial of order 1 or 2 of a unary f(u) at the
// mean of u on data (derivatives by central differences), nil for other
// nodes or where f is not finite.
func taylor(n *expr.Node, data *symreg.Data, order int) *expr.Node {
	if n.L == nil || n.R != nil || n.Op == expr.OpNeg {
		return nil
	}
	u0 := meanOn(n.L, data)
	h := 1e-4 * max(1, math.Abs(u0))
	f := func(u float64) float64 { return expr.Apply(n.Op, u, 0) }
	f0, fp, fm := f(u0), f(u0+h), f(u0-h)
	d1, d2 := (fp-fm)/(2*h), (fp-2*f0+fm)/(h*h)
	if math.IsNaN(f0+d1+d2) || math.IsInf(f0+d1+d2, 0) {
		return nil
	}
	du := func() *expr.Node { return &expr.Node{Op: expr.OpSub, L: n.L.Clone(), R: expr.Const(u0)} }
	mul := func(a, b *expr.Node) *expr.Node { return &expr.Node{Op: expr.OpMul, L: a, R: b} }
	p := &expr.Node{Op: expr.OpAdd, L: expr.Const(f0), R: mul(expr.Const(d1), du())}
	if order == 2 {
		p = &expr.Node{Op: expr.OpAdd, L: p, R: mul(expr.Const(d2/2), mul(du(), du()))}
	}
	return p
}

// meanOn is the mean of t over the rows of data (0 if not finite).
func meanOn(t *expr.Node, data *symreg.Data) float64 {
	out := make([]float64, data.Rows())
	var ev expr.Evaluator
	ev.Eval64(expr.Compile(t), data.X, out)
	s := 0.0
	for _, v := range out {
		s += v
	}
	s /= float64(len(out))
	if math.IsNaN(s) || math.IsInf(s, 0) {
		return 0
	}
	return s
}

// columns is at most m evenly spaced rows of x (row-major, d columns)
// and y as symreg data.
func columns(x, y []float64, rows, d, m int) *symreg.Data {
	n := min(rows, m)
	data := &symreg.Data{X: make([][]float64, d), Y: make([]float64, n)}
	for k := range data.X {
		data.X[k] = make([]float64, n)
	}
	for i := 0; i < n; i++ {
		r := i * rows / n
		for k := 0; k < d; k++ {
			data.X[k][i] = x[r*d+k]
		}
		data.Y[i] = y[r]
	}
	return data
}

func variance(y []float64) float64 {
	m := 0.0
	for _, v := range y {
		m += v
	}
	m /= float64(len(y))
	s := 0.0
	for _, v := range y {
		s += (v - m) * (v - m)
	}
	return s / float64(len(y))
}
