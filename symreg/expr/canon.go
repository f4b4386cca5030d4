package expr

import "math"

// CanonOptions say what Canonical may assume about the data.
type CanonOptions struct {
	// Bounds[k] is the range of variable k on the data (see BoundsOf);
	// nil or short: unknown. Rewrites that hold only for positive values,
	// such as sqrt(x²/d²) → x/d and |x| → x, use them.
	Bounds []Interval
	// Tiny, if positive, lets sin(a) and tan(a) become a where the bounds
	// keep |a| so small that the relative change (a²/6, a²/3) is at most
	// Tiny: set it to the noise level for data with noise. This is the
	// one rule that changes values; 0 turns it off.
	Tiny float64
}

// Canonical rewrites n into the form a physicist would write, for
// printing and for comparing formulas (equal formulas give equal trees):
//
//   - products and quotients collect powers (x*x → x^2, x*x*x/x → x^2,
//     sqrt(x)*sqrt(x) → x) and cancel; constants merge;
//   - sums are expanded and gathered over a common denominator with
//     cancellation, or kept factored, whichever prints smaller; common
//     factors and a common coefficient are taken out
//     (0.5*m*u*u + 0.5*m*v*v → m*(u^2 + v^2)/2);
//   - exp(log x) → x, log(exp x) → x, exp(a)*exp(b) → exp(a + b),
//     sqrt(x^2) → |x|, and |x| → x where the bounds say x > 0;
//   - sin, cos, tan shift by multiples of π/2 (sin(π/2 − θ) → cos θ) and
//     take signs out (cos(−θ) → cos θ);
//   - constants within rounding (a relative 1e-12) of a Simple become that
//     Simple and print as such (2*pi, 1/2, 1/(4*pi));
//   - terms and factors are sorted in a fixed order.
//
// The result equals n wherever n is defined, up to float rounding
// (besides the Tiny rule); it may be defined where n is not (sqrt(x)^2 →
// x). It uses pow with constant exponents (x^2), which the search's
// operator set may lack: Canonical trees are for reading, not for
// evolving. n is left untouched.
func Canonical(n *Node, o CanonOptions) *Node {
	best := (&canonizer{o: o, expand: true}).tree(n)
	if f := (&canonizer{o: o}).tree(n); f.Size() < best.Size() {
		best = f
	}
	return best
}

// canonizer holds one Canonical pass: its options and whether products
// of sums are expanded (and fractions gathered) or kept as products.
type canonizer struct {
	o      CanonOptions
	expand bool
}

// tree is the canonical tree of n in this pass.
func (c *canonizer) tree(n *Node) *Node { return c.treeOf(c.sumOf(n)) }

// sumOf turns a tree into a canonical sum.
func (c *canonizer) sumOf(n *Node) csum {
	switch n.Op {
	case OpConst:
		return constSum(n.Value)
	case OpVar:
		return c.atomSum(&Node{Op: OpVar, Var: n.Var})
	case OpAdd:
		return c.together(addSums(c.sumOf(n.L), c.sumOf(n.R)))
	case OpSub:
		return c.together(addSums(c.sumOf(n.L), scaleSum(c.sumOf(n.R), -1)))
	case OpNeg:
		return scaleSum(c.sumOf(n.L), -1)
	case OpMul:
		return c.mulSums(c.sumOf(n.L), c.sumOf(n.R))
	case OpDiv:
		return c.mulSums(c.sumOf(n.L), c.powSum(c.sumOf(n.R), -1))
	case OpSquare:
		return c.powSum(c.sumOf(n.L), 2)
	case OpCube:
		return c.powSum(c.sumOf(n.L), 3)
	case OpSqrt:
		return c.powSum(c.sumOf(n.L), 0.5)
	case OpPow:
		e := c.sumOf(n.R)
		if k, ok := e.isConst(); ok {
			return c.powSum(c.sumOf(n.L), k)
		}
		return c.atomSum(&Node{Op: OpPow, L: c.treeOf(c.sumOf(n.L)), R: c.treeOf(e)})
	case OpExp:
		return csum{c.expOf(c.sumOf(n.L))}
	case OpLog:
		return c.logOf(c.sumOf(n.L))
	case OpAbs:
		return c.absOf(c.sumOf(n.L))
	case OpSin, OpCos, OpTan:
		return c.trigOf(n.Op, c.sumOf(n.L))
	}
	return c.callOf(n.Op, c.sumOf(n.L))
}

// atomSum is the sum holding the single factor base^1.
func (c *canonizer) atomSum(base *Node) csum {
	return csum{{coef: 1, mag: 1, fs: []cfactor{{base: base, exp: 1}}}}
}

// positive reports whether the bounds show base > 0 everywhere.
func (c *canonizer) positive(base *Node) bool {
	return c.o.Bounds != nil && rangeOf(base, c.o.Bounds).Positive()
}

// expOf is exp(a) as one term: the terms k·log(f) of a come out as f^k
// (exp(log x) = x wherever log x is defined), a constant part as a
// number, and the rest stays exp(rest).
func (c *canonizer) expOf(a csum) cterm {
	out := cterm{coef: 1, mag: 1}
	var rest csum
	for _, t := range a {
		switch {
		case len(t.fs) == 0:
			out.coef *= math.Exp(t.coef)
		case len(t.fs) == 1 && t.fs[0].exp == 1 && t.fs[0].base.Op == OpLog:
			p := c.powSum(t.fs[0].arg, t.coef)
			if len(p) == 0 {
				rest = append(rest, t) // exp(log 0): left alone
				continue
			}
			out = c.mulTerms(out, c.sumFactor(p, 1)[0])
		default:
			rest = append(rest, t)
		}
	}
	if math.IsInf(out.coef, 0) || out.coef == 0 {
		return cterm{coef: 1, mag: 1, fs: []cfactor{{base: &Node{Op: OpExp, L: c.treeOf(a)}, exp: 1, arg: a}}}
	}
	out.mag = math.Abs(out.coef)
	if len(rest) > 0 {
		rest = sortSum(rest)
		f := cfactor{base: &Node{Op: OpExp, L: c.treeOf(rest)}, exp: 1, arg: rest}
		out.fs = sortFactors(append(append([]cfactor(nil), out.fs...), f))
	}
	return out
}

// logOf is log(a): log(c·exp x) → log(c) + x; a number folds.
func (c *canonizer) logOf(a csum) csum {
	if v, ok := a.isConst(); ok && v > 0 {
		return constSum(math.Log(v))
	}
	if len(a) == 1 && a[0].coef > 0 && len(a[0].fs) == 1 && a[0].fs[0].base.Op == OpExp {
		return addSums(constSum(math.Log(a[0].coef)), scaleSum(a[0].fs[0].arg, a[0].fs[0].exp))
	}
	return csum{{coef: 1, mag: 1, fs: []cfactor{{base: &Node{Op: OpLog, L: c.treeOf(a)}, exp: 1, arg: a}}}}
}

// absOf is |a|: a itself or −a where the bounds fix its sign; for one
// term |c·Π f^e| = |c|·Π |f|^e, the factors that cannot be negative
// (even powers, exp, roots, |·|) left bare.
func (c *canonizer) absOf(a csum) csum {
	if v, ok := a.isConst(); ok {
		return constSum(math.Abs(v))
	}
	if c.o.Bounds != nil {
		r := rangeOf(c.treeOf(a), c.o.Bounds)
		switch {
		case r.Lo >= 0:
			return a
		case r.Hi <= 0:
			return scaleSum(a, -1)
		}
	}
	if len(a) > 1 {
		return c.absAtom(a)
	}
	out := cterm{coef: math.Abs(a[0].coef), mag: math.Abs(a[0].coef)}
	for _, f := range a[0].fs {
		g := cterm{coef: 1, mag: 1, fs: []cfactor{f}}
		if !c.nonNegative(f) && f.base.Op != OpAbs {
			inner := f.sum
			if inner == nil {
				inner = csum{{coef: 1, mag: 1, fs: []cfactor{{base: f.base, exp: 1, arg: f.arg}}}}
			}
			p := c.powSum(c.absAtom(inner), f.exp)
			if len(p) != 1 {
				return c.absAtom(a)
			}
			g = p[0]
		}
		out = c.mulTerms(out, g)
	}
	return csum{out}
}

// absAtom is |a| as a factor of its own.
func (c *canonizer) absAtom(a csum) csum {
	return csum{{coef: 1, mag: 1, fs: []cfactor{{base: &Node{Op: OpAbs, L: c.treeOf(a)}, exp: 1, arg: a}}}}
}

// oddOps are the functions with f(−x) = −f(x), whose argument's sign
// comes out front.
var oddOps = map[Op]bool{OpSin: true, OpTan: true, OpTanh: true, OpAsin: true, OpAtan: true, OpAtanh: true}

// callOf is op(a) for a function without rules of its own: folded for a
// number, an odd function's sign taken out, else an atom.
func (c *canonizer) callOf(op Op, a csum) csum {
	if v, ok := a.isConst(); ok {
		if r := Apply(op, v, 0); !math.IsNaN(r) && !math.IsInf(r, 0) {
			return constSum(r)
		}
	}
	sign := 1.0
	if len(a) > 0 && a[0].coef < 0 {
		if oddOps[op] {
			a, sign = scaleSum(a, -1), -1
		} else if op == OpCos {
			a = scaleSum(a, -1)
		}
	}
	return scaleSum(c.atomSum(&Node{Op: op, L: c.treeOf(a)}), sign)
}

// trigOf is sin, cos or tan of a: a constant part that is a multiple of
// π/2 (to rounding) shifts the function (sin(θ + π/2) → cos θ,
// cos(θ + π) → −cos θ, tan(θ + π) → tan θ), and a tiny argument stands
// for sin or tan itself when CanonOptions.Tiny allows.
func (c *canonizer) trigOf(op Op, a csum) csum {
	if _, ok := a.isConst(); !ok {
		var c0 float64
		var rest csum
		for _, t := range a {
			if len(t.fs) == 0 {
				c0 = t.coef
			} else {
				rest = append(rest, t)
			}
		}
		q := math.Round(c0 / (math.Pi / 2))
		if c0 != 0 && math.Abs(c0-q*math.Pi/2) <= cancelTol*max(1, math.Abs(c0)) {
			m := int(math.Mod(math.Mod(q, 4)+4, 4))
			switch {
			case op == OpTan && m%2 == 0:
				return c.trigOf(OpTan, rest)
			case op == OpSin:
				f := [4]Op{OpSin, OpCos, OpSin, OpCos}[m]
				return scaleSum(c.trigOf(f, rest), [4]float64{1, 1, -1, -1}[m])
			case op == OpCos:
				f := [4]Op{OpCos, OpSin, OpCos, OpSin}[m]
				return scaleSum(c.trigOf(f, rest), [4]float64{1, -1, -1, 1}[m])
			}
		}
		if c.o.Tiny > 0 && c.o.Bounds != nil && (op == OpSin || op == OpTan) {
			if r := rangeOf(c.treeOf(a), c.o.Bounds); r.MaxAbs()*r.MaxAbs()/3 <= c.o.Tiny {
				return a
			}
		}
	}
	return c.callOf(op, a)
}
