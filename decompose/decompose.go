package decompose

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/ansatz/ansatz/symreg"
	"github.com/ansatz/ansatz/symreg/expr"
	"github.com/ansatz/ansatz/symreg/solve"
)

// Settings of the decomposition.
const (
	// fitShare is the part of the budget the surrogate may take; the
	// searches on the parts share the rest.
	fitShare = 0.4
	// maxSurrogateErr is the largest relative error of the surrogate
	// (RelErr) the tests are run with: a coarser model would pass
	// relations that do not hold.
	maxSurrogateErr = 0.01
	// maxLogErr is the largest error of a surrogate of log|y| (a relative
	// error of y): past it a violation of tens of percent would pass.
	maxLogErr = 0.1
	// maxDepth bounds the splits.
	maxDepth = 8
	// fitIters bounds the surrogate's L-BFGS iterations; runs limited by
	// iterations rather than time rely on it alone.
	fitIters = 3000
	// polishIters bounds the Levenberg–Marquardt polish of a recombined
	// formula on the whole table.
	polishIters = 200
)

// Solve is the decomposition in the manner of AI Feynman, as
// solve.Problem.Decompose runs it: fit a surrogate to p's table, test it
// for separability and symmetries (plan), search each part's table with
// solve.Solve in an equal share of the budget (p.Options.Time, or its
// iteration limit), put the parts' formulas back together over the
// original columns, polish the constants of the whole on the table, and
// hand the formulas back as candidates. It returns no formula when there
// is nothing to split or the surrogate is too coarse to tell; note says
// what was decided.
func Solve(ctx context.Context, p solve.Problem) ([]*expr.Node, string) {
	start := time.Now()
	d, opts := p.Data, p.Options
	if len(d.X) < 2 || d.Rows() < 50 {
		return nil, ""
	}
	cfg := SurrogateConfig{Seed: opts.Seed, MaxIter: fitIters}
	if opts.Time > 0 {
		cfg.Deadline = start.Add(time.Duration(float64(opts.Time) * fitShare))
	}
	s, err := FitSurrogate(ctx, d, cfg)
	if err != nil {
		return nil, "not tried: " + err.Error()
	}
	if !s.usable() {
		return nil, fmt.Sprintf("not tried: the surrogate's error %.2g is too large to test relations", s.RelErr())
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x5e9))
	root := plan(rootView(s, d), DefaultTol, maxDepth, rng)
	if root.leaf() && len(root.v.items) == len(d.X) {
		return nil, fmt.Sprintf("nothing separable or symmetric (surrogate error %.2g)", s.RelErr())
	}
	planned := time.Since(start)
	desc := fmt.Sprintf("y = %s (surrogate error %.2g, fitted and tested in %.2gs)", root.describe(d.Names), s.RelErr(), planned.Seconds())
	cands, err := solveParts(ctx, p, root, start)
	if err != nil {
		return nil, desc + "; " + err.Error()
	}
	trees := bestCombinations(root, cands, d)
	if len(trees) == 0 {
		return nil, desc + "; no recombined formula is finite on the table"
	}
	return trees, fmt.Sprintf("%s; recombined: %s (relative RMS error %.2g)", desc,
		expr.Format(trees[0], d.Names), relErr(trees[0], d))
}

// leafData is the table of a leaf: its items' values at every row, and
// the view's values there (the table's own y when the view is exact),
// with the RMS error the surrogate brings into them (0 when exact).
func leafData(v *view, rows int) (*symreg.Data, float64) {
	d := head(v.d, rows)
	n, m := d.Rows(), len(v.base)
	ld := &symreg.Data{X: make([][]float64, len(v.items)), W: d.W}
	var ev expr.Evaluator
	for k, it := range v.items {
		ld.X[k] = make([]float64, n)
		ev.Eval64(expr.Compile(it.tree), d.X, ld.X[k])
		ld.Names = append(ld.Names, itemName(it, k, d.Names))
	}
	if v.exact {
		ld.Y = d.Y
		return ld, 0
	}
	pts := make([]float64, n*m)
	sel := make([]int, len(v.items))
	for i := range n {
		for k := range sel {
			sel[k] = i
		}
		v.point(pts[i*m:(i+1)*m], sel)
	}
	var e []float64
	ld.Y, e = v.eval(pts)
	var ms float64
	for _, x := range e {
		ms += x * x
	}
	return ld, math.Sqrt(ms / float64(n))
}

// substitute rewrites a leaf's formula (over its items) over the
// original columns.
func substitute(t *expr.Node, items []item) *expr.Node {
	if t == nil {
		return nil
	}
	if t.Op == expr.OpVar {
		return items[t.Var].tree.Clone()
	}
	c := *t
	c.L, c.R = substitute(t.L, items), substitute(t.R, items)
	return &c
}

// recombine puts the leaves' formulas (in leaf order, from *k on) back
// together along n's splits.
func recombine(n *node, parts []*expr.Node, k *int) *expr.Node {
	if n.leaf() {
		t := parts[*k]
		*k++
		return t
	}
	op := expr.OpAdd
	if n.kind == sepMul {
		op = expr.OpMul
	}
	l := recombine(n.l, parts, k)
	return n.tf.invert(&expr.Node{Op: op, L: l, R: recombine(n.r, parts, k)}, n.neg)
}

// candidates are a part's formulas worth recombining, at most max: the
// simplest whose error on the part's table is within noiseBand of the
// surrogate's error sigma, the one the solver chose, and the most
// accurate. A part's table carries the surrogate's error, which is
// smooth, so the solver's noise estimate misses it: sigma says how far
// to trust the table.
func candidates(res *solve.Result, ld *symreg.Data, sigma float64, max int) []*expr.Node {
	var out []*expr.Node
	add := func(t *expr.Node) {
		for _, u := range out {
			if expr.Equal(u, t) {
				return
			}
		}
		if len(out) < max {
			out = append(out, t)
		}
	}
	for _, band := range noiseBands {
		for _, e := range res.Front {
			if math.Sqrt(symreg.MSE(e.Tree, ld)) <= band*sigma {
				add(e.Tree)
				break
			}
		}
	}
	add(res.Front[res.Choice.Index].Tree)
	add(res.Front[len(res.Front)-1].Tree)
	return out
}

// noiseBands are the multiples of the surrogate's error within which a
// part's simplest formula is a candidate.
var noiseBands = []float64{2, 5, 20}

// perLeaf is how many candidates each of n parts may bring, so that
// their combinations stay about maxCombos.
func perLeaf(n int) int {
	return max(1, int(math.Floor(math.Pow(maxCombos, 1/float64(n)))))
}

// maxCombos bounds the recombined formulas polished on the table.
const maxCombos = 32

// bestCombinations recombines every choice of one candidate per part
// along root's splits, polishes each briefly on d, and returns the few
// with the lowest error polished in full.
func bestCombinations(root *node, cands [][]*expr.Node, d *symreg.Data) []*expr.Node {
	type scored struct {
		raw *expr.Node // as recombined, before the polish
		err float64
	}
	var all []scored
	pick := make([]*expr.Node, len(cands))
	var walk func(k int)
	walk = func(k int) {
		if k == len(cands) {
			i := 0
			raw := recombine(root, pick, &i)
			if t := polish(raw.Clone(), d, quickIters); t != nil {
				all = append(all, scored{raw, relErr(t, d)})
			}
			return
		}
		for _, c := range cands[k] {
			pick[k] = c
			walk(k + 1)
		}
	}
	walk(0)
	sort.Slice(all, func(a, b int) bool { return all[a].err < all[b].err })
	var out []*expr.Node
	for _, s := range all[:min(len(all), keepCombos)] {
		if t := polish(s.raw, d, polishIters); t != nil {
			out = append(out, t)
		}
	}
	return out
}

// quickIters and keepCombos: the brief polish every combination gets,
// and how many of the best are polished in full.
const (
	quickIters = 30
	keepCombos = 3
)

// polish fits the recombined formula's constants, and a scale and offset
// around it, to the whole table: the parts were found on the surrogate's
// values, the whole is judged on the data. nil if it is not finite there.
func polish(t *expr.Node, d *symreg.Data, iters int) *expr.Node {
	t = expr.Simplify(t)
	r := symreg.FitConstants(t, d.X, d.Y, d.W, symreg.FitOptions{MaxIter: iters, LinearScaling: true})
	if !r.OK {
		return nil
	}
	if r.A != 1 || r.B != 0 {
		t = expr.Scaled(t, r.A, r.B)
		r = symreg.FitConstants(t, d.X, d.Y, d.W, symreg.FitOptions{MaxIter: iters})
	}
	if !r.OK || math.IsNaN(r.Loss) {
		return nil
	}
	if u := dropZeros(t, d); u != t {
		// Fit again without what was dropped (an offset the abs of a
		// square root's argument kept from moving, say).
		t = u
		symreg.FitConstants(t, d.X, d.Y, d.W, symreg.FitOptions{MaxIter: iters})
	}
	return t
}

// dropZeros sets to 0 each constant of t that the table cannot tell from
// 0 (the relative error stays within rounding of what it was: the 1e-16
// offsets a polish of an exact law leaves), takes out each abs whose
// argument the table cannot tell from its absolute value, and simplifies.
func dropZeros(t *expr.Node, d *symreg.Data) *expr.Node {
	base := relErr(t, d)
	limit := max(base*(1+1e-6), 1e-13)
	changed := false
	var unabs func(n *expr.Node)
	unabs = func(n *expr.Node) {
		if n == nil {
			return
		}
		if n.Op == expr.OpAbs {
			saved := *n
			*n = *n.L
			if relErr(t, d) > limit {
				*n = saved
			} else {
				changed = true
				unabs(n)
				return
			}
		}
		unabs(n.L)
		unabs(n.R)
	}
	unabs(t)
	for _, c := range expr.ConstNodes(t) {
		v := c.Value
		if v == 0 {
			continue
		}
		c.Value = 0
		if relErr(t, d) <= limit {
			changed = true
		} else {
			c.Value = v
		}
	}
	if changed {
		return expr.Simplify(t)
	}
	return t
}

// relErr is the relative RMS error of t on d.
func relErr(t *expr.Node, d *symreg.Data) float64 {
	var ms float64
	for _, y := range d.Y {
		ms += y * y
	}
	ms /= float64(d.Rows())
	return math.Sqrt(symreg.MSE(t, d) / ms)
}
