package units

import (
	"fmt"
	"math"
	"math/big"

	"github.com/ansatz/ansatz/symreg/expr"
)

// maxRepeat is the largest integer exponent written as repeated factors
// (x*x*x); larger ones become pow(x, k).
const maxRepeat = 4

// PrefactorTree is P = Π x_i^p_i as a tree over the original variables
// (nil when P = 1): integer powers as repeated factors, half-integer
// remainders gathered under one sqrt (sqrt(L/g)), other fractions as pow.
func (r *Reduction) PrefactorTree() *expr.Node { return powerProduct(r.Prefactor) }

// GroupTree is π_j as a tree over the original variables.
func (r *Reduction) GroupTree(j int) *expr.Node {
	e := make([]*big.Rat, len(r.Groups[j]))
	for i, v := range r.Groups[j] {
		e[i] = big.NewRat(v, 1)
	}
	return powerProduct(e)
}

// GroupNames are the group formulas printed over the original names, for
// logs and reports ("q2/q1").
func (r *Reduction) GroupNames() []string {
	out := make([]string, len(r.Groups))
	for j := range r.Groups {
		out[j] = expr.Format(r.GroupTree(j), r.Names)
	}
	return out
}

// PrefactorString is the prefactor printed over the original names ("1" if none).
func (r *Reduction) PrefactorString() string {
	t := r.PrefactorTree()
	if t == nil {
		return "1"
	}
	return expr.Format(t, r.Names)
}

// Expand maps a formula g over the groups (variable j = π_j) to the
// formula P·g(π) over the original variables, simplified.
func (r *Reduction) Expand(g *expr.Node) *expr.Node {
	t := r.substitute(g)
	if p := r.PrefactorTree(); p != nil {
		t = &expr.Node{Op: expr.OpMul, L: p, R: t}
	}
	return expr.Simplify(t)
}

func (r *Reduction) substitute(g *expr.Node) *expr.Node {
	if g == nil {
		return nil
	}
	if g.Op == expr.OpVar {
		return r.GroupTree(g.Var)
	}
	c := *g
	c.L, c.R = r.substitute(g.L), r.substitute(g.R)
	return &c
}

// Apply computes the reduced problem from the columns x (x[k][i] is
// variable k at row i) and the target y: one column per group (the
// variables GroupVars names) and the target y/P. The columns are
// evaluated from the same trees Expand builds, so Expand∘search is
// consistent with the data. A non-finite group or prefactor value, or a
// zero prefactor, gives an error wrapping ErrNotApplicable.
func (r *Reduction) Apply(x [][]float64, y []float64) (groups [][]float64, target []float64, err error) {
	rows := len(y)
	var ev expr.Evaluator
	for j := range r.Groups {
		col := make([]float64, rows)
		ev.Eval64(expr.Compile(r.GroupTree(j)), x, col)
		if i := firstBad(col, false); i >= 0 {
			return nil, nil, notApplicable("group %s is %g at row %d", expr.Format(r.GroupTree(j), r.Names), col[i], i+1)
		}
		groups = append(groups, col)
	}
	target = append([]float64(nil), y...)
	if p := r.PrefactorTree(); p != nil {
		pv := make([]float64, rows)
		ev.Eval64(expr.Compile(p), x, pv)
		if i := firstBad(pv, true); i >= 0 {
			return nil, nil, notApplicable("prefactor %s is %g at row %d", expr.Format(p, r.Names), pv[i], i+1)
		}
		for i := range target {
			target[i] /= pv[i]
		}
	}
	return groups, target, nil
}

// GroupVars names the variables of the reduced problem: π1, π2, … (one
// per group, in the order of Apply's columns).
func (r *Reduction) GroupVars() []string {
	out := make([]string, len(r.Groups))
	for j := range out {
		out[j] = fmt.Sprintf("π%d", j+1)
	}
	return out
}

// firstBad is the first row holding NaN, ±Inf (or 0 if zeroBad), else -1.
func firstBad(v []float64, zeroBad bool) int {
	for i, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) || zeroBad && x == 0 {
			return i
		}
	}
	return -1
}

// powerProduct builds Π x_i^e_i (nil when every e_i is 0).
func powerProduct(e []*big.Rat) *expr.Node {
	var num, den, sqNum, sqDen []*expr.Node
	half := big.NewRat(1, 2)
	for i, x := range e {
		if x.Sign() == 0 {
			continue
		}
		v := &expr.Node{Op: expr.OpVar, Var: i}
		a := new(big.Rat).Abs(x)
		dst, sq := &num, &sqNum
		if x.Sign() < 0 {
			dst, sq = &den, &sqDen
		}
		switch {
		case a.IsInt():
			*dst = appendPower(*dst, v, a.Num().Int64())
		case a.Denom().Int64() == 2:
			// |e| = k + 1/2: k repeated factors and one factor under the sqrt.
			k := new(big.Rat).Sub(a, half)
			*dst = appendPower(*dst, v, k.Num().Int64())
			*sq = append(*sq, v)
		default:
			f, _ := a.Float64()
			*dst = append(*dst, &expr.Node{Op: expr.OpPow, L: v, R: expr.Const(f)})
		}
	}
	if len(sqNum)+len(sqDen) > 0 {
		num = append(num, &expr.Node{Op: expr.OpSqrt, L: ratio(sqNum, sqDen)})
	}
	if len(num)+len(den) == 0 {
		return nil
	}
	return ratio(num, den)
}

// appendPower appends x^k (k ≥ 0) as factors.
func appendPower(fs []*expr.Node, x *expr.Node, k int64) []*expr.Node {
	if k > maxRepeat {
		return append(fs, &expr.Node{Op: expr.OpPow, L: x, R: expr.Const(float64(k))})
	}
	for range k {
		fs = append(fs, x.Clone())
	}
	return fs
}

// ratio is (Π num)/(Π den), with 1 for an empty numerator.
func ratio(num, den []*expr.Node) *expr.Node {
	t := product(num)
	if t == nil {
		t = expr.Const(1)
	}
	if d := product(den); d != nil {
		t = &expr.Node{Op: expr.OpDiv, L: t, R: d}
	}
	return t
}

func product(fs []*expr.Node) *expr.Node {
	var t *expr.Node
	for _, f := range fs {
		if t == nil {
			t = f
		} else {
			t = &expr.Node{Op: expr.OpMul, L: t, R: f}
		}
	}
	return t
}
