package decompose

import (
	"context"
	"fmt"
	"time"

	"github.com/ansatz/ansatz/symreg"
	"github.com/ansatz/ansatz/symreg/expr"
	"github.com/ansatz/ansatz/symreg/solve"
)

// solveParts finds each leaf's candidate formulas over the original
// columns, in leaf order. A leaf whose table is a power law of its one
// input takes that (powerLaw) without a search; the others are searched
// with solve.Solve, sharing the time left of p's budget by weight (the
// square of a leaf's items).
//
// A leaf's table holds the surrogate's values, and so its error. The last
// leaf searched, the largest of those with only products between them and
// the root, gets a second, exact table: the data's y divided by the other
// leaves' formulas (found first), which is that leaf's function up to a
// constant factor when those formulas are right. It is searched first;
// unless that finds an exact fit, the surrogate's table is searched in
// the rest of the leaf's time, and the formulas of both are candidates.
func solveParts(ctx context.Context, p solve.Problem, root *node, start time.Time) ([][]*expr.Node, error) {
	leaves := root.leaves()
	cands := make([][]*expr.Node, len(leaves))
	tables := make([]*symreg.Data, len(leaves))
	sigmas := make([]float64, len(leaves))
	var todo []int
	for k, lf := range leaves {
		tables[k], sigmas[k] = leafData(lf.v, partRows)
		if t, ok := powerLaw(tables[k], sigmas[k]); ok {
			cands[k] = []*expr.Node{substitute(t, lf.v.items)}
			continue
		}
		todo = append(todo, k)
	}
	peel := peelLeaf(root, todo)
	if peel >= 0 {
		for i, k := range todo {
			if k == peel {
				todo = append(append(todo[:i:i], todo[i+1:]...), peel)
				break
			}
		}
	}
	weight := func(k int) float64 { n := float64(len(leaves[k].v.items)); return n * n }
	var total float64
	for _, k := range todo {
		total += weight(k)
	}
	left := total
	per := perLeaf(len(leaves))
	for n, k := range todo {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("stopped")
		}
		lf := leaves[k]
		o := partOptions(p.Options, uint64(n), weight(k)/left, weight(k)/total, start)
		left -= weight(k)
		if p.Options.Time > 0 && o.Time <= 0 {
			return nil, fmt.Errorf("no time left for the parts")
		}
		var exact *symreg.Data
		if k == peel && !lf.v.exact {
			exact = peeled(p.Data, lf.v.items, leaves, cands, k, partRows)
		}
		if exact != nil {
			began := time.Now()
			o2 := o
			o2.Seed++
			res, err := solve.Solve(ctx, solve.Problem{Data: exact, Options: o2, Select: p.Select})
			if err == nil && len(res.Front) > 0 {
				for _, t := range candidates(res, exact, 0, per) {
					cands[k] = append(cands[k], substitute(t, lf.v.items))
				}
				if res.Choice.Rule == solve.RuleExact {
					continue
				}
			}
			if o.Time -= time.Since(began); p.Options.Time > 0 && o.Time <= 0 {
				continue
			}
		}
		res, err := solve.Solve(ctx, solve.Problem{Data: tables[k], Options: o, Select: p.Select})
		if err != nil || len(res.Front) == 0 {
			return nil, fmt.Errorf("part f%d: %v", k+1, err)
		}
		for _, t := range candidates(res, tables[k], sigmas[k], per) {
			cands[k] = append(cands[k], substitute(t, lf.v.items))
		}
	}
	return cands, nil
}

// partOptions are the search options of the n-th part searched: share of
// the time left (or tot of the whole run's iteration and evaluation
// limits), its own seed, and nothing that belongs to the whole run
// (progress, checkpoints, peers, starting guesses over other columns).
func partOptions(opts symreg.Options, n uint64, share, tot float64, start time.Time) symreg.Options {
	o := opts
	o.Seed = opts.Seed + 7919*(n+1)
	o.Progress, o.CheckpointPath, o.Peers, o.Guesses = nil, "", nil, nil
	if opts.Time > 0 {
		o.Time = time.Duration(float64(opts.Time-time.Since(start)) * share)
	}
	if opts.Iterations > 0 {
		o.Iterations = max(1, int(float64(opts.Iterations)*tot))
	}
	if opts.MaxEvals > 0 {
		o.MaxEvals = max(1, int64(float64(opts.MaxEvals)*tot))
	}
	return o
}

// peelLeaf is the leaf among todo with the most items (the last of
// equals) that has only products between it and the root, or −1.
func peelLeaf(root *node, todo []int) int {
	in := map[int]bool{}
	for _, k := range todo {
		in[k] = true
	}
	best, bestItems, k := -1, 0, 0
	var walk func(n *node, products bool)
	walk = func(n *node, products bool) {
		if n.leaf() {
			if products && in[k] && len(n.v.items) >= bestItems {
				best, bestItems = k, len(n.v.items)
			}
			k++
			return
		}
		products = products && n.kind == sepMul && n.tf == tfNone
		walk(n.l, products)
		walk(n.r, products)
	}
	walk(root, true)
	return best
}

// peeled is leaf k's exact table: over its items, y divided by the
// product of the other leaves' first candidates; nil when one is missing
// or the quotient is not finite.
func peeled(d *symreg.Data, items []item, leaves []*node, cands [][]*expr.Node, k, rows int) *symreg.Data {
	d = head(d, rows)
	y := append([]float64(nil), d.Y...)
	v := make([]float64, len(y))
	var ev expr.Evaluator
	for j := range leaves {
		if j == k {
			continue
		}
		if len(cands[j]) == 0 {
			return nil
		}
		ev.Eval64(expr.Compile(cands[j][0]), d.X, v)
		for i := range y {
			y[i] /= v[i]
		}
	}
	if !allFinite(y) {
		return nil
	}
	pd := &symreg.Data{X: make([][]float64, len(items)), Y: y, W: d.W}
	for j, it := range items {
		pd.X[j] = make([]float64, len(y))
		ev.Eval64(expr.Compile(it.tree), d.X, pd.X[j])
		pd.Names = append(pd.Names, itemName(it, j, d.Names))
	}
	return pd
}

// partRows caps the rows of a part's table: its searches run in a
// fraction of the budget, and the whole is polished and judged on every
// row.
const partRows = 500

// head is d's first n rows (d itself if it has no more).
func head(d *symreg.Data, n int) *symreg.Data {
	if d.Rows() <= n {
		return d
	}
	h := &symreg.Data{X: make([][]float64, len(d.X)), Y: d.Y[:n], Names: d.Names}
	for k, c := range d.X {
		h.X[k] = c[:n]
	}
	if d.W != nil {
		h.W = d.W[:n]
	}
	return h
}

// itemName names an item's column in a part's table: the column's own
// name, or u1, u2, … for merged columns.
func itemName(it item, k int, names []string) string {
	if it.plain() {
		return names[it.cols[0]]
	}
	return fmt.Sprintf("u%d", k+1)
}

func allFinite(v []float64) bool {
	for _, x := range v {
		if x != x || x > 1e308 || x < -1e308 {
			return false
		}
	}
	return true
}
