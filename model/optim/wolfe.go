package optim

import "math"

// lineSearch finds t > 0 along x0 + t·d satisfying the strong Wolfe
// conditions f(t) <= f0 + c1·t·dg0 and |f'(t)| <= c2·|dg0|
// (Nocedal & Wright algorithm 3.5 with the zoom of algorithm 3.6 and
// cubic interpolation, safeguarded by bisection).
type lineSearch struct {
	f        Func
	x0, d    []float64
	f0, dg0  float64
	c1, c2   float64
	max      int
	xt, gt   []float64
	evals    int
	bestT    float64
	bestF    float64
	bestG    []float64
	haveBest bool
}

// eval returns f and the directional derivative at step t, keeping the
// best sufficient-decrease point as a fallback.
func (ls *lineSearch) eval(t float64) (float64, float64) {
	for i := range ls.xt {
		ls.xt[i] = ls.x0[i] + t*ls.d[i]
	}
	ft := ls.f(ls.xt, ls.gt)
	ls.evals++
	dg := dot(ls.gt, ls.d)
	if finite(ft) && ft < ls.f0 && (!ls.haveBest || ft < ls.bestF) {
		ls.bestT, ls.bestF, ls.haveBest = t, ft, true
		copy(ls.bestG, ls.gt)
	}
	return ft, dg
}

// run returns the accepted step, f and gradient there, and whether a step
// that at least decreases f was found. x is used as scratch.
func (ls *lineSearch) run(t float64, x []float64) (float64, float64, []float64, bool) {
	n := len(ls.x0)
	ls.xt = x
	ls.gt = make([]float64, n)
	ls.bestG = make([]float64, n)
	tPrev, fPrev, dgPrev := 0.0, ls.f0, ls.dg0
	for i := 0; i < ls.max; i++ {
		ft, dgt := ls.eval(t)
		if !finite(ft) { // stepped into a bad region: shrink
			t = (tPrev + t) / 2
			continue
		}
		if ft > ls.f0+ls.c1*t*ls.dg0 || (i > 0 && ft >= fPrev) {
			return ls.zoom(tPrev, fPrev, dgPrev, t, ft, dgt)
		}
		if math.Abs(dgt) <= -ls.c2*ls.dg0 {
			return t, ft, ls.gt, true
		}
		if dgt >= 0 {
			return ls.zoom(t, ft, dgt, tPrev, fPrev, dgPrev)
		}
		tPrev, fPrev, dgPrev = t, ft, dgt
		t *= 2
	}
	return ls.fallback()
}

// zoom narrows [lo, hi] (lo satisfies sufficient decrease) until a strong
// Wolfe point is found.
func (ls *lineSearch) zoom(lo, flo, dglo, hi, fhi, dghi float64) (float64, float64, []float64, bool) {
	for ls.evals < ls.max {
		t := cubicMin(lo, flo, dglo, hi, fhi, dghi)
		a, b := math.Min(lo, hi), math.Max(lo, hi)
		if !(t > a+0.1*(b-a) && t < b-0.1*(b-a)) {
			t = (lo + hi) / 2
		}
		if b-a < 1e-16*math.Max(1, b) {
			break
		}
		ft, dgt := ls.eval(t)
		if !finite(ft) || ft > ls.f0+ls.c1*t*ls.dg0 || ft >= flo {
			hi, fhi, dghi = t, ft, dgt
			if !finite(ft) {
				fhi, dghi = math.Inf(1), 0
			}
			continue
		}
		if math.Abs(dgt) <= -ls.c2*ls.dg0 {
			return t, ft, ls.gt, true
		}
		if dgt*(hi-lo) >= 0 {
			hi, fhi, dghi = lo, flo, dglo
		}
		lo, flo, dglo = t, ft, dgt
	}
	return ls.fallback()
}

// fallback accepts the best decreasing point seen, if any.
func (ls *lineSearch) fallback() (float64, float64, []float64, bool) {
	if !ls.haveBest {
		return 0, ls.f0, nil, false
	}
	return ls.bestT, ls.bestF, ls.bestG, true
}

// cubicMin is the minimiser of the cubic interpolating f and f' at a and
// b; NaN when the cubic has no real minimiser.
func cubicMin(a, fa, da, b, fb, db float64) float64 {
	if !finite(fb) {
		return math.NaN()
	}
	d1 := da + db - 3*(fa-fb)/(a-b)
	disc := d1*d1 - da*db
	if disc < 0 {
		return math.NaN()
	}
	d2 := math.Sqrt(disc)
	if b < a {
		d2 = -d2
	}
	return b - (b-a)*(db+d2-d1)/(db-da+2*d2)
}
