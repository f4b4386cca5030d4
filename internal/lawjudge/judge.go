package lawjudge

import (
	"math"
	"math/rand/v2"

	"github.com/ansatz/ansatz/symreg/expr"
)

// Range is the interval a variable was sampled from.
type Range struct{ Lo, Hi float64 }

// Widened is the range the judge also checks a law on: ×0.5…×2 for a
// positive range, half the width more on each side otherwise.
func (r Range) Widened() Range {
	if r.Lo > 0 {
		return Range{r.Lo / 2, r.Hi * 2}
	}
	w := r.Hi - r.Lo
	return Range{r.Lo - w/2, r.Hi + w/2}
}

// Config sets the judge's tolerance and sampling. The zero value gives
// the defaults.
type Config struct {
	// Tol is the largest relative error of a law (default DefaultTol).
	Tol float64
	// Noise is the training target's noise as a fraction of its standard
	// deviation (0: exact data). With noise the tolerance is
	// max(Tol, NoiseFactor·Noise): a formula found on noisy data cannot be
	// expected to beat the noise, but an interpolant misses by far more.
	Noise float64
	// Points is the number of points in each of the two sets, in range
	// and widened (default DefaultPoints).
	Points int
	// Seed fixes the points, so a verdict can be reproduced.
	Seed uint64
}

// Defaults of Config.
const (
	DefaultTol    = 1e-6
	DefaultPoints = 10000
	NoiseFactor   = 5
)

// Tolerance is the relative error a law may have under c.
func (c Config) Tolerance() float64 {
	t := c.Tol
	if t <= 0 {
		t = DefaultTol
	}
	return max(t, NoiseFactor*c.Noise)
}

// Report is the judge's verdict with the evidence.
type Report struct {
	Verdict Verdict
	// Symbolic is set when the candidate's canonical form (expr.Canonical
	// over the widened ranges: simplified, constants within rounding of a
	// simple value snapped) is the truth's (then Law, whatever the
	// numbers say).
	Symbolic bool
	// InRange and Widened are the relative RMS errors ‖f − g‖₂/‖g‖₂ on
	// the fresh points inside the ranges and on the widened ranges (+Inf
	// when the candidate is not finite where the truth is).
	InRange, Widened float64
	// Skipped counts the points drawn where the truth is not real and
	// finite (left out of both sets).
	Skipped int
}

// Judge compares candidate with truth, both over variables 0…len(ranges)-1
// sampled from ranges.
func Judge(candidate, truth *expr.Node, ranges []Range, c Config) Report {
	n := c.Points
	if n <= 0 {
		n = DefaultPoints
	}
	tol := c.Tolerance()
	rng := rand.New(rand.NewPCG(c.Seed, 0x1a3d6e))
	var r Report
	wide := make([]Range, len(ranges))
	bounds := make([]expr.Interval, len(ranges))
	for i, v := range ranges {
		wide[i] = v.Widened()
		bounds[i] = expr.Interval{Lo: wide[i].Lo, Hi: wide[i].Hi}
	}
	canon := expr.CanonOptions{Bounds: bounds}
	r.Symbolic = expr.Equal(expr.Canonical(candidate, canon), expr.Canonical(truth, canon))
	var s1, s2 int
	r.InRange, s1 = relErr(candidate, truth, ranges, n, rng)
	r.Widened, s2 = relErr(candidate, truth, wide, n, rng)
	r.Skipped = s1 + s2
	switch {
	case r.Symbolic || (r.InRange <= tol && r.Widened <= tol):
		r.Verdict = Law
	case r.InRange <= tol:
		r.Verdict = Fit
	}
	return r
}

// relErr draws points uniformly from ranges until n of them have a real,
// finite truth (or 20·n draws were made) and returns ‖f − g‖₂/‖g‖₂ over
// them, +Inf if f is not finite at one of them or no point qualified,
// with the number of points skipped.
func relErr(f, g *expr.Node, ranges []Range, n int, rng *rand.Rand) (float64, int) {
	x := make([]float64, len(ranges))
	var num, den float64
	kept, skipped := 0, 0
	for draws := 0; kept < n && draws < 20*n; draws++ {
		for k, v := range ranges {
			x[k] = v.Lo + (v.Hi-v.Lo)*rng.Float64()
		}
		gv := Eval(g, x)
		if math.IsNaN(gv) || math.IsInf(gv, 0) {
			skipped++
			continue
		}
		kept++
		d := Eval(f, x) - gv
		if math.IsNaN(d) || math.IsInf(d, 0) {
			num = math.Inf(1)
			continue
		}
		num += d * d
		den += gv * gv
	}
	switch {
	case kept == 0 || math.IsInf(num, 1):
		return math.Inf(1), skipped
	case den == 0:
		return math.Sqrt(num), skipped
	}
	return math.Sqrt(num / den), skipped
}
