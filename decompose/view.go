package decompose

import (
	"math"

	"github.com/ansatz/ansatz/symreg"
	"github.com/ansatz/ansatz/symreg/expr"
)

// item is one input of a view: original columns that always move
// together (one column, or two merged by a symmetry), and the formula of
// its value over the original columns (a variable, or x_i−x_j, x_i·x_j, …).
type item struct {
	cols []int
	tree *expr.Node
}

// plain reports whether the item is one original column.
func (it item) plain() bool { return it.tree.Op == expr.OpVar }

// view is the function a part of the problem is: the surrogate F with
// the columns outside its items held at base, its value mapped through
// stages (v = (T(v) − off)/scale each, starting from v = F). The root
// view is the whole table's function.
type view struct {
	s      *Surrogate
	d      *symreg.Data // the table: points are built from its rows
	base   []float64    // a value for every original column (the held ones are read)
	items  []item
	stages []stage
	// exact means the table's own y are this view's values at its rows
	// (nothing held, no offset or scale): its leaf tables use them.
	exact bool
}

// rootView is the table's whole function: every column its own item.
func rootView(s *Surrogate, d *symreg.Data) *view {
	v := &view{s: s, d: d, base: make([]float64, len(d.X)), stages: []stage{{scale: 1}}, exact: true}
	for k := range d.X {
		v.items = append(v.items, item{cols: []int{k}, tree: &expr.Node{Op: expr.OpVar, Var: k}})
	}
	return v
}

// point is a point of the view in the original columns: the base values,
// and for each item its columns' values from the row rows[k].
func (v *view) point(dst []float64, rows []int) {
	copy(dst, v.base)
	for k, it := range v.items {
		for _, c := range it.cols {
			dst[c] = v.d.X[c][rows[k]]
		}
	}
}

// eval returns the view's values at pts (row-major, len(base) a point)
// and the surrogate's expected error of each, in the view's units.
func (v *view) eval(pts []float64) (val, err []float64) {
	n := len(pts) / len(v.base)
	val, err = make([]float64, n), make([]float64, n)
	v.s.Eval(pts, val)
	for i, f := range val {
		e := v.s.ErrAt(f)
		for _, st := range v.stages {
			e = math.Abs(st.tf.deriv(f)) * e / math.Abs(st.scale)
			f = (st.tf.apply(f) - st.off) / st.scale
		}
		val[i], err[i] = f, e
	}
	return val, err
}

// at is the view's value at one point.
func (v *view) at(pt []float64) float64 {
	val, _ := v.eval(pt)
	return val[0]
}

// child is the view of the items in keep with the other items held at
// the anchor point's values, its last stage's offset and scale changed
// by adjust.
func (v *view) child(keep []item, anchor []float64, adjust func(*stage)) *view {
	st := append([]stage(nil), v.stages...)
	adjust(&st[len(st)-1])
	return &view{s: v.s, d: v.d, base: append([]float64(nil), anchor...), items: keep, stages: st}
}

// transformed is v with its values passed through t (a new stage).
func (v *view) transformed(t transform) *view {
	w := *v
	w.stages = append(append([]stage(nil), v.stages...), stage{tf: t, scale: 1})
	w.exact = false
	return &w
}

// ranges are the per-column bounds of the table.
func ranges(d *symreg.Data) (lo, hi []float64) {
	lo, hi = make([]float64, len(d.X)), make([]float64, len(d.X))
	for k, c := range d.X {
		lo[k], hi[k] = math.Inf(1), math.Inf(-1)
		for _, x := range c {
			lo[k], hi[k] = min(lo[k], x), max(hi[k], x)
		}
	}
	return lo, hi
}

// stat is a test's statistic: the RMS residual over the RMS expected
// error of the surrogate. A relation that holds gives about 1; one that
// does not gives the size of the violation over the model's error.
func stat(r, s2 []float64) float64 {
	var a, b float64
	for i := range r {
		a += r[i] * r[i]
		b += s2[i]
	}
	if b == 0 {
		if a == 0 {
			return 0
		}
		return math.Inf(1)
	}
	return math.Sqrt(a / b)
}
