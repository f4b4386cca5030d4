package expr

import (
	"math"
	"sort"
)

// treeOf builds the tree of a canonical sum, terms led by a positive one
// with the constant last (as Simplify orders them), with what its terms
// share taken out when that prints smaller: common factors and a common
// coefficient (m*(u^2 + v^2)/2), common factors only, or nothing
// (2*pi*x + y/2, not 2*pi*(x + y/(4*pi))).
func (c *canonizer) treeOf(s csum) *Node {
	switch {
	case len(s) == 0:
		return Const(0)
	case len(s) == 1:
		return termTree(c.tidyTerm(s[0]))
	}
	common := commonFactors(s)
	if len(common) == 0 && plainDivisor(s, true) == 1 {
		return sumTree(s)
	}
	best := termTree(c.sumFactor(s, 1)[0])
	try := func(t *Node) {
		if t.Size() < best.Size() {
			best = t
		}
	}
	if len(common) > 0 {
		rest := c.divideOut(s, common)
		out := cterm{coef: 1, mag: 1, fs: common}
		try(termTree(c.mulTerms(out, cterm{coef: 1, mag: 1, fs: []cfactor{{base: sumTree(rest), exp: 1, sum: rest}}})))
	}
	try(sumTree(s))
	return best
}

// sumTree prints the terms: positive terms lead, the constant goes last
// unless nothing positive can lead (1 − x).
func sumTree(s csum) *Node {
	var konst float64
	var terms []cterm
	for _, t := range s {
		if len(t.fs) == 0 {
			konst += t.coef
		} else {
			terms = append(terms, t)
		}
	}
	lead := -1
	for i, t := range terms {
		if t.coef > 0 {
			lead = i
			break
		}
	}
	if lead > 0 {
		t := terms[lead]
		copy(terms[1:lead+1], terms[:lead])
		terms[0] = t
	}
	var out *Node
	if lead < 0 && konst != 0 {
		out, konst = constTree(konst), 0
	}
	for _, t := range terms {
		mag := termTree(cterm{coef: math.Abs(t.coef), fs: t.fs})
		switch {
		case out == nil && t.coef > 0:
			out = mag
		case out == nil:
			out = &Node{Op: OpNeg, L: mag}
		case t.coef > 0:
			out = &Node{Op: OpAdd, L: out, R: mag}
		default:
			out = &Node{Op: OpSub, L: out, R: mag}
		}
	}
	switch {
	case konst > 0:
		out = &Node{Op: OpAdd, L: out, R: constTree(konst)}
	case konst < 0:
		out = &Node{Op: OpSub, L: out, R: constTree(-konst)}
	}
	return out
}

// constTree is a number, spelled as its Simple when it is one.
func constTree(v float64) *Node {
	if s, ok := SimpleOf(v, cancelTol); ok {
		if s.P < 0 {
			return &Node{Op: OpNeg, L: Simple{P: -s.P, Q: s.Q, Base: s.Base, Ten: s.Ten}.Tree()}
		}
		return s.Tree()
	}
	return Const(v)
}

// termTree prints coef·Π base^exp as num/(den): the coefficient's Simple
// parts (2*pi, 1/(4*pi)) or its number in front, positive powers in the
// numerator, negative ones in the denominator, the halves of both
// gathered under one square root (sqrt(k/m)).
func termTree(t cterm) *Node {
	var num, den []*Node
	coef := math.Abs(t.coef)
	if s, ok := SimpleOf(coef, cancelTol); ok {
		num, den = s.Parts()
	} else if coef != 1 {
		num = append(num, Const(coef))
	}
	var rootNum, rootDen []*Node
	fs := append([]cfactor(nil), t.fs...)
	neg := t.coef < 0
	for i, f := range fs {
		if neg && f.sum != nil && f.exp == math.Trunc(f.exp) && !isEven(f.exp) && balanced(f.sum) {
			// The sign goes into a sum that reads as well either way:
			// m*(b - a), not -(m*(a - b)).
			fs[i].base, neg = sumTree(scaleSum(f.sum, -1)), false
			break
		}
	}
	sort.SliceStable(fs, func(i, j int) bool { return factorRank(fs[i]) < factorRank(fs[j]) })
	for _, f := range fs {
		switch e := math.Abs(f.exp); {
		case e == 0.5 && f.exp > 0:
			rootNum = append(rootNum, f.base)
		case e == 0.5:
			rootDen = append(rootDen, f.base)
		case f.exp > 0:
			num = append(num, powerTree(f.base, e))
		default:
			den = append(den, powerTree(f.base, e))
		}
	}
	if len(rootNum) > 0 || len(rootDen) > 0 {
		r := productOf(rootNum)
		switch {
		case r == nil:
			den = append(den, sqrtOf(productOf(rootDen)))
		case len(rootDen) > 0:
			num = append(num, sqrtOf(&Node{Op: OpDiv, L: r, R: productOf(rootDen)}))
		default:
			num = append(num, sqrtOf(r))
		}
	}
	if len(num) == 0 {
		num = append(num, Const(1))
	}
	if neg {
		num[0] = negated(num[0])
	}
	out := productOf(num)
	if d := productOf(den); d != nil {
		out = &Node{Op: OpDiv, L: out, R: d}
	}
	return out
}

// negated is -n, a negative number for a number (-4*pi, not -(4*pi)).
func negated(n *Node) *Node {
	if n.Op == OpConst {
		return Const(-n.Value)
	}
	return &Node{Op: OpNeg, L: n}
}

// balanced reports whether s has as many negative terms as positive
// ones, so that s and −s read equally well.
func balanced(s csum) bool {
	neg := 0
	for _, t := range s {
		if t.coef < 0 {
			neg++
		}
	}
	return 2*neg == len(s)
}

// factorRank orders a term's factors for printing: numbers and
// variables first, then calls, sums last (m*v*(u + w)).
func factorRank(f cfactor) int {
	switch f.base.Op {
	case OpConst:
		return 0
	case OpVar:
		return 1
	case OpAdd, OpSub, OpNeg:
		return 3
	}
	return 2
}

// powerTree is base^e for e > 0: base itself for 1, else pow(base, e).
func powerTree(base *Node, e float64) *Node {
	if e == 1 {
		return base
	}
	return &Node{Op: OpPow, L: base, R: Const(e)}
}
