package decompose

import (
	"math"
	"math/rand/v2"

	"github.com/ansatz/ansatz/symreg/expr"
)

// The tests of AI Feynman (Udrescu & Tegmark 2020, sections 2.3–2.4),
// asked of the surrogate at points that mix rows of the table: each
// compares values the relation says are equal, and passes when they
// differ by no more than the surrogate's own error allows (statistic ≤
// Tol; see stat).

// DefaultTol is the largest test statistic (RMS violation over the
// surrogate's expected RMS error) that still counts as a relation holding.
const DefaultTol = 4

// Kind of a separability.
type sepKind int

const (
	sepAdd sepKind = iota // f = g(A) + h(B)
	sepMul                // f = g(A) · h(B)
)

func (k sepKind) String() string { return [...]string{"+", "*"}[k] }

// separation is a passing separability test: the items in mask (bit k:
// item k) against the rest.
type separation struct {
	kind sepKind
	mask uint64
	stat float64
}

// maxSepItems caps the items a view may have for the exhaustive search
// over its bipartitions (2^(n−1)−1 of them).
const maxSepItems = 12

// separate tests every bipartition of v's items for additive and
// multiplicative separability on pairs of random rows: with a = A's
// values from row i, b = B's from row i, and a', b' from row j,
// additive separability says f(a,b) + f(a',b') = f(a,b') + f(a',b) and
// multiplicative f(a,b)·f(a',b') = f(a,b')·f(a',b). It returns the
// partition whose test fits best if its statistic is at most tol.
func separate(v *view, pairs int, tol float64, rng *rand.Rand) (separation, bool) {
	n := len(v.items)
	if n < 2 || n > maxSepItems {
		return separation{}, false
	}
	m, rows := len(v.base), v.d.Rows()
	ri, rj := make([]int, pairs), make([]int, pairs)
	for p := range pairs {
		ri[p], rj[p] = rng.IntN(rows), rng.IntN(rows)
	}
	// f(a,b) and f(a',b'): the rows themselves, the same for every mask.
	same := make([]float64, 2*pairs*m)
	sel := make([]int, n)
	fill := func(dst []float64, p int, mask uint64, swap bool) {
		for k := range n {
			inA := mask>>k&1 == 1
			if inA != swap {
				sel[k] = ri[p]
			} else {
				sel[k] = rj[p]
			}
		}
		v.point(dst, sel)
	}
	for p := range pairs {
		fill(same[2*p*m:(2*p+1)*m], p, 0, false)
		fill(same[(2*p+1)*m:(2*p+2)*m], p, 0, true)
	}
	sv, se := v.eval(same)
	best := separation{stat: math.Inf(1)}
	cross := make([]float64, 2*pairs*m)
	r, s2 := make([]float64, pairs), make([]float64, pairs)
	// Bipartitions: masks with the last item in B, so each is seen once.
	for mask := uint64(1); mask < 1<<(n-1); mask++ {
		for p := range pairs {
			// (a, b') and (a', b): A from row i, B from row j and back.
			fill(cross[2*p*m:(2*p+1)*m], p, mask, false)
			fill(cross[(2*p+1)*m:(2*p+2)*m], p, ^mask, false)
		}
		cv, ce := v.eval(cross)
		for kind := sepAdd; kind <= sepMul; kind++ {
			for p := range pairs {
				f1, f2, f3, f4 := sv[2*p], sv[2*p+1], cv[2*p], cv[2*p+1]
				e1, e2, e3, e4 := se[2*p], se[2*p+1], ce[2*p], ce[2*p+1]
				if kind == sepAdd {
					r[p] = f1 + f2 - f3 - f4
					s2[p] = e1*e1 + e2*e2 + e3*e3 + e4*e4
				} else {
					r[p] = f1*f2 - f3*f4
					s2[p] = sq(e1*f2) + sq(e2*f1) + sq(e3*f4) + sq(e4*f3)
				}
			}
			if st := stat(r, s2); st < best.stat {
				best = separation{kind: kind, mask: mask, stat: st}
			}
		}
	}
	return best, best.stat <= tol
}

func sq(x float64) float64 { return x * x }

// symKind is a combination of two columns a function may depend on
// alone.
type symKind int

const (
	symMinus symKind = iota // x_i − x_j: both shifted by the same amount
	symPlus                 // x_i + x_j: shifted by opposite amounts
	symTimes                // x_i · x_j: scaled by s and 1/s
	symDiv                  // x_i / x_j: both scaled by s
)

var symOps = [...]expr.Op{expr.OpSub, expr.OpAdd, expr.OpMul, expr.OpDiv}

func (k symKind) String() string { return [...]string{"-", "+", "*", "/"}[k] }

// symmetry is a passing symmetry test between items i and j.
type symmetry struct {
	kind symKind
	i, j int
	stat float64
}

// move applies a move t of kind k to the pair of values (x, y): shifts
// x+t, y±t, or scalings x·e^t, y·e^(±t).
func move(k symKind, x, y, t float64) (float64, float64) {
	switch k {
	case symMinus:
		return x + t, y + t
	case symPlus:
		return x + t, y - t
	case symTimes:
		return x * math.Exp(t), y * math.Exp(-t)
	default:
		return x * math.Exp(t), y * math.Exp(t)
	}
}

// symmetric tests every pair of items of v (columns, or columns merged
// before) for dependence on a − b, a + b, a·b or a/b only: on random
// rows it moves the pair's values along the combination's level set,
// setting each item's value through its first column (setValue), keeps
// the moves that leave every column inside the table's ranges, and
// compares the values. Scalings need both items positive on the table.
// It returns the best pair if its statistic is at most tol.
func symmetric(v *view, rows int, tol float64, rng *rand.Rand) (symmetry, bool) {
	lo, hi := ranges(v.d)
	m := len(v.base)
	vals := make([][]float64, len(v.items))
	var ev expr.Evaluator
	for k, it := range v.items {
		vals[k] = make([]float64, v.d.Rows())
		ev.Eval64(expr.Compile(it.tree), v.d.X, vals[k])
	}
	best := symmetry{stat: math.Inf(1)}
	sel := make([]int, len(v.items))
	for a := range v.items {
		for b := a + 1; b < len(v.items); b++ {
			for kind := symMinus; kind <= symDiv; kind++ {
				wa, oka := spread(kind, vals[a])
				wb, okb := spread(kind, vals[b])
				if !oka || !okb {
					continue
				}
				w := 0.5 * min(wa, wb)
				var pts []float64
				for range rows * 8 {
					if len(pts) >= 2*rows*m {
						break
					}
					for k := range sel {
						sel[k] = rng.IntN(v.d.Rows())
					}
					orig := make([]float64, m)
					v.point(orig, sel)
					na, nb := move(kind, vals[a][sel[a]], vals[b][sel[b]], w*(2*rng.Float64()-1))
					moved := append([]float64(nil), orig...)
					if !setValue(v.items[a].tree, moved, na) || !setValue(v.items[b].tree, moved, nb) || !inside(moved, lo, hi) {
						continue
					}
					pts = append(append(pts, orig...), moved...)
				}
				if len(pts) < 2*m*16 {
					continue
				}
				val, e := v.eval(pts)
				n := len(val) / 2
				r, s2 := make([]float64, n), make([]float64, n)
				for p := range n {
					r[p] = val[2*p+1] - val[2*p]
					s2[p] = sq(e[2*p]) + sq(e[2*p+1])
				}
				if st := stat(r, s2); st < best.stat {
					best = symmetry{kind: kind, i: a, j: b, stat: st}
				}
			}
		}
	}
	return best, best.stat <= tol
}

// spread is the width of an item's values on the table in the
// coordinate a move of kind k works in (logs for scalings, which need
// positive values).
func spread(k symKind, vals []float64) (float64, bool) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range vals {
		if k >= symTimes {
			if !(x > 0) {
				return 0, false
			}
			x = math.Log(x)
		}
		lo, hi = min(lo, x), max(hi, x)
	}
	return hi - lo, hi > lo
}

// setValue changes pt so that the item formula t takes the value target,
// through t's first column (a merged item's left operand, recursively):
// false if that cannot be done.
func setValue(t *expr.Node, pt []float64, target float64) bool {
	if t.Op == expr.OpVar {
		pt[t.Var] = target
		return true
	}
	r := evalAt(t.R, pt)
	switch t.Op {
	case expr.OpSub:
		target += r
	case expr.OpAdd:
		target -= r
	case expr.OpMul:
		if r == 0 {
			return false
		}
		target /= r
	case expr.OpDiv:
		target *= r
	default:
		return false
	}
	return setValue(t.L, pt, target)
}

// evalAt is t's value at one point of the original columns.
func evalAt(t *expr.Node, pt []float64) float64 {
	switch t.Op {
	case expr.OpVar:
		return pt[t.Var]
	case expr.OpConst:
		return t.Value
	}
	l := evalAt(t.L, pt)
	var r float64
	if t.R != nil {
		r = evalAt(t.R, pt)
	}
	return expr.Apply(t.Op, l, r)
}

// inside reports whether every column of pt lies in its range.
func inside(pt, lo, hi []float64) bool {
	for k, x := range pt {
		if !(x >= lo[k] && x <= hi[k]) {
			return false
		}
	}
	return true
}

// independent reports which items v does not depend on: replacing the
// item's values by another row's leaves f unchanged within the
// surrogate's error.
func independent(v *view, rows int, tol float64, rng *rand.Rand) []bool {
	m := len(v.base)
	out := make([]bool, len(v.items))
	sel := make([]int, len(v.items))
	for a := range v.items {
		pts := make([]float64, 2*rows*m)
		for p := range rows {
			for k := range sel {
				sel[k] = rng.IntN(v.d.Rows())
			}
			v.point(pts[2*p*m:(2*p+1)*m], sel)
			sel[a] = rng.IntN(v.d.Rows())
			v.point(pts[(2*p+1)*m:(2*p+2)*m], sel)
		}
		val, e := v.eval(pts)
		r, s2 := make([]float64, rows), make([]float64, rows)
		for p := range rows {
			r[p] = val[2*p+1] - val[2*p]
			s2[p] = sq(e[2*p]) + sq(e[2*p+1])
		}
		out[a] = stat(r, s2) <= tol
	}
	return out
}
