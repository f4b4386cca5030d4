package units

import (
	"math"
)

// Adapt refines the reduction with the data (x[k][i] is variable k at
// row i, y the target), still without looking for
// any formula: each group π that is a ratio (as many variables above the
// fraction bar as below) is replaced by 1/π when |π| is mostly above 1 (laws are more often simple in small ratios,
// 1 − v²/c² rather than 1 − 1/(c/v)²), and the prefactor is chosen again
// with the data as tie-breaker (see choosePrefactor): an exact power law
// y = C·P wins outright, and among equally simple P the one leaving the
// least variance in log|y/P|; the groups are then rebuilt around P's
// variables (ratios to the quantity in P). Rows with a zero or non-finite value take
// no part; with fewer than three usable rows Adapt changes nothing.
func (r *Reduction) Adapt(x [][]float64, y []float64) {
	ls := newLogStats(x, y)
	if ls == nil {
		return
	}
	if p, err := choosePrefactor(r.Prefactor, r.Groups, ls); err == nil {
		r.Prefactor = p
	}
	if r.vars != nil {
		// Rebuild the groups with P's variables eliminated first, so like-unit
		// quantities appear as ratios to the one in P (x1/x2, y1/x2 with P = x2).
		var order []int
		for i, p := range r.Prefactor {
			if p.Sign() != 0 {
				order = append(order, i)
			}
		}
		for i, p := range r.Prefactor {
			if p.Sign() == 0 {
				order = append(order, i)
			}
		}
		if _, groups, err := solveUnits(r.vars, r.target, order); err == nil && len(groups) == len(r.Groups) {
			r.Groups = groups
		}
	}
	for _, g := range r.Groups {
		if !balanced(g) {
			continue // a dimensionless input or a product (ω·t) stays as given
		}
		m := 0.0
		for i, e := range g {
			m += float64(e) * ls.mean[i+1]
		}
		if m > flipLogMean {
			for i := range g {
				g[i] = -g[i]
			}
		}
	}
}

// flipLogMean: a ratio group is inverted when the mean of log|π| exceeds
// this (|π| typically above about 1.3); ratios of quantities on similar
// scales keep the orientation the units gave them.
const flipLogMean = 0.25

// logStats are the means and covariance of z = (log|y|, log|x_1|, …,
// log|x_n|) over the usable rows.
type logStats struct {
	mean []float64
	cov  [][]float64
	w    []float64 // scratch for residualVar
}

func newLogStats(x [][]float64, y []float64) *logStats {
	n := len(x) + 1
	z := make([]float64, n)
	sum := make([]float64, n)
	cross := make([][]float64, n)
	for a := range cross {
		cross[a] = make([]float64, n)
	}
	rows := 0
	// Two passes would be more accurate; logs of physical data are O(10),
	// so one pass about a shift (the first usable row) is plenty.
	var shift []float64
	for i := range y {
		ok := true
		for a := range n {
			v := y[i]
			if a > 0 {
				v = x[a-1][i]
			}
			z[a] = math.Log(math.Abs(v))
			if math.IsNaN(z[a]) || math.IsInf(z[a], 0) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		if shift == nil {
			shift = append([]float64(nil), z...)
		}
		for a := range n {
			z[a] -= shift[a]
		}
		rows++
		for a := range n {
			sum[a] += z[a]
			for b := range n {
				cross[a][b] += z[a] * z[b]
			}
		}
	}
	if rows < 3 {
		return nil
	}
	s := &logStats{mean: make([]float64, n), cov: cross, w: make([]float64, n)}
	for a := range n {
		s.mean[a] = sum[a]/float64(rows) + shift[a]
	}
	for a := range n {
		for b := range n {
			cross[a][b] = cross[a][b]/float64(rows) - sum[a]*sum[b]/float64(rows*rows)
		}
	}
	return s
}

// residualVar is the variance of log|y| − Σ p_i log|x_i| with p = lp/L.
func (s *logStats) residualVar(lp []int64, L float64) float64 {
	n := len(s.cov)
	w := s.w // coefficients on z
	w[0] = 1
	for i, v := range lp {
		w[i+1] = -float64(v) / L
	}
	var t float64
	for a := range n {
		if w[a] == 0 {
			continue
		}
		for b := range n {
			t += w[a] * w[b] * s.cov[a][b]
		}
	}
	return max(t, 0)
}

// balanced reports whether g has as many positive as negative exponents.
func balanced(g []int64) bool {
	s := 0
	for _, e := range g {
		switch {
		case e > 0:
			s++
		case e < 0:
			s--
		}
	}
	return s == 0
}
