package expr

import (
	"math"
	"sort"
)

// Simplify returns an equivalent tree in a canonical, usually smaller form,
// so that twins (x+y and y+x, 2*x*3 and 6*x, x-x+y and y) become equal
// trees. It leaves n untouched. The rewrites hold for real numbers, not
// always bit for bit in floating point (x/2 becomes 0.5*x, x*0 becomes 0):
//
//   - constant folding of any operator whose arguments are all constants
//     (when the result is finite);
//   - sums and differences are flattened into signed terms, constant terms
//     added into one, equal terms merged by coefficient (x + 2*x → 3*x,
//     x - x → 0), terms sorted into a canonical order, constant last;
//   - products and quotients are flattened into factors with exponents ±1,
//     constants multiplied into one leading coefficient (and the sign of
//     any negations), equal factors in numerator and denominator cancel
//     (x*y/x → y), the rest sorted; quotients print as a/b/c;
//   - neg(neg x) → x, x^1 → x, x^0 → 1.
func Simplify(n *Node) *Node { return simplify(n.Clone()) }

func simplify(n *Node) *Node {
	if n.L == nil {
		return n
	}
	n.L = simplify(n.L)
	if n.R != nil {
		n.R = simplify(n.R)
	}
	if n.L.Op == OpConst && (n.R == nil || n.R.Op == OpConst) {
		var b float64
		if n.R != nil {
			b = n.R.Value
		}
		if v := Apply(n.Op, n.L.Value, b); !math.IsNaN(v) && !math.IsInf(v, 0) {
			return Const(v)
		}
		return n
	}
	switch n.Op {
	case OpNeg:
		switch n.L.Op {
		case OpNeg:
			return n.L.L
		case OpMul, OpDiv: // the sign joins the coefficient
			return simplifyProduct(n, true)
		case OpAdd, OpSub: // -(a - b) → b - a
			return simplifySum(n)
		}
	case OpAdd, OpSub:
		return simplifySum(n)
	case OpMul, OpDiv:
		return simplifyProduct(n, true)
	case OpPow:
		if n.R.Op == OpConst && n.R.Value == 1 {
			return n.L
		}
		if n.R.Op == OpConst && n.R.Value == 0 {
			return Const(1)
		}
	}
	return n
}

// term is coef·node, one summand of a flattened sum.
type term struct {
	coef float64
	node *Node
}

func simplifySum(n *Node) *Node {
	var c float64
	var terms []term
	var walk func(n *Node, sign float64)
	walk = func(n *Node, sign float64) {
		switch {
		case n.Op == OpAdd:
			walk(n.L, sign)
			walk(n.R, sign)
		case n.Op == OpSub:
			walk(n.L, sign)
			walk(n.R, -sign)
		case n.Op == OpNeg:
			walk(n.L, -sign)
		case n.Op == OpConst:
			c += sign * n.Value
		case n.Op == OpMul && n.L.Op == OpConst:
			terms = addTerm(terms, sign*n.L.Value, n.R)
		default:
			terms = addTerm(terms, sign, n)
		}
	}
	walk(n, 1)
	sort.SliceStable(terms, func(i, j int) bool { return compareTree(terms[i].node, terms[j].node) < 0 })
	// Lead with the first positive term (y - x, not -x + y), else with one
	// whose sign a constant absorbs (-2*x - y, not -y - 2*x).
	lead := -1
	for i, t := range terms {
		if t.coef > 0 {
			lead = i
			break
		}
	}
	for i := 0; i < len(terms) && lead < 0; i++ {
		if t := terms[i]; t.coef != 0 && negate(magnitude(t)).Op != OpNeg {
			lead = i
		}
	}
	if lead > 0 {
		t := terms[lead]
		copy(terms[1:lead+1], terms[:lead])
		terms[0] = t
	}
	var out *Node
	if len(terms) > 0 && !(terms[0].coef > 0) && c != 0 {
		// Nothing positive to lead with: c - t1 - t2, not -t1 - t2 + c.
		out, c = Const(c), 0
	}
	for _, t := range terms {
		if t.coef == 0 {
			continue
		}
		mag := magnitude(t)
		switch {
		case out == nil && t.coef > 0:
			out = mag
		case out == nil:
			out = negate(mag)
		case t.coef > 0:
			out = &Node{Op: OpAdd, L: out, R: mag}
		default:
			out = &Node{Op: OpSub, L: out, R: mag}
		}
	}
	switch {
	case out == nil:
		return Const(c)
	case c > 0 || math.IsNaN(c):
		return &Node{Op: OpAdd, L: out, R: Const(c)}
	case c < 0:
		return &Node{Op: OpSub, L: out, R: Const(-c)}
	}
	return out
}

// magnitude is |coef|·node as a tree.
func magnitude(t term) *Node {
	if a := math.Abs(t.coef); a != 1 {
		return &Node{Op: OpMul, L: Const(a), R: t.node}
	}
	return t.node
}

// negate returns -x, folding the sign into a product's coefficient when
// it has one.
func negate(x *Node) *Node {
	n := &Node{Op: OpNeg, L: x}
	if x.Op == OpMul || x.Op == OpDiv {
		return simplifyProduct(n, false)
	}
	return n
}

// addTerm adds coef·n to the terms, merging it with an equal term.
func addTerm(terms []term, coef float64, n *Node) []term {
	for i := range terms {
		if Equal(terms[i].node, n) {
			terms[i].coef += coef
			return terms
		}
	}
	return append(terms, term{coef, n})
}

// simplifyProduct rewrites a product; with a -1 coefficient in front of
// a single sum it distributes the sign when distribute is set (negate
// clears it to stay out of a loop with simplifySum).
func simplifyProduct(n *Node, distribute bool) *Node {
	c := 1.0
	var factors []term // coef is the exponent
	var walk func(n *Node, exp float64)
	walk = func(n *Node, exp float64) {
		switch n.Op {
		case OpMul:
			walk(n.L, exp)
			walk(n.R, exp)
		case OpDiv:
			walk(n.L, exp)
			walk(n.R, -exp)
		case OpNeg:
			c = -c
			walk(n.L, exp)
		case OpConst:
			if exp > 0 {
				c *= n.Value
			} else {
				c /= n.Value
			}
		default:
			factors = addTerm(factors, exp, n)
		}
	}
	walk(n, 1)
	if c == 0 || math.IsNaN(c) || math.IsInf(c, 0) {
		if c == 0 {
			return Const(0)
		}
		return n // a zero or overflowing divisor: leave it as written
	}
	sort.SliceStable(factors, func(i, j int) bool { return compareTree(factors[i].node, factors[j].node) < 0 })
	var num, den *Node
	mul := func(acc, x *Node) *Node {
		if acc == nil {
			return x
		}
		return &Node{Op: OpMul, L: acc, R: x}
	}
	for _, f := range factors {
		// A factor repeated (x*x) gets copies: trees must stay trees, since
		// constants are fitted and mutated in place.
		use := f.node
		next := func() *Node {
			n := use
			use = f.node.Clone()
			return n
		}
		for e := f.coef; e >= 1; e-- {
			num = mul(num, next())
		}
		for e := f.coef; e <= -1; e++ {
			if den == nil {
				den = next()
				continue
			}
			den = &Node{Op: OpMul, L: den, R: next()}
		}
	}
	neg := false
	switch {
	case num == nil:
		num = Const(c)
	case c == -1:
		neg = true
	case c != 1:
		num = &Node{Op: OpMul, L: Const(c), R: num}
	}
	out := num
	if den != nil {
		out = divChain(num, den)
	}
	if neg {
		out = &Node{Op: OpNeg, L: out}
		if distribute && (num.Op == OpAdd || num.Op == OpSub) {
			return simplifySum(out) // -(a - b) → b - a
		}
	}
	return out
}

// divChain builds num/d1/d2/… from den = d1*d2*…, which prints without
// parentheses.
func divChain(num, den *Node) *Node {
	var ds []*Node
	for den.Op == OpMul {
		ds = append(ds, den.R)
		den = den.L
	}
	ds = append(ds, den)
	out := num
	for i := len(ds) - 1; i >= 0; i-- {
		out = &Node{Op: OpDiv, L: out, R: ds[i]}
	}
	return out
}

// compareTree is a total order on trees (operator, then variable or
// constant, then children), used to sort commutative arguments.
func compareTree(a, b *Node) int {
	if a.Op != b.Op {
		if a.Op < b.Op {
			return -1
		}
		return 1
	}
	switch a.Op {
	case OpConst:
		switch {
		case a.Value < b.Value:
			return -1
		case a.Value > b.Value:
			return 1
		}
		return 0
	case OpVar:
		return a.Var - b.Var
	}
	if c := compareTree(a.L, b.L); c != 0 {
		return c
	}
	if a.R == nil {
		return 0
	}
	return compareTree(a.R, b.R)
}
