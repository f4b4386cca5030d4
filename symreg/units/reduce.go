package units

import (
	"errors"
	"fmt"
	"math/big"
)

// ErrNotApplicable is wrapped by the errors of dimensional analysis
// that mean "search without it" rather than "the input is wrong": a
// column without units, a target whose units no product of the inputs
// has, or data on which the prefactor is not finite.
var ErrNotApplicable = errors.New("dimensional analysis not applicable")

func notApplicable(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrNotApplicable, fmt.Sprintf(format, args...))
}

// Reduction is the result of dimensional analysis (as in AI Feynman,
// Udrescu & Tegmark 2020): y = P(x)·g(π₁, …, π_k), where the prefactor
// P = Π x_i^Prefactor[i] carries the target's units and each dimensionless
// group π_j = Π x_i^Groups[j][i] is a product of integer powers. Any
// dimensionally consistent law can be written this way (Buckingham π
// theorem), so a search for g runs on k ≤ n dimensionless variables.
type Reduction struct {
	Names     []string   // the original variables
	Prefactor []*big.Rat // exponent of each variable in P
	Groups    [][]int64  // Groups[j][i]: exponent of variable i in π_j

	vars   [][]*big.Rat // unit vectors of the variables and the target, for Adapt
	target []*big.Rat
}

// Reduce looks up the variables and the target in the table and reduces.
// Names without units give an error wrapping ErrNotApplicable that
// names them.
func (t *Table) Reduce(names []string, target string) (*Reduction, error) {
	u, err := t.Lookup(append(append([]string(nil), names...), target)...)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotApplicable, err)
	}
	r, err := ReduceVectors(u[:len(names)], u[len(names)])
	if err != nil {
		return nil, err
	}
	r.Names = append([]string(nil), names...)
	return r, nil
}

// ReduceVectors finds the prefactor and a simple integer basis of the
// dimensionless groups for variables with unit vectors vars[i] and a target
// with units target (all over the same base units), in exact rational
// arithmetic. The groups are a basis of the integer null space of the unit
// matrix, reduced so that exponents are small and mostly zero (like-unit
// quantities become ratios such as q2/q1); the prefactor is the solution
// of M·p = b with the fewest fractional exponents, then the smallest
// Σp², among p₀ plus small multiples of the groups.
func ReduceVectors(vars [][]*big.Rat, target []*big.Rat) (*Reduction, error) {
	for i, v := range vars {
		if len(v) != len(target) {
			return nil, fmt.Errorf("variable %d has %d unit exponents, target %d", i, len(v), len(target))
		}
	}
	order := make([]int, len(vars))
	for i := range order {
		order[i] = i
	}
	p0, groups, err := solveUnits(vars, target, order)
	if err != nil {
		return nil, err
	}
	p, err := choosePrefactor(p0, groups, nil)
	if err != nil {
		return nil, notApplicable("%v", err)
	}
	return &Reduction{Prefactor: p, Groups: groups, vars: vars, target: target}, nil
}

// solveUnits returns a solution p₀ of M·p = b and a reduced, oriented
// integer basis of the null space of M, eliminating the variables in the
// given order: earlier variables become pivots, so later ones with the
// same units appear in groups as ratios to them.
func solveUnits(vars [][]*big.Rat, target []*big.Rat, order []int) ([]*big.Rat, [][]int64, error) {
	dims, n := len(target), len(vars)
	// Augmented matrix [M | b], rows = base units, columns = variables in order.
	a := make([][]*big.Rat, dims)
	for d := range a {
		a[d] = make([]*big.Rat, n+1)
		for k, i := range order {
			a[d][k] = new(big.Rat).Set(vars[i][d])
		}
		a[d][n] = new(big.Rat).Set(target[d])
	}
	pivots := rref(a, n)
	for d := len(pivots); d < dims; d++ {
		if a[d][n].Sign() != 0 {
			return nil, nil, notApplicable("no product of powers of the inputs has the target's units")
		}
	}
	p0 := make([]*big.Rat, n)
	for i := range p0 {
		p0[i] = new(big.Rat)
	}
	isPivot := make([]bool, n)
	for r, c := range pivots {
		p0[order[c]].Set(a[r][n])
		isPivot[c] = true
	}
	var groups [][]int64
	for f := range n {
		if isPivot[f] {
			continue
		}
		v := make([]*big.Rat, n)
		for i := range v {
			v[i] = new(big.Rat)
		}
		v[order[f]].SetInt64(1)
		for r, c := range pivots {
			v[order[c]].Neg(a[r][f])
		}
		g, err := integerVector(v)
		if err != nil {
			return nil, nil, notApplicable("%v", err)
		}
		groups = append(groups, g)
	}
	reduceGroups(groups)
	for _, g := range groups {
		orientGroup(g, order)
	}
	return p0, groups, nil
}

// rref brings a (rows × cols+1, the last column the right-hand side) to
// reduced row echelon form over the first cols columns, in place, and
// returns the pivot column of each leading row. Pivots are taken left to
// right, so a variable whose units repeat an earlier one's is free and
// its group is the ratio of the two.
func rref(a [][]*big.Rat, cols int) []int {
	var pivots []int
	r := 0
	tmp := new(big.Rat)
	for c := 0; c < cols && r < len(a); c++ {
		p := -1
		for i := r; i < len(a); i++ {
			if a[i][c].Sign() != 0 {
				p = i
				break
			}
		}
		if p < 0 {
			continue
		}
		a[r], a[p] = a[p], a[r]
		inv := new(big.Rat).Inv(a[r][c])
		for j := range a[r] {
			a[r][j].Mul(a[r][j], inv)
		}
		for i := range a {
			if i == r || a[i][c].Sign() == 0 {
				continue
			}
			f := new(big.Rat).Set(a[i][c])
			for j := range a[i] {
				a[i][j].Sub(a[i][j], tmp.Mul(f, a[r][j]))
			}
		}
		pivots = append(pivots, c)
		r++
	}
	return pivots
}

// integerVector scales a rational vector to the primitive integer vector
// with the same direction.
func integerVector(v []*big.Rat) ([]int64, error) {
	l := big.NewInt(1)
	for _, x := range v {
		d := x.Denom()
		g := new(big.Int).GCD(nil, nil, l, d)
		l.Mul(l, new(big.Int).Quo(d, g))
	}
	nums := make([]*big.Int, len(v))
	g := new(big.Int)
	for i, x := range v {
		nums[i] = new(big.Int).Mul(x.Num(), new(big.Int).Quo(l, x.Denom()))
		g.GCD(nil, nil, g, new(big.Int).Abs(nums[i]))
	}
	out := make([]int64, len(v))
	for i, x := range nums {
		if g.Sign() != 0 {
			x.Quo(x, g)
		}
		if !x.IsInt64() || x.Int64() > 1<<20 || x.Int64() < -(1<<20) {
			return nil, fmt.Errorf("dimensionless group exponent %v too large", x)
		}
		out[i] = x.Int64()
	}
	return out, nil
}

// groupCost orders groups by simplicity: sum of |exponents|, then number
// of variables, then largest |exponent|.
func groupCost(g []int64) [3]int64 {
	var c [3]int64
	for _, e := range g {
		if e != 0 {
			c[0] += abs64(e)
			c[1]++
			c[2] = max(c[2], abs64(e))
		}
	}
	return c
}

func lessCost(a, b [3]int64) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// reduceGroups simplifies a basis of the group lattice by unimodular steps
// g_i ← g_i ± g_j while that makes g_i strictly simpler (a greedy cousin
// of lattice reduction; the span is unchanged).
func reduceGroups(groups [][]int64) {
	tmp := make([]int64, 0, 16)
	for range 100 {
		changed := false
		for i := range groups {
			for j := range groups {
				if i == j {
					continue
				}
				for _, s := range []int64{1, -1} {
					tmp = tmp[:0]
					for k := range groups[i] {
						tmp = append(tmp, groups[i][k]+s*groups[j][k])
					}
					if lessCost(groupCost(tmp), groupCost(groups[i])) {
						copy(groups[i], tmp)
						changed = true
					}
				}
			}
		}
		if !changed {
			return
		}
	}
}

// orientGroup flips the sign of g so that more exponents are positive than
// negative; for a ratio, so that the variable latest in the elimination
// order (the free one, e.g. x1 in x1/x2 when x2 was eliminated first) is
// above the bar. π and 1/π carry the same information; this makes the
// choice deterministic and puts reference quantities below the bar.
func orientGroup(g []int64, order []int) {
	pos, neg, last := 0, 0, int64(0)
	for _, i := range order {
		switch e := g[i]; {
		case e > 0:
			pos++
			last = e
		case e < 0:
			neg++
			last = e
		}
	}
	if neg > pos || neg == pos && last < 0 {
		for i := range g {
			g[i] = -g[i]
		}
	}
}

// prefactorBudget bounds the candidates choosePrefactor scores.
const prefactorBudget = 200000

// choosePrefactor picks, among p₀ + Σ c_j·g_j with each c_j a multiple of
// 1/L in [-2, 2] (L the common denominator of p₀, so fractional solutions
// can reach integer ones), the simplest exponent vector: given data
// statistics lc (see logStats), first one that makes y/P constant (an
// exact power law), then the smallest largest denominator, fewest
// variables, smallest Σp², smallest Σ|p|, and last the least variance of
// log|y/P| (so m·c² beats m·v² when y/(m·c²) varies less). Groups of a
// single (dimensionless) variable are left out: such a variable never
// belongs in P. Ties keep the earlier candidate (c = 0 first).
func choosePrefactor(p0 []*big.Rat, groups [][]int64, lc *logStats) ([]*big.Rat, error) {
	n := len(p0)
	l := big.NewInt(1)
	for _, x := range p0 {
		d := x.Denom()
		g := new(big.Int).GCD(nil, nil, l, d)
		l.Mul(l, new(big.Int).Quo(d, g))
	}
	if !l.IsInt64() || l.Int64() > 1<<10 {
		return nil, fmt.Errorf("prefactor exponents have denominator %v", l)
	}
	L := l.Int64()
	base := make([]int64, n) // L·p₀
	for i, x := range p0 {
		v := new(big.Int).Mul(x.Num(), new(big.Int).Quo(l, x.Denom()))
		if !v.IsInt64() || v.Int64() > 1<<30 || v.Int64() < -(1<<30) {
			return nil, fmt.Errorf("prefactor exponent %v too large", x)
		}
		base[i] = v.Int64()
	}
	var dimGroups [][]int64
	for _, g := range groups {
		if groupCost(g)[1] > 1 {
			dimGroups = append(dimGroups, g)
		}
	}
	groups = dimGroups
	k := len(groups)
	r := 2 * L // c_j = m/L with |m| ≤ r
	for r > 0 && pow64(2*r+1, k) > prefactorBudget {
		r--
	}
	best := append([]int64(nil), base...)
	bestCost := prefactorCost(best, L, lc)
	m := make([]int64, k)
	for j := range m {
		m[j] = -r
	}
	cand := make([]int64, n)
	for k > 0 && r > 0 {
		copy(cand, base)
		for j, g := range groups {
			for i, e := range g {
				cand[i] += m[j] * e
			}
		}
		if c := prefactorCost(cand, L, lc); c.less(bestCost) {
			best, bestCost = append(best[:0], cand...), c
		}
		j := 0
		for ; j < k; j++ {
			if m[j] < r {
				m[j]++
				break
			}
			m[j] = -r
		}
		if j == k {
			break
		}
	}
	out := make([]*big.Rat, n)
	for i, v := range best {
		out[i] = big.NewRat(v, L)
	}
	return out, nil
}

// pcost ranks prefactor candidates (see choosePrefactor).
type pcost struct {
	inexact     bool // y/P is not constant on the data (always true without data)
	den         int64
	nnz, sq, l1 int64
	logVar      float64
}

func (a pcost) less(b pcost) bool {
	switch {
	case a.inexact != b.inexact:
		return !a.inexact
	case a.den != b.den:
		return a.den < b.den
	case a.nnz != b.nnz:
		return a.nnz < b.nnz
	case a.sq != b.sq:
		return a.sq < b.sq
	case a.l1 != b.l1:
		return a.l1 < b.l1
	}
	// Variances within rounding of each other tie.
	d := a.logVar - b.logVar
	return d < 0 && -d > 1e-9*max(a.logVar, b.logVar)+1e-15
}

// prefactorCost of lp = L·p.
func prefactorCost(lp []int64, L int64, lc *logStats) pcost {
	c := pcost{den: 1, inexact: true}
	for _, v := range lp {
		if v == 0 {
			continue
		}
		c.den = max(c.den, L/gcd64(abs64(v), L))
		c.sq += v * v
		c.l1 += abs64(v)
		c.nnz++
	}
	if lc != nil {
		c.logVar = lc.residualVar(lp, float64(L))
		c.inexact = c.logVar > exactLogVar*max(lc.cov[0][0], 1e-300)
	}
	return c
}

// exactLogVar: y/P counts as constant when the variance of log|y/P| is
// below this fraction of the variance of log|y| (rounding, not a law).
const exactLogVar = 1e-16

func gcd64(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func pow64(b int64, e int) int64 {
	r := int64(1)
	for range e {
		r *= b
		if r > 1<<40 {
			return r
		}
	}
	return r
}

// NumGroups is the number of dimensionless groups (variables of g).
func (r *Reduction) NumGroups() int { return len(r.Groups) }

// Trivial reports whether the reduction changes nothing: the prefactor is
// 1 and every group is a single variable (all inputs and the target are
// dimensionless already).
func (r *Reduction) Trivial() bool {
	for _, p := range r.Prefactor {
		if p.Sign() != 0 {
			return false
		}
	}
	if len(r.Groups) != len(r.Prefactor) {
		return false
	}
	for _, g := range r.Groups {
		if c := groupCost(g); c[0] != 1 {
			return false
		}
	}
	return true
}
