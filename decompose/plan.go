package decompose

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"

	"github.com/ansatz/ansatz/symreg/expr"
)

// node is the decomposition of a view: a leaf (a function of its items
// to find by search) or a split into two parts recombined by + or *.
type node struct {
	v    *view
	kind sepKind
	l, r *node // nil for a leaf
	// stat is the statistic of the test that made this node (a split's
	// separability; 0 for a leaf).
	stat float64
	// tf is the transform the split is of: f = T⁻¹(l op r); neg says f
	// is negative (for the square's inverse).
	tf  transform
	neg bool
}

func (n *node) leaf() bool { return n.l == nil }

// leaves are the leaves of n, left to right.
func (n *node) leaves() []*node {
	if n.leaf() {
		return []*node{n}
	}
	return append(n.l.leaves(), n.r.leaves()...)
}

// Tests sizes: pairs of rows per separability test, rows per symmetry and
// independence test.
const (
	sepPairs = 128
	symRows  = 128
)

// plan decomposes v: items it does not depend on are dropped, pairs of
// columns it depends on through one combination only are merged (best
// first, while any passes), then a separable split of f, or else of 1/f
// or f², is looked for, and both parts planned in turn; what cannot be
// split is a leaf. depth bounds the splits below v.
func plan(v *view, tol float64, depth int, rng *rand.Rand) *node {
	if len(v.items) > 1 {
		dep := independent(v, symRows, tol, rng)
		var keep []item
		for k, it := range v.items {
			if !dep[k] {
				keep = append(keep, it)
			}
		}
		if len(keep) > 0 {
			v.items = keep
		}
	}
	if depth <= 0 {
		return &node{v: v}
	}
	// Symmetries first, as AI Feynman orders its tests: a merged pair is
	// one input less for the separability tests, whose power on a
	// nearly separable function over a narrow range is small.
	for {
		sym, ok := symmetric(v, symRows, tol, rng)
		if !ok {
			break
		}
		a, b := v.items[sym.i], v.items[sym.j]
		merged := item{cols: append(append([]int(nil), a.cols...), b.cols...), tree: &expr.Node{Op: symOps[sym.kind], L: a.tree, R: b.tree}}
		items := []item{merged}
		for k, it := range v.items {
			if k != sym.i && k != sym.j {
				items = append(items, it)
			}
		}
		v.items = items
	}
	if sep, ok := separate(v, sepPairs, tol, rng); ok {
		return split(v, sep, tol, depth, rng)
	}
	if n := transformedSplit(v, tol, depth, rng); n != nil {
		return n
	}
	return &node{v: v}
}

// split makes the node of a passing separability: the anchor is a row of
// the table near the middle of the items' ranges where |f| is large (a
// multiplicative split divides by f there); part A is f with B held at
// the anchor, part B is f with A held there, less f(anchor) (additive)
// or over it (multiplicative), so that f = A + B or f = A · B.
func split(v *view, sep separation, tol float64, depth int, rng *rand.Rand) *node {
	anchor := anchorPoint(v, rng)
	f0 := v.at(anchor)
	var a, b []item
	for k, it := range v.items {
		if sep.mask>>k&1 == 1 {
			a = append(a, it)
		} else {
			b = append(b, it)
		}
	}
	if math.IsNaN(f0) || sep.kind == sepMul && f0 == 0 {
		return &node{v: v}
	}
	va := v.child(a, anchor, func(*stage) {})
	vb := v.child(b, anchor, func(st *stage) {
		// v = (T(u) − off)/scale at the anchor is f0.
		if sep.kind == sepAdd {
			st.off += st.scale * f0
		} else {
			st.scale *= f0
		}
	})
	return &node{v: v, kind: sep.kind, stat: sep.stat,
		l: plan(va, tol, depth-1, rng), r: plan(vb, tol, depth-1, rng)}
}

// transformedSplit looks for a separable split of T(f) for each of
// splitTransforms that f's sign allows, and returns the first found.
func transformedSplit(v *view, tol float64, depth int, rng *rand.Rand) *node {
	m := len(v.base)
	pts := make([]float64, symRows*m)
	sel := make([]int, len(v.items))
	for p := range symRows {
		r := rng.IntN(v.d.Rows())
		for k := range sel {
			sel[k] = r
		}
		v.point(pts[p*m:(p+1)*m], sel)
	}
	vals, _ := v.eval(pts)
	for _, tf := range splitTransforms {
		if !tf.valid(vals) {
			continue
		}
		tv := v.transformed(tf)
		sep, ok := separate(tv, sepPairs, tol, rng)
		if !ok {
			continue
		}
		if n := split(tv, sep, tol, depth, rng); !n.leaf() {
			n.v, n.tf, n.neg = v, tf, vals[0] < 0
			return n
		}
	}
	return nil
}

// anchorPoint is the point of v, from one of the rows nearest the middle
// of its items' ranges, with the largest |value|.
func anchorPoint(v *view, rng *rand.Rand) []float64 {
	lo, hi := ranges(v.d)
	type cand struct {
		row  int
		dist float64
	}
	cands := make([]cand, 0, 256)
	for range 256 {
		i := rng.IntN(v.d.Rows())
		var dist float64
		for _, it := range v.items {
			for _, c := range it.cols {
				if hi[c] > lo[c] {
					dist += sq((v.d.X[c][i] - (lo[c]+hi[c])/2) / (hi[c] - lo[c]))
				}
			}
		}
		cands = append(cands, cand{i, dist})
	}
	sort.Slice(cands, func(a, b int) bool { return cands[a].dist < cands[b].dist })
	cands = cands[:16]
	m := len(v.base)
	pts := make([]float64, len(cands)*m)
	sel := make([]int, len(v.items))
	for k, c := range cands {
		for s := range sel {
			sel[s] = c.row
		}
		v.point(pts[k*m:(k+1)*m], sel)
	}
	val, _ := v.eval(pts)
	best := 0
	for k, f := range val {
		if math.Abs(f) > math.Abs(val[best]) {
			best = k
		}
	}
	return pts[best*m : (best+1)*m]
}

// describe writes the decomposition as a formula of parts,
// "f1(x1, y1) + f2(x2, y2)", with merged columns as their combination.
func (n *node) describe(names []string) string {
	var sb strings.Builder
	k := 0
	var walk func(n *node, parent sepKind, top bool)
	walk = func(n *node, parent sepKind, top bool) {
		if n.leaf() {
			k++
			args := make([]string, len(n.v.items))
			for i, it := range n.v.items {
				args[i] = expr.Format(it.tree, names)
			}
			fmt.Fprintf(&sb, "f%d(%s)", k, strings.Join(args, ", "))
			return
		}
		open, closing := "", ""
		switch {
		case n.tf == tfInv:
			open, closing = "1/(", ")"
		case n.tf == tfSquare:
			open, closing = "sqrt(", ")"
		case !top && n.kind == sepAdd && parent == sepMul:
			open, closing = "(", ")"
		}
		sb.WriteString(open)
		walk(n.l, n.kind, false)
		fmt.Fprintf(&sb, " %s ", n.kind)
		walk(n.r, n.kind, false)
		sb.WriteString(closing)
	}
	walk(n, sepAdd, true)
	return sb.String()
}
