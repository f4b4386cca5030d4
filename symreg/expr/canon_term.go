package expr

import "math"

// Rewrites of a whole term that are tried before it is printed, kept
// when they print smaller: a positive factor moved under a square root
// (Bz*sqrt(Bx^2/Bz^2 + 1) → sqrt(Bx^2 + Bz^2)), the denominators inside
// a sum cleared ((m2/m1 + r1/r2)/(m2/m1 + 1)·r2 → (m1*r1 + m2*r2)/(m1 +
// m2)), and a ratio of exponentials read as tanh ((exp(2y) − 1)/(exp(2y)
// + 1) → tanh(y)).

// tidyTerm applies the rewrites to t.
func (c *canonizer) tidyTerm(t cterm) cterm {
	return c.intoRoots(c.clearDenominators(c.hyperbolic(t)))
}

// clearDenominators writes sum factors S^k whose terms divide by
// monomials as (S·M)^k·M^(−k), M the least common denominator monomial
// (for a fractional k only if M cannot be negative, where the split
// holds), one sum or all of them, whichever prints smallest; t itself
// wins ties.
func (c *canonizer) clearDenominators(t cterm) cterm {
	best, size := t, termTree(t).Size()
	all := t
	for i := range t.fs {
		if one, ok := c.clearOne(t, t.fs[i].base); ok {
			if n := termTree(one).Size(); n < size {
				best, size = one, n
			}
		}
		if more, ok := c.clearOne(all, t.fs[i].base); ok {
			all = more
		}
	}
	if n := termTree(all).Size(); n < size {
		best = all
	}
	return best
}

// clearOne clears the denominators of t's sum factor with the given base.
func (c *canonizer) clearOne(t cterm, base *Node) (cterm, bool) {
	i := -1
	for k, f := range t.fs {
		if compareTree(f.base, base) == 0 {
			i = k
		}
	}
	if i < 0 || t.fs[i].sum == nil {
		return t, false
	}
	f := t.fs[i]
	m := cterm{coef: 1, mag: 1}
	for _, u := range f.sum {
		for _, g := range u.fs {
			if have := exponentIn(m, g.base); g.exp < 0 && -g.exp > have {
				m = c.mulTerms(m, cterm{coef: 1, mag: 1, fs: []cfactor{{base: g.base, exp: -g.exp - have, sum: g.sum, arg: g.arg}}})
			}
		}
	}
	if len(m.fs) == 0 || (f.exp != math.Trunc(f.exp) && !c.allNonNegative(m.fs)) {
		return t, false
	}
	inv, ok := c.powTerm(m, -f.exp)
	if !ok {
		return t, false
	}
	cleared := c.sumFactor(c.mulPlain(f.sum, csum{m}), f.exp)
	if len(cleared) != 1 {
		return t, false
	}
	rest := cterm{coef: t.coef, mag: t.mag}
	for k, g := range t.fs {
		if k != i {
			rest.fs = append(rest.fs, g)
		}
	}
	return c.mulTerms(c.mulTerms(rest, inv), cleared[0]), true
}

// exponentIn is base's exponent in t (0 if absent).
func exponentIn(t cterm, base *Node) float64 {
	if f, ok := factorOf(t, base); ok {
		return f.exp
	}
	return 0
}

// intoRoots moves factors f^e that cannot be negative into a root S^k of
// the same term (f^e·S^k = (f^(e/k)·S)^k), one at a time, while the term
// prints smaller.
func (c *canonizer) intoRoots(t cterm) cterm {
	for changed := true; changed; {
		changed = false
		size := termTree(t).Size()
		for i, s := range t.fs {
			if s.sum == nil || s.exp == math.Trunc(s.exp) {
				continue
			}
			for j, f := range t.fs {
				if j == i || !c.nonNegative(f) {
					continue
				}
				moved := cterm{coef: 1, mag: 1, fs: []cfactor{{base: f.base, exp: f.exp / s.exp, sum: f.sum, arg: f.arg}}}
				inner := c.mulPlain(csum{moved}, s.sum)
				rest := cterm{coef: t.coef, mag: t.mag}
				for k, g := range t.fs {
					if k != i && k != j {
						rest.fs = append(rest.fs, g)
					}
				}
				r := c.powSum(inner, s.exp)
				if len(r) != 1 {
					continue
				}
				if cand := c.mulTerms(rest, r[0]); termTree(cand).Size() < size {
					t, changed = cand, true
					break
				}
			}
			if changed {
				break
			}
		}
	}
	return t
}

// hyperbolic replaces (a·(E − 1))·(E + 1)⁻¹, E = exp(A), by a·tanh(A/2).
func (c *canonizer) hyperbolic(t cterm) cterm {
	for i, f := range t.fs {
		e, a, ok := expMinusOne(f)
		if !ok || f.exp != 1 {
			continue
		}
		for j, g := range t.fs {
			if j == i || g.exp != -1 || !isExpPlusOne(g, e) {
				continue
			}
			out := cterm{coef: t.coef * a, mag: math.Abs(t.coef * a)}
			for k, h := range t.fs {
				if k != i && k != j {
					out.fs = append(out.fs, h)
				}
			}
			th := c.callOf(OpTanh, scaleSum(e.arg, 0.5))
			if len(th) != 1 {
				return t
			}
			return c.mulTerms(out, th[0])
		}
	}
	return t
}

// expMinusOne recognises a factor whose sum is a·(E − 1) for an
// exponential E, returning E's factor and a.
func expMinusOne(f cfactor) (cfactor, float64, bool) {
	if f.sum == nil || len(f.sum) != 2 {
		return cfactor{}, 0, false
	}
	k, e := f.sum[0], f.sum[1]
	if len(k.fs) != 0 || len(e.fs) != 1 || e.fs[0].base.Op != OpExp || e.fs[0].exp != 1 || k.coef != -e.coef {
		return cfactor{}, 0, false
	}
	return e.fs[0], e.coef, true
}

// isExpPlusOne reports whether g's sum is E + 1.
func isExpPlusOne(g cfactor, e cfactor) bool {
	if g.sum == nil || len(g.sum) != 2 {
		return false
	}
	k, x := g.sum[0], g.sum[1]
	return len(k.fs) == 0 && k.coef == 1 && x.coef == 1 && len(x.fs) == 1 && x.fs[0].exp == 1 && compareTree(x.fs[0].base, e.base) == 0
}
