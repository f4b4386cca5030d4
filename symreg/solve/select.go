package solve

import (
	"fmt"
	"math"
	"strings"

	"github.com/ansatz/ansatz/symreg"
)

// Selection rules, as Choice.Rule names them.
const (
	RuleExact = "exact" // the simplest formula that fits every row to rounding
	RuleCV    = "cv"    // the simplest within noise of the lowest cross-validated error that holds at the edges
	RuleOnly  = "only"  // a front of one formula
)

// Selection settings.
const (
	// ExactRel is the relative RMS error below which a formula fits to
	// rounding: the data cannot prefer anything to it.
	ExactRel = 1e-10
	// PrecisionRel is the relative RMS error below which differences
	// between formulas are fitting and rounding artefacts, not
	// information: no measurement is that precise.
	PrecisionRel = 1e-7
	// EdgeFactor is how much worse than the noise a formula refitted on
	// the central 80 % of the ranges may do on the outer 20 % and still
	// hold at the edges.
	EdgeFactor = 10
	// NoiseBand is how many relative standard errors of a mean of n
	// squared Gaussian errors (√(2/n)) a formula's cross-validated error
	// may exceed the lowest by and still be within noise of it: with
	// few rows the lowest of many formulas' errors is low by chance
	// (an overfit threading the noise), so the band is wide; with many
	// rows it is narrow.
	NoiseBand = 2.5
	// cvRows caps the rows cross-validation and the edge test use.
	cvRows = 1000
	// edgeTries caps the candidates the edge test is run on.
	edgeTries = 6
)

// Choice is the formula picked from a front, with the rule that picked it
// and why, in words for the output.
type Choice struct {
	Index int    // into the front
	Rule  string // RuleExact, RuleCV or RuleOnly
	Why   string
	// Noise is the estimate of the target's noise variance the choice
	// used (0 for an exact fit), NoiseMethod how it was found.
	Noise       float64
	NoiseMethod string
}

// SelectConfig configures Select.
type SelectConfig struct {
	Folds int    // k of the k-fold cross-validation (default 5)
	Seed  uint64 // of the fold assignment
}

// Select chooses the law from a front (simplest first) over data:
//
//  1. Formulas that look like interpolants (see interpolant: too many
//     constants for the rows, terms oscillating faster than the sampling)
//     are set aside while any other remains.
//  2. If a formula fits every row to rounding (relative RMS ≤ ExactRel),
//     the simplest such is chosen (rule exact).
//  3. Otherwise each formula is scored by k-fold cross-validation, its
//     constants refitted without the held-out fold. The noise is the
//     lowest cross-validated error (or the replicates' variance, when the
//     table has replicates): a formula whose error is within one standard
//     error of the lowest (paired over rows, or NoiseBand relative
//     standard errors of a mean of squared Gaussian errors if more), or
//     below the noise or the precision floor, is as good as any, since the data cannot tell it
//     apart, and a loss below the noise is never rewarded. Among those,
//     the simplest whose fit holds at the edges (refitted on the central
//     80 % of every input's range, its error on the outer 20 % within
//     EdgeFactor of the noise) is chosen (rule cv); if none holds there,
//     the simplest.
func Select(front []symreg.FrontEntry, data *symreg.Data, cfg SelectConfig) Choice {
	if len(front) == 0 {
		return Choice{Index: -1}
	}
	if cfg.Folds < 2 {
		cfg.Folds = 5
	}
	s := &selector{front: front, data: data}
	s.setAside()
	if c, ok := s.exact(); ok {
		return c
	}
	if len(front) == 1 {
		return Choice{Index: 0, Rule: RuleOnly, Why: s.why("the front holds one formula")}
	}
	return s.crossValidate(cfg)
}

// selector is the state of one Select call.
type selector struct {
	front []symreg.FrontEntry
	data  *symreg.Data
	ok    []bool   // not an interpolant (or every formula is)
	notes []string // what was set aside and why
}

// setAside marks the formulas that look like interpolants.
func (s *selector) setAside() {
	s.ok = make([]bool, len(s.front))
	any := false
	for i, e := range s.front {
		if why := interpolant(e.Tree, s.data); why != "" {
			s.notes = append(s.notes, fmt.Sprintf("complexity %d set aside: %s", e.Complexity, why))
		} else {
			s.ok[i], any = true, true
		}
	}
	if !any {
		for i := range s.ok {
			s.ok[i] = true
		}
		s.notes = append(s.notes, "every formula looks like an interpolant; choosing among all")
	}
}

// why joins the reason with the notes.
func (s *selector) why(reason string) string {
	return strings.Join(append([]string{reason}, s.notes...), "; ")
}

// meanSquare is the weighted mean of y².
func meanSquare(d *symreg.Data) float64 {
	sq := make([]float64, d.Rows())
	rows := make([]int, d.Rows())
	for i, v := range d.Y {
		sq[i], rows[i] = v*v, i
	}
	return weightedMean(sq, rows, d.W)
}

// exact picks the simplest formula fitting to rounding, if there is one.
func (s *selector) exact() (Choice, bool) {
	ms := meanSquare(s.data)
	for i, e := range s.front {
		if !s.ok[i] {
			continue
		}
		if m := symreg.MSE(e.Tree, s.data); m <= ExactRel*ExactRel*ms {
			return Choice{Index: i, Rule: RuleExact, Why: s.why(fmt.Sprintf("the simplest formula that fits every row to rounding (relative RMS error %.2g ≤ %g)", math.Sqrt(m/ms), ExactRel))}, true
		}
	}
	return Choice{}, false
}

// crossValidate is rule 3 of Select.
func (s *selector) crossValidate(cfg SelectConfig) Choice {
	d := subsample(s.data, cvRows)
	n := d.Rows()
	k := min(cfg.Folds, n)
	fs := folds(n, k, cfg.Seed)
	errs := make([][]float64, len(s.front))
	cv := make([]float64, len(s.front))
	rows := make([]int, n)
	for i := range rows {
		rows[i] = i
	}
	best := -1
	for i, e := range s.front {
		cv[i] = math.Inf(1)
		if !s.ok[i] {
			continue
		}
		if errs[i] = cvErrors(e.Tree, d, fs); errs[i] != nil {
			cv[i] = weightedMean(errs[i], rows, d.W)
		}
		if best < 0 || cv[i] < cv[best] {
			best = i
		}
	}
	if best < 0 || math.IsInf(cv[best], 1) {
		i := symreg.Choose(s.front, symreg.SelectBest)
		return Choice{Index: i, Rule: symreg.SelectBest, Why: s.why("no formula survives cross-validation; PySR's best rule")}
	}
	level, method := cv[best], fmt.Sprintf("%d-fold cross-validated error of the best formula", k)
	if v, ok := replicateVar(d); ok {
		level, method = v, "replicates"
	}
	floor := PrecisionRel * PrecisionRel * meanSquare(d)
	var cands []int
	for i := range s.front {
		if math.IsInf(cv[i], 1) {
			continue
		}
		se := max(pairedSE(errs[i], errs[best]), NoiseBand*math.Sqrt(2/float64(n))*cv[best])
		if cv[i] <= cv[best]+se || cv[i] <= level || cv[i] <= floor {
			cands = append(cands, i)
		}
	}
	central, outer := edgeSplit(d)
	edgeRows := len(central) >= 5 && len(outer) >= 3
	base := fmt.Sprintf("%d-fold CV error %.3g, the simplest within noise of the lowest (%.3g at complexity %d; noise %.3g from the %s)",
		k, cv[cands[0]], cv[best], s.front[best].Complexity, level, method)
	c := Choice{Index: cands[0], Rule: RuleCV, Noise: level, NoiseMethod: method}
	if !edgeRows {
		c.Why = s.why(base + "; too few rows at the edges to test")
		return c
	}
	tol := EdgeFactor * max(level, floor)
	for j, i := range cands {
		if j == edgeTries {
			break
		}
		if e := edgeError(s.front[i].Tree, d, central, outer); e <= tol {
			c.Index = i
			c.Why = s.why(fmt.Sprintf("%d-fold CV error %.3g within noise of the lowest (%.3g at complexity %d; noise %.3g from the %s); the simplest such that holds at the edges (refitted on the central 80%% of the ranges, error %.3g on the outer 20%%)",
				k, cv[i], cv[best], s.front[best].Complexity, level, method, e))
			return c
		}
	}
	c.Why = s.why(base + "; none of them holds at the edges")
	return c
}

// pairedSE is the standard error of the mean of a−b (0 if either is nil).
func pairedSE(a, b []float64) float64 {
	if a == nil || b == nil || len(a) < 2 {
		return 0
	}
	var m float64
	for i := range a {
		m += a[i] - b[i]
	}
	m /= float64(len(a))
	var v float64
	for i := range a {
		d := a[i] - b[i] - m
		v += d * d
	}
	return math.Sqrt(v / float64(len(a)-1) / float64(len(a)))
}

// PlateauBand is the relative band of symreg.Options.StopPlateau for n
// rows: the NoiseBand relative standard errors of a mean of n squared
// Gaussian errors within which Select counts losses as equal, at most
// 1/4 (a front flat only to within more than that is no plateau).
func PlateauBand(n int) float64 {
	return min(0.25, NoiseBand*math.Sqrt(2/float64(max(n, 1))))
}
