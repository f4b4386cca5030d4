package expr

import (
	"math"
	"sort"
)

// Canonical simplification works on sums of terms: a term is a
// coefficient times factors base^exp, a base being an atom (a variable, a
// function call with a canonical argument) or a sum that is not expanded
// (normalised so that its coefficients are as plain as they can be).
// This file holds that algebra; canon.go turns trees into it and
// canon_tree.go turns it back into trees.

// cfactor is base^exp within a term.
type cfactor struct {
	base *Node   // the canonical tree of the base
	exp  float64 // any real; integers and halves are the common ones
	sum  csum    // the base as a sum when it is one (for expanding), else nil
	arg  csum    // exp and log atoms: their argument, for exp/log rules
}

// cterm is coef·Π factors, factors sorted by base with distinct bases.
type cterm struct {
	coef float64
	mag  float64 // largest magnitude merged into coef, for the cancellation rule
	fs   []cfactor
}

// csum is a sum of terms with distinct factor lists, sorted, none zero.
type csum []cterm

// cancelTol is the rounding rule of the algebra: a coefficient that is
// this small relative to the largest one merged into it is a rounding
// residue of a cancellation (x·(a·b) − x·c with a·b = c in exact
// arithmetic) and counts as zero; a coefficient this close to a Simple is
// that Simple.
const cancelTol = 1e-12

func constSum(c float64) csum {
	if c == 0 {
		return nil
	}
	return csum{{coef: c, mag: math.Abs(c)}}
}

// isConst reports whether s is a number (0 for the empty sum), and which.
func (s csum) isConst() (float64, bool) {
	switch {
	case len(s) == 0:
		return 0, true
	case len(s) == 1 && len(s[0].fs) == 0:
		return s[0].coef, true
	}
	return 0, false
}

func compareFactors(a, b []cfactor) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if c := compareTree(a[i].base, b[i].base); c != 0 {
			return c
		}
		if a[i].exp != b[i].exp {
			if a[i].exp > b[i].exp { // higher powers first: x^2 + x
				return -1
			}
			return 1
		}
	}
	return len(a) - len(b)
}

// addSums is a + b with like terms merged.
func addSums(a, b csum) csum {
	out := make(csum, 0, len(a)+len(b))
	out = append(out, a...)
	for _, t := range b {
		out = addTermTo(out, t)
	}
	return sortSum(out)
}

// addTermTo adds t to s, merging it with a like term; a sum that cancels
// to rounding (cancelTol) drops out.
func addTermTo(s csum, t cterm) csum {
	for i := range s {
		if compareFactors(s[i].fs, t.fs) == 0 {
			c := s[i].coef + t.coef
			m := max(s[i].mag, t.mag, math.Abs(c))
			if math.Abs(c) <= cancelTol*m {
				return append(s[:i:i], s[i+1:]...)
			}
			s[i].coef, s[i].mag = c, m
			return s
		}
	}
	if t.coef == 0 {
		return s
	}
	return append(s, t)
}

// sortSum puts s in canonical order, first opening any term that is just
// c·(sum) so its terms join s (c·(a + b) + d → c·a + c·b + d).
func sortSum(s csum) csum {
	for i, t := range s {
		if len(t.fs) == 1 && t.fs[0].sum != nil && t.fs[0].exp == 1 {
			rest := append(s[:i:i], s[i+1:]...)
			for _, u := range scaleSum(t.fs[0].sum, t.coef) {
				rest = addTermTo(rest, u)
			}
			return sortSum(rest)
		}
	}
	sort.SliceStable(s, func(i, j int) bool { return compareFactors(s[i].fs, s[j].fs) < 0 })
	return s
}

// scaleSum is c·s.
func scaleSum(s csum, c float64) csum {
	if c == 0 {
		return nil
	}
	out := make(csum, len(s))
	for i, t := range s {
		out[i] = cterm{coef: t.coef * c, mag: t.mag * math.Abs(c), fs: t.fs}
	}
	return out
}

// mulTerms is a·b: coefficients multiplied, equal bases' exponents added
// (x^a·x^b = x^(a+b), which holds wherever the left side is defined), and
// all exp(·) factors merged into one.
func (c *canonizer) mulTerms(a, b cterm) cterm {
	out := cterm{coef: a.coef * b.coef}
	out.mag = math.Abs(out.coef)
	fs := make([]cfactor, 0, len(a.fs)+len(b.fs))
	fs = append(fs, a.fs...)
	for _, f := range b.fs {
		merged := false
		for i := range fs {
			if compareTree(fs[i].base, f.base) == 0 {
				fs[i].exp += f.exp
				merged = true
				break
			}
		}
		if !merged {
			fs = append(fs, f)
		}
	}
	var exps csum
	hasExp := 0
	kept := fs[:0]
	for _, f := range fs {
		switch {
		case f.exp == 0:
		case f.base.Op == OpExp:
			exps = addSums(exps, scaleSum(f.arg, f.exp))
			hasExp++
		default:
			kept = append(kept, f)
		}
	}
	fs = kept
	if hasExp > 0 {
		e := c.expOf(exps)
		out.coef *= e.coef
		out.mag = math.Abs(out.coef)
		fs = append(fs, e.fs...)
	}
	for i, f := range fs {
		if f.base.Op == OpAbs && isEven(f.exp) && f.arg != nil { // |x|^2 = x^2
			rest := cterm{coef: out.coef, mag: out.mag, fs: append(fs[:i:i], fs[i+1:]...)}
			return c.mulTerms(rest, c.sumFactor(f.arg, f.exp)[0])
		}
	}
	out.fs = sortFactors(fs)
	return out
}

// sortFactors puts factors in canonical order (by base).
func sortFactors(fs []cfactor) []cfactor {
	sort.SliceStable(fs, func(i, j int) bool { return compareTree(fs[i].base, fs[j].base) < 0 })
	return fs
}

// maxTerms caps expansion: a product of sums with more terms than this
// stays a product.
const maxTerms = 48

// mulSums is a·b, expanded when c.expand allows it (or one side is a
// single term) and the result stays under maxTerms, else with the larger
// sum kept as a factor.
func (c *canonizer) mulSums(a, b csum) csum {
	if len(a) == 0 || len(b) == 0 {
		return nil
	}
	if len(a) > 1 && len(b) > 1 && (!c.expand || len(a)*len(b) > maxTerms) {
		return c.mulSums(a, c.sumFactor(b, 1))
	}
	if len(a) > 1 && len(b) == 1 && !c.expand && len(b[0].fs) > 0 {
		return c.mulSums(c.sumFactor(a, 1), b)
	}
	if len(b) > 1 && len(a) == 1 && !c.expand && len(a[0].fs) > 0 {
		return c.mulSums(a, c.sumFactor(b, 1))
	}
	var out csum
	for _, x := range a {
		for _, y := range b {
			out = addTermTo(out, c.mulTerms(x, y))
		}
	}
	return c.together(sortSum(out))
}

// powSum is s^k.
func (c *canonizer) powSum(s csum, k float64) csum {
	if v, ok := s.isConst(); ok {
		if r := math.Pow(v, k); !math.IsNaN(r) && !math.IsInf(r, 0) {
			return constSum(r)
		}
		return c.atomSum(&Node{Op: OpPow, L: Const(v), R: Const(k)})
	}
	if k == 1 {
		return s
	}
	if len(s) == 1 {
		if t, ok := c.powTerm(s[0], k); ok {
			return csum{t}
		}
		return c.opaquePow(s, k)
	}
	if c.expand && k == math.Trunc(k) && k >= 2 && k <= 3 && math.Pow(float64(len(s)), k) <= maxTerms {
		out := s
		for i := 1; i < int(k); i++ {
			out = c.mulSums(out, s)
		}
		return out
	}
	return c.sumFactor(s, k)
}

// opaquePow is s^k kept whole: sqrt(s) to a power for halves, pow(s, k)
// otherwise.
func (c *canonizer) opaquePow(s csum, k float64) csum {
	if h := 2 * k; h == math.Trunc(h) {
		return csum{{coef: 1, mag: 1, fs: []cfactor{{base: sqrtOf(c.treeOf(s)), exp: h}}}}
	}
	return c.atomSum(&Node{Op: OpPow, L: c.treeOf(s), R: Const(k)})
}

// powTerm is t^k when it can be written factor by factor, (c·Π f^e)^k
// = c^k·Π f^(e·k): always for an integer k; for other k when c > 0 and
// at most one factor may be negative (splitting (x·y)^k would lose the
// points where x and y are both negative), an even power's base coming
// out as |f| unless known positive ((x^2)^(1/2) = |x|). ok is false
// otherwise.
func (c *canonizer) powTerm(t cterm, k float64) (cterm, bool) {
	integer := k == math.Trunc(k)
	if !integer {
		unsure := 0
		for _, f := range t.fs {
			if !c.nonNegative(f) {
				unsure++
			}
		}
		if t.coef < 0 || unsure > 1 {
			return cterm{}, false
		}
	}
	out := cterm{coef: math.Pow(t.coef, k)}
	out.mag = math.Abs(out.coef)
	for _, f := range t.fs {
		e := f.exp * k
		switch {
		case f.base.Op == OpExp:
			out = c.mulTerms(out, c.expOf(scaleSum(f.arg, e)))
			continue
		case !integer && isEven(f.exp) && !isEven(e) && !c.positive(f.base):
			abs := c.absOf(csum{{coef: 1, mag: 1, fs: []cfactor{{base: f.base, exp: 1, sum: f.sum, arg: f.arg}}}})
			p := c.powSum(abs, e)
			if len(p) != 1 {
				return cterm{}, false
			}
			out = c.mulTerms(out, p[0])
			continue
		}
		out = c.mulTerms(out, cterm{coef: 1, mag: 1, fs: []cfactor{{base: f.base, exp: e, sum: f.sum, arg: f.arg}}})
	}
	return out, true
}

// nonNegative reports whether a factor is ≥ 0 wherever it is defined: an
// exp, an even power, a fractional power (defined for a base ≥ 0 only),
// or a base the bounds show positive.
func (c *canonizer) nonNegative(f cfactor) bool {
	return f.base.Op == OpExp || isEven(f.exp) || f.exp != math.Trunc(f.exp) || c.positive(f.base)
}

func isEven(x float64) bool { return x == math.Trunc(x) && math.Mod(x, 2) == 0 }

// sumFactor is s^k as one term with s (of two or more terms) kept as a
// factor. The sum is normalised first: factors common to all its terms
// come out ((x·a + x·b)^k = x^k·(a + b)^k, for an integer k or factors
// that cannot be negative), then the divisor d that makes most
// coefficients ±1 (positive unless k is an integer), d^k going into the
// coefficient, so that 2x − 2y and x − y share a base.
func (c *canonizer) sumFactor(s csum, k float64) csum {
	if len(s) < 2 {
		return c.powSum(s, k)
	}
	out := cterm{coef: 1, mag: 1}
	if common := commonFactors(s); len(common) > 0 && (k == math.Trunc(k) || c.allNonNegative(common)) {
		if m, ok := c.powTerm(cterm{coef: 1, mag: 1, fs: common}, k); ok {
			out = m
			s = c.divideOut(s, common)
		}
	}
	d := plainDivisor(s, k == math.Trunc(k))
	n := scaleSum(s, 1/d)
	for i := range n {
		if sv, ok := SimpleOf(n[i].coef, cancelTol); ok {
			n[i].coef = sv.Value()
		}
	}
	out = c.mulTerms(out, cterm{coef: math.Pow(d, k), mag: 1, fs: []cfactor{{base: c.treeOf(n), exp: k, sum: n}}})
	return csum{out}
}

// allNonNegative reports whether none of the factors can be negative.
func (c *canonizer) allNonNegative(fs []cfactor) bool {
	for _, f := range fs {
		if !c.nonNegative(f) {
			return false
		}
	}
	return true
}

// commonFactors are the bases every term of s has, with exponents of one
// sign, at the smallest such power.
func commonFactors(s csum) []cfactor {
	var common []cfactor
	for _, f := range s[0].fs {
		e := f.exp
		shared := true
		for _, t := range s[1:] {
			g, found := factorOf(t, f.base)
			if !found || (g.exp > 0) != (e > 0) {
				shared = false
				break
			}
			if math.Abs(g.exp) < math.Abs(e) {
				e = g.exp
			}
		}
		if shared {
			common = append(common, cfactor{base: f.base, exp: e, sum: f.sum, arg: f.arg})
		}
	}
	return common
}

// divideOut divides every term of s by the factors.
func (c *canonizer) divideOut(s csum, fs []cfactor) csum {
	inv := cterm{coef: 1, mag: 1}
	for _, f := range fs {
		inv.fs = append(inv.fs, cfactor{base: f.base, exp: -f.exp, sum: f.sum, arg: f.arg})
	}
	var out csum
	for _, t := range s {
		out = addTermTo(out, c.mulTerms(t, inv))
	}
	return sortSum(out)
}

// factorOf finds base among t's factors.
func factorOf(t cterm, base *Node) (cfactor, bool) {
	for _, f := range t.fs {
		if compareTree(f.base, base) == 0 {
			return f, true
		}
	}
	return cfactor{}, false
}

// plainDivisor is the coefficient of s (or its negative, when signed is
// allowed) that, divided out, leaves the most coefficients equal to ±1;
// ties go to 1, then to the constant term, then to the first term, and
// with signed the sign goes as preferNegated says.
func plainDivisor(s csum, signed bool) float64 {
	best, bestUnits := 1.0, units(s, 1)
	for _, t := range s {
		d := math.Abs(t.coef)
		if u := units(s, d); u > bestUnits || (u == bestUnits && len(t.fs) == 0 && best != 1) {
			best, bestUnits = d, u
		}
	}
	if signed && preferNegated(s) {
		best = -best
	}
	return best
}

// preferNegated decides between s and −s as the canonical one: the one
// with fewer negative terms; on a tie the one whose constant is positive
// (1 − x, not x − 1), else whose first term is.
func preferNegated(s csum) bool {
	neg, konst := 0, 0.0
	for _, t := range s {
		if t.coef < 0 {
			neg++
		}
		if len(t.fs) == 0 {
			konst = t.coef
		}
	}
	switch {
	case 2*neg != len(s):
		return 2*neg > len(s)
	case konst != 0:
		return konst < 0
	}
	return s[0].coef < 0
}

// units counts the coefficients of s that are ±1 (to cancelTol) after
// division by d.
func units(s csum, d float64) int {
	n := 0
	for _, t := range s {
		if math.Abs(math.Abs(t.coef/d)-1) <= cancelTol {
			n++
		}
	}
	return n
}

// together writes a sum whose terms divide by sums over a common
// denominator, N·D⁻¹, and cancels what it can, as one term: the step
// that turns ω₀·(a(bu − c)/(d − du) + k) into ω₀/(1 − u). Only integer
// powers of sums are gathered; other sums stay as they are.
func (c *canonizer) together(s csum) csum {
	if !c.expand || len(s) < 2 {
		return s
	}
	var dens []cfactor // distinct sum bases with their largest negative power
	for _, t := range s {
		for _, f := range t.fs {
			if f.sum == nil || f.exp >= 0 || f.exp != math.Trunc(f.exp) {
				continue
			}
			found := false
			for i := range dens {
				if compareTree(dens[i].base, f.base) == 0 {
					dens[i].exp = min(dens[i].exp, f.exp)
					found = true
				}
			}
			if !found {
				dens = append(dens, f)
			}
		}
	}
	if len(dens) == 0 {
		return s
	}
	lcd := cterm{coef: 1, mag: 1}
	inv := cterm{coef: 1, mag: 1}
	for _, d := range dens {
		lcd.fs = append(lcd.fs, cfactor{base: d.base, exp: -d.exp, sum: d.sum})
		inv.fs = append(inv.fs, d)
	}
	lcd = c.mulTerms(lcd, cterm{coef: 1, mag: 1})
	inv = c.mulTerms(inv, cterm{coef: 1, mag: 1})
	var num csum
	for _, t := range s {
		for _, x := range c.expandSumFactors(c.mulTerms(t, lcd)) {
			num = addTermTo(num, x)
		}
	}
	num = sortSum(num)
	if len(num) > maxTerms {
		return s
	}
	if len(num) == 0 {
		return nil
	}
	var out csum
	if len(num) == 1 {
		out = csum{c.mulTerms(num[0], inv)}
	} else {
		out = csum{c.mulTerms(c.sumFactor(num, 1)[0], inv)}
	}
	return out
}

// expandSumFactors multiplies out the factors of t that are sums raised
// to a small positive integer power.
func (c *canonizer) expandSumFactors(t cterm) csum {
	rest := cterm{coef: t.coef, mag: t.mag}
	out := csum(nil)
	var sums []cfactor
	for _, f := range t.fs {
		if f.sum != nil && f.exp == math.Trunc(f.exp) && f.exp >= 1 && f.exp <= 3 {
			sums = append(sums, f)
			continue
		}
		rest.fs = append(rest.fs, f)
	}
	out = csum{rest}
	for _, f := range sums {
		p := f.sum
		for i := 1; i < int(f.exp); i++ {
			p = c.mulPlain(p, f.sum)
		}
		out = c.mulPlain(out, p)
	}
	return out
}

// mulPlain distributes a over b without gathering denominators.
func (c *canonizer) mulPlain(a, b csum) csum {
	var out csum
	for _, x := range a {
		for _, y := range b {
			out = addTermTo(out, c.mulTerms(x, y))
		}
	}
	return sortSum(out)
}
