package optim

import (
	"errors"
	"math"
)

// LBFGS is limited-memory BFGS with a strong-Wolfe line search
// (Nocedal & Wright, algorithms 7.4, 3.5 and 3.6). It is stateful so a
// caller can interleave steps with other work (KAN grid updates) and call
// Reset when the objective changes under it.
type LBFGS struct {
	M       int     // history length (default 10 when 0)
	GradTol float64 // stop when max|g| <= GradTol (default 1e-12 when 0)
	FTol    float64 // stop when |Δf| <= FTol·max(1,|f|) (default 1e-15 when 0)
	C1, C2  float64 // Wolfe constants (defaults 1e-4, 0.9 when 0)
	MaxLS   int     // line-search evaluations per step (default 25 when 0)

	s, y  [][]float64 // ring of the last M steps and gradient changes
	rho   []float64
	head  int
	count int

	f    float64
	g    []float64
	d    []float64
	have bool // f and g are valid for the current x
	iter int
}

// ErrConverged is returned by Step when the gradient or the change in f
// is below tolerance: no further progress is possible.
var ErrConverged = errors.New("optim: converged")

// ErrLineSearch is returned by Step when no step satisfying the Wolfe
// conditions (or even decreasing f) was found; x is left at the best
// point seen.
var ErrLineSearch = errors.New("optim: line search failed")

// Reset drops the curvature history and the cached objective value.
func (o *LBFGS) Reset() {
	o.s, o.y, o.rho = nil, nil, nil
	o.head, o.count, o.have, o.iter = 0, 0, false, 0
}

func (o *LBFGS) defaults() (m int, gtol, ftol, c1, c2 float64, maxls int) {
	m, gtol, ftol, c1, c2, maxls = o.M, o.GradTol, o.FTol, o.C1, o.C2, o.MaxLS
	if m <= 0 {
		m = 10
	}
	if gtol == 0 {
		gtol = 1e-12
	}
	if ftol == 0 {
		ftol = 1e-15
	}
	if c1 == 0 {
		c1 = 1e-4
	}
	if c2 == 0 {
		c2 = 0.9
	}
	if maxls <= 0 {
		maxls = 25
	}
	return
}

// Invalidate drops the cached objective value but keeps the curvature
// history: for objectives that changed only slightly (a KAN grid update
// refits the splines to the same function), as torch's L-BFGS state
// survives pykan's grid updates.
func (o *LBFGS) Invalidate() { o.have = false }

// Step performs one L-BFGS iteration on x in place and returns the new
// objective value. It returns ErrConverged (with x unchanged) when there
// is nothing left to do and ErrLineSearch when the search failed.
func (o *LBFGS) Step(f Func, x []float64) (float64, error) {
	m, gtol, ftol, c1, c2, maxls := o.defaults()
	n := len(x)
	if !o.have || len(o.g) != n {
		if len(o.g) != n {
			o.Reset()
			o.g = make([]float64, n)
			o.d = make([]float64, n)
		}
		o.f = f(x, o.g)
		o.have = true
	}
	if !finite(o.f) {
		return o.f, errors.New("optim: objective is not finite at the starting point")
	}
	if maxAbs(o.g) <= gtol {
		return o.f, ErrConverged
	}
	o.direction(m)
	dg := dot(o.d, o.g)
	if !(dg < 0) { // not a descent direction: fall back to steepest descent
		o.s, o.y, o.rho, o.count, o.head = nil, nil, nil, 0, 0
		for i := range o.d {
			o.d[i] = -o.g[i]
		}
		dg = dot(o.d, o.g)
	}
	step := 1.0
	if o.iter == 0 || o.count == 0 {
		step = math.Min(1, 1/sumAbs(o.g))
	}
	x0 := append([]float64(nil), x...)
	g0 := append([]float64(nil), o.g...)
	f0 := o.f
	ls := lineSearch{f: f, x0: x0, d: o.d, f0: f0, dg0: dg, c1: c1, c2: c2, max: maxls}
	t, ft, gt, ok := ls.run(step, x)
	if !ok {
		copy(x, x0)
		o.f, o.g = f0, g0
		return f0, ErrLineSearch
	}
	for i := range x {
		x[i] = x0[i] + t*o.d[i]
	}
	o.push(m, x0, x, g0, gt)
	o.f = ft
	copy(o.g, gt)
	o.iter++
	if math.Abs(f0-ft) <= ftol*math.Max(1, math.Abs(ft)) {
		return ft, ErrConverged
	}
	return ft, nil
}

// direction writes d = -H·g by the two-loop recursion.
func (o *LBFGS) direction(m int) {
	q := o.d
	for i := range q {
		q[i] = -o.g[i]
	}
	if o.count == 0 {
		return
	}
	alpha := make([]float64, o.count)
	for j := 0; j < o.count; j++ {
		i := (o.head - 1 - j + m) % m
		alpha[j] = o.rho[i] * dot(o.s[i], q)
		axpy(q, -alpha[j], o.y[i])
	}
	last := (o.head - 1 + m) % m
	gamma := dot(o.s[last], o.y[last]) / dot(o.y[last], o.y[last])
	for i := range q {
		q[i] *= gamma
	}
	for j := o.count - 1; j >= 0; j-- {
		i := (o.head - 1 - j + m) % m
		beta := o.rho[i] * dot(o.y[i], q)
		axpy(q, alpha[j]-beta, o.s[i])
	}
}

// push records the pair (s, y) if it keeps H positive definite.
func (o *LBFGS) push(m int, x0, x1, g0, g1 []float64) {
	n := len(x0)
	if o.s == nil {
		o.s = make([][]float64, m)
		o.y = make([][]float64, m)
		o.rho = make([]float64, m)
	}
	if o.s[o.head] == nil {
		o.s[o.head] = make([]float64, n)
		o.y[o.head] = make([]float64, n)
	}
	s, y := o.s[o.head], o.y[o.head]
	for i := range s {
		s[i] = x1[i] - x0[i]
		y[i] = g1[i] - g0[i]
	}
	sy := dot(s, y)
	if !(sy > 1e-10*math.Sqrt(dot(s, s)*dot(y, y))) || !finite(sy) {
		return
	}
	o.rho[o.head] = 1 / sy
	o.head = (o.head + 1) % m
	if o.count < m {
		o.count++
	}
}

// Minimize runs Step until convergence, a failed line search or maxIter
// iterations; each finished step is reported to progress (if non-nil),
// which may stop the run by returning false. It returns the final f.
func (o *LBFGS) Minimize(f Func, x []float64, maxIter int, progress func(iter int, f float64) bool) (float64, error) {
	fx := math.NaN()
	for it := 0; it < maxIter; it++ {
		v, err := o.Step(f, x)
		fx = v
		if err == ErrConverged {
			return fx, nil
		}
		if err != nil {
			return fx, err
		}
		if progress != nil && !progress(it, fx) {
			break
		}
	}
	return fx, nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func dot(a, b []float64) float64 {
	s := 0.0
	for i, v := range a {
		s += v * b[i]
	}
	return s
}

func axpy(dst []float64, a float64, x []float64) {
	for i, v := range x {
		dst[i] += a * v
	}
}

func maxAbs(a []float64) float64 {
	m := 0.0
	for _, v := range a {
		m = math.Max(m, math.Abs(v))
	}
	return m
}

func sumAbs(a []float64) float64 {
	s := 0.0
	for _, v := range a {
		s += math.Abs(v)
	}
	if s == 0 {
		return 1
	}
	return s
}
