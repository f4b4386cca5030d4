package symreg

import (
	"fmt"
	"math"
	"math/big"
)

// maxRepeat is the largest integer exponent written as repeated factors
// (x*x*x); larger ones become pow(x, k).
const maxRepeat = 4

// PrefactorTree is P = Π x_i^p_i as a tree over the original variables
// (nil when P = 1): integer powers as repeated factors, half-integer
// remainders gathered under one sqrt (sqrt(L/g)), other fractions as pow.
func (r *UnitReduction) PrefactorTree() *Node { return powerProduct(r.Prefactor) }

// GroupTree is π_j as a tree over the original variables.
func (r *UnitReduction) GroupTree(j int) *Node {
	e := make([]*big.Rat, len(r.Groups[j]))
	for i, v := range r.Groups[j] {
		e[i] = big.NewRat(v, 1)
	}
	return powerProduct(e)
}

// GroupNames are the group formulas printed over the original names, for
// logs and reports ("q2/q1").
func (r *UnitReduction) GroupNames() []string {
	out := make([]string, len(r.Groups))
	for j := range r.Groups {
		out[j] = Format(r.GroupTree(j), r.Names)
	}
	return out
}

// PrefactorString is the prefactor printed over the original names ("1" if none).
func (r *UnitReduction) PrefactorString() string {
	t := r.PrefactorTree()
	if t == nil {
		return "1"
	}
	return Format(t, r.Names)
}

// Expand maps a formula g over the groups (variable j = π_j) to the
// formula P·g(π) over the original variables, simplified.
func (r *UnitReduction) Expand(g *Node) *Node {
	t := r.substitute(g)
	if p := r.PrefactorTree(); p != nil {
		t = &Node{Op: OpMul, L: p, R: t}
	}
	return Simplify(t)
}

func (r *UnitReduction) substitute(g *Node) *Node {
	if g == nil {
		return nil
	}
	if g.Op == OpVar {
		return r.GroupTree(g.Var)
	}
	c := *g
	c.L, c.R = r.substitute(g.L), r.substitute(g.R)
	return &c
}

// Apply computes the reduced problem from d: one column per group (named
// π1, π2, …) and the target y/P, with d's weights. The columns are
// evaluated from the same trees Expand builds, so Expand∘search is
// consistent with the data. A non-finite group or prefactor value, or a
// zero prefactor, gives an error wrapping ErrUnitsNotApplicable.
func (r *UnitReduction) Apply(d *Data) (*Data, error) {
	rows := d.Rows()
	var ev Evaluator
	out := &Data{Y: make([]float64, rows), W: d.W}
	for j := range r.Groups {
		col := make([]float64, rows)
		ev.Eval64(Compile(r.GroupTree(j)), d.X, col)
		if i := firstBad(col, false); i >= 0 {
			return nil, notApplicable("group %s is %g at row %d", Format(r.GroupTree(j), r.Names), col[i], i+1)
		}
		out.X = append(out.X, col)
		out.Names = append(out.Names, fmt.Sprintf("π%d", j+1))
	}
	copy(out.Y, d.Y)
	if p := r.PrefactorTree(); p != nil {
		pv := make([]float64, rows)
		ev.Eval64(Compile(p), d.X, pv)
		if i := firstBad(pv, true); i >= 0 {
			return nil, notApplicable("prefactor %s is %g at row %d", Format(p, r.Names), pv[i], i+1)
		}
		for i := range out.Y {
			out.Y[i] /= pv[i]
		}
	}
	return out, nil
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
func powerProduct(e []*big.Rat) *Node {
	var num, den, sqNum, sqDen []*Node
	half := big.NewRat(1, 2)
	for i, x := range e {
		if x.Sign() == 0 {
			continue
		}
		v := &Node{Op: OpVar, Var: i}
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
			*dst = append(*dst, &Node{Op: OpPow, L: v, R: constNode(f)})
		}
	}
	if len(sqNum)+len(sqDen) > 0 {
		num = append(num, &Node{Op: OpSqrt, L: ratio(sqNum, sqDen)})
	}
	if len(num)+len(den) == 0 {
		return nil
	}
	return ratio(num, den)
}

// appendPower appends x^k (k ≥ 0) as factors.
func appendPower(fs []*Node, x *Node, k int64) []*Node {
	if k > maxRepeat {
		return append(fs, &Node{Op: OpPow, L: x, R: constNode(float64(k))})
	}
	for range k {
		fs = append(fs, x.Clone())
	}
	return fs
}

// ratio is (Π num)/(Π den), with 1 for an empty numerator.
func ratio(num, den []*Node) *Node {
	t := product(num)
	if t == nil {
		t = constNode(1)
	}
	if d := product(den); d != nil {
		t = &Node{Op: OpDiv, L: t, R: d}
	}
	return t
}

func product(fs []*Node) *Node {
	var t *Node
	for _, f := range fs {
		if t == nil {
			t = f
		} else {
			t = &Node{Op: OpMul, L: t, R: f}
		}
	}
	return t
}
