package symreg

import (
	"math"
	"math/rand/v2"
	"slices"
	"sync"

	"github.com/ansatz/ansatz/kernels"
	"github.com/ansatz/ansatz/symreg/expr"
)

// FitOptions configure FitConstants.
type FitOptions struct {
	MaxIter       int     // Levenberg–Marquardt iterations (default 40)
	LinearScaling bool    // score a·f(x)+b with a, b solved in closed form (variable projection)
	Tol           float64 // stop when an accepted step lowers the loss by less than this fraction (default 1e-10)
	// Restarts runs LM again this many times from the best constants so
	// far, each scaled by 1 + N(0, 1/4) (PySR's scheme), keeping the best.
	Restarts int
	Rand     *rand.Rand // perturbations for Restarts (nil: a fixed seed, so results are reproducible)
}

// FitResult reports a constant fit.
type FitResult struct {
	Loss  float64 // weighted mean squared error Σw(y−ŷ)²/Σw after the fit; ŷ = a·f+b with scaling
	A, B  float64 // the linear scaling (1 and 0 without LinearScaling)
	Iters int     // accepted LM steps
	Evals int     // loss evaluations over the data
	// NodeRows is the work of the fit in tree nodes × rows: every forward
	// and reverse pass of its tape (see expr.Tape.NodeRows).
	NodeRows int64
	OK       bool // false if the tree is not finite on every row at its starting constants
}

// FitConstants refines the constants of tree (in place) to minimise the
// weighted squared error against y over the rows of cols (column-major,
// cols[k][i]; w nil means unit weights). It runs Levenberg–Marquardt with
// the Jacobian from reverse-mode differentiation of the tree (see
// Jacobian), Marquardt's diagonal scaling, and steps that make any row
// non-finite rejected like steps that raise the loss. With LinearScaling
// the model is a·f+b: a and b are the weighted least-squares solution for
// the current constants, and the Jacobian is projected off span{f, 1}
// (Kaufman's variable-projection approximation). The tree keeps its
// starting constants unless the fit lowered the loss.
func FitConstants(tree *expr.Node, cols [][]float64, y, w []float64, opt FitOptions) FitResult {
	if opt.MaxIter <= 0 {
		opt.MaxIter = 40
	}
	if opt.Tol <= 0 {
		opt.Tol = 1e-10
	}
	f := newFitter(tree, cols, y, w, opt.LinearScaling)
	defer f.release()
	res := f.fit(opt)
	res.NodeRows = f.t.NodeRows()
	return res
}

// fit is FitConstants on the fitter's tree and data.
func (f *fitter) fit(opt FitOptions) FitResult {
	c := make([]float64, len(f.t.Consts()))
	for i, n := range f.t.Consts() {
		c[i] = n.Value
	}
	cur := f.eval(c)
	f.commit()
	res := FitResult{Loss: cur.loss, A: cur.a, B: cur.b, Evals: 1, OK: cur.ok}
	if !cur.ok || len(c) == 0 {
		return res
	}
	best := append([]float64(nil), c...)
	cur = f.minimize(c, cur, opt, &res)
	copy(best, c)
	if opt.Restarts > 0 {
		rng := opt.Rand
		if rng == nil {
			rng = rand.New(rand.NewPCG(1, uint64(len(c))))
		}
		for r := 0; r < opt.Restarts; r++ {
			// PySR's restart: every constant scaled by 1 + N(0, 1/4).
			for i := range c {
				c[i] = best[i] * (1 + 0.5*rng.NormFloat64())
			}
			start := f.eval(c)
			res.Evals++
			if !start.ok {
				continue
			}
			f.commit()
			before := res.Iters
			if end := f.minimize(c, start, opt, &res); end.loss < cur.loss {
				cur = end
				copy(best, c)
				res.Iters++ // the restart's start itself was a move
			} else {
				res.Iters = before
			}
		}
		copy(c, best)
	}
	if res.Iters > 0 {
		for i, n := range f.t.Consts() {
			n.Value = c[i]
		}
	}
	res.Loss, res.A, res.B = cur.loss, cur.a, cur.b
	return res
}

// minimize runs Levenberg–Marquardt from constants c (updated in place)
// whose state cur was the last committed eval; it returns the final state
// and counts accepted steps and evaluations in res.
func (f *fitter) minimize(c []float64, cur point, opt FitOptions, res *FitResult) point {
	p := len(c)
	lambda := 1e-3
	m := f.mem
	m.trial, m.sys, m.delta = grow(m.trial, p), grow(m.sys, p*p), grow(m.delta, p)
	trial, sys, delta := m.trial, m.sys, m.delta
	for it := 0; it < opt.MaxIter; it++ {
		h, g, ok := f.linearize(c, cur)
		if !ok {
			break
		}
		accepted := false
		for try := 0; try < 12 && !accepted; try++ {
			copy(sys, h)
			for i := 0; i < p; i++ {
				sys[i*p+i] += lambda * max(h[i*p+i], 1e-12)
			}
			if !solveSPD(sys, g, delta, p) {
				lambda *= 10
				continue
			}
			for i := range c {
				trial[i] = c[i] + delta[i]
			}
			next := f.eval(trial)
			res.Evals++
			if next.ok && next.loss < cur.loss {
				accepted = true
				f.commit()
				gain := (cur.loss - next.loss) / math.Max(cur.loss, 1e-300)
				copy(c, trial)
				cur = next
				lambda = math.Max(lambda/3, 1e-12)
				res.Iters++
				if gain < opt.Tol {
					it = opt.MaxIter // converged
				}
			} else {
				lambda *= 4
			}
		}
		if !accepted || cur.loss == 0 {
			break
		}
	}
	return cur
}

// fitter holds the data and scratch of one FitConstants call.
type fitter struct {
	t      *expr.Tape
	mem    *fitScratch
	cols   [][]float64
	y, w   []float64
	sumW   float64
	scale  bool
	f      []float64 // model values at the constants of the last eval
	trialF []float64
	tmp    []float64   // row-length scratch of eval
	wtmp   []float64   // row-length scratch of eval with weights
	yc     []float64   // with scaling: w·(y − ȳ) (w = 1 without weights)
	ymean  float64     // weighted mean of y
	sqrtW  []float64   // √w per row (nil: unit weights)
	jt     [][]float64 // per constant, one block of √w·a·∂f/∂c
	jcols  [][]float64 // the Jacobian columns of the current block (jt's, or the tape's adjoints)
	rw     []float64   // one block of √w·r
	dw     []float64   // one block of √w·(f − f̄)
	sw     []float64   // one block of √w
	// tapeAt says whose values the tape's single block holds (tapeNone
	// when the rows take several blocks): linearize then needs no forward
	// pass at the committed constants.
	tapeAt int
}

// What a single-block tape holds.
const (
	tapeNone    = iota // nothing usable
	tapeTrial          // the values of the last eval, not committed
	tapeCurrent        // the values at the committed constants
)

// point is the state at one set of constants.
type point struct {
	loss, a, b float64
	fmean      float64 // weighted mean of f (for the projection)
	ok         bool
}

// fitScratch holds the buffers of a fit beside its tape's. The search fits
// the constants of millions of small trees; recycling the buffers through
// fitPool keeps the garbage collector out of the profile.
type fitScratch struct {
	rows   [6][]float64 // row-length buffers: model values, trial values, √w, tmp, wtmp, yc
	blocks []float64    // the per-block buffers of linearize, carved by blockBufs
	// per-constant buffers: linearize's H, g and projection sums, minimize's
	// trial constants, system and step
	h, g, m1, m2, trial, sys, delta []float64
	views, jcols                    [][]float64 // blockBufs' slices, the Jacobian's columns
	fit                             fitter      // the fitter itself
}

var fitPool = sync.Pool{New: func() any { return new(fitScratch) }}

// rowBuf returns row buffer i with at least n values (contents undefined).
func (s *fitScratch) rowBuf(i, n int) []float64 {
	if cap(s.rows[i]) < n {
		s.rows[i] = make([]float64, n)
	}
	return s.rows[i][:n]
}

// blockBufs returns k buffers of bs values (contents undefined).
func (s *fitScratch) blockBufs(k, bs int) [][]float64 {
	if cap(s.blocks) < k*bs {
		s.blocks = make([]float64, k*bs)
	}
	s.views = slices.Grow(s.views[:0], k)[:k]
	out := s.views
	for i := range out {
		out[i] = s.blocks[i*bs : (i+1)*bs]
	}
	return out
}

func newFitter(tree *expr.Node, cols [][]float64, y, w []float64, scale bool) *fitter {
	mem := fitPool.Get().(*fitScratch)
	n := len(y)
	f := &mem.fit
	*f = fitter{t: expr.NewTapeRows(tree, n), mem: mem, cols: cols, y: y, w: w, scale: scale,
		f: mem.rowBuf(0, n), trialF: mem.rowBuf(1, n), tmp: mem.rowBuf(3, n)}
	f.t.CacheFree(cols, n)
	if w == nil {
		f.sumW = float64(n)
	} else {
		f.sumW = kernels.Sum(w)
		f.sqrtW = mem.rowBuf(2, n)
		f.wtmp = mem.rowBuf(4, n)
		for i, v := range w {
			f.sqrtW[i] = math.Sqrt(max(v, 0))
		}
	}
	if scale && f.sumW > 0 {
		f.yc = mem.rowBuf(5, n)
		f.ymean = f.wsum(y) / f.sumW
		kernels.AddScalar(f.yc, y, -f.ymean)
		if w != nil {
			kernels.Mul(f.yc, f.yc, w)
		}
	}
	return f
}

// release returns the fit's and its tape's buffers to their pools.
func (f *fitter) release() {
	f.t.Release()
	mem := f.mem
	mem.fit = fitter{} // let the data go
	fitPool.Put(mem)
}

// wsum is Σ w·x (Σ x without weights).
func (f *fitter) wsum(x []float64) float64 {
	if f.w == nil {
		return kernels.Sum(x)
	}
	return kernels.Dot(f.w, x)
}

// forward evaluates the tree at constants c on every row into out.
func (f *fitter) forward(c, out []float64) {
	rows, bs := len(f.y), f.t.Block()
	for lo := 0; lo < rows; lo += bs {
		m := min(bs, rows-lo)
		copy(out[lo:], f.t.Forward(f.cols, lo, m, c))
	}
	f.tapeAt = tapeNone
	if rows <= bs {
		f.tapeAt = tapeTrial
	}
}

// eval computes the loss at constants c, leaving the model values in
// f.trialF; commit makes them the current ones (f.f). The sums run on the
// reduction kernels; a non-finite value anywhere makes them non-finite,
// which is how a broken point is detected.
func (f *fitter) eval(c []float64) point {
	out := f.trialF
	f.forward(c, out)
	bad := point{loss: math.Inf(1)}
	if !(f.sumW > 0) {
		return bad
	}
	pt := point{a: 1, ok: true}
	pred := out
	if f.scale {
		pt.fmean = f.wsum(out) / f.sumW
		if !finite(pt.fmean) {
			return bad
		}
		d := f.tmp
		kernels.AddScalar(d, out, -pt.fmean)
		sfy := kernels.Dot(d, f.yc)
		var sff float64
		if f.w == nil {
			sff = kernels.Dot(d, d)
		} else {
			kernels.Mul(f.wtmp, d, f.w)
			sff = kernels.Dot(f.wtmp, d)
		}
		pt.a = 0
		if sff > 0 {
			pt.a = sfy / sff
		}
		pt.b = f.ymean - pt.a*pt.fmean
		pred = f.tmp
		kernels.MulScalar(pred, out, pt.a)
		kernels.AddScalar(pred, pred, pt.b)
	}
	var sse float64
	if f.w == nil {
		sse = kernels.SqDiff(pred, f.y)
	} else {
		sse = kernels.WSqDiff(f.w, pred, f.y)
	}
	pt.loss = sse / f.sumW
	if !finite(pt.loss) {
		return bad
	}
	if !f.scale {
		pt.fmean = f.wsum(out) / f.sumW
	}
	return pt
}

// commit makes the model values of the last eval the current ones.
func (f *fitter) commit() {
	f.f, f.trialF = f.trialF, f.f
	if f.tapeAt == tapeTrial {
		f.tapeAt = tapeCurrent
	}
}

// linearize returns the normal equations H = JᵀWJ and g = JᵀWr at c, where
// pt = eval(c) was the last committed eval, r = y − (a·f+b) and J the
// Jacobian of a·f (projected off span{f−f̄, 1} with linear scaling). Per
// block, the columns √w·a·∂f/∂c_k are formed once and every entry is a dot
// product (kernels.Dot). When the tape's one block still holds the values
// at c, only the reverse pass runs.
func (f *fitter) linearize(c []float64, pt point) (h, g []float64, ok bool) {
	p := len(c)
	mem := f.mem
	mem.h, mem.g = grow(mem.h, p*p), grow(mem.g, p)
	h, g = mem.h, mem.g
	clear(h)
	clear(g)
	var m1, m2 []float64 // Σw(f−f̄)J_k and Σw J_k for the projection
	var g11 float64
	if f.scale {
		mem.m1, mem.m2 = grow(mem.m1, p), grow(mem.m2, p)
		m1, m2 = mem.m1, mem.m2
		clear(m1)
		clear(m2)
	}
	bs := f.t.Block()
	if f.jt == nil {
		b := f.mem.blockBufs(p+3, bs)
		f.jt, f.rw, f.dw, f.sw = b[:p], b[p], b[p+1], b[p+2]
		f.mem.jcols = slices.Grow(f.mem.jcols[:0], p)[:p]
		f.jcols = f.mem.jcols
	}
	rows := len(f.y)
	for lo := 0; lo < rows; lo += bs {
		m := min(bs, rows-lo)
		if f.tapeAt != tapeCurrent {
			f.t.Forward(f.cols, lo, m, c)
		}
		f.t.Backward(m)
		rw, dw, sw := f.rw[:m], f.dw[:m], f.sw[:m]
		fb, yb := f.f[lo:lo+m], f.y[lo:lo+m]
		kernels.MulScalar(rw, fb, -pt.a)
		kernels.AddScalar(rw, rw, -pt.b)
		kernels.Add(rw, rw, yb) // y − (a·f + b)
		if f.scale {
			kernels.AddScalar(dw, fb, -pt.fmean)
		}
		if f.sqrtW != nil {
			copy(sw, f.sqrtW[lo:lo+m])
			kernels.Mul(rw, rw, sw)
			if f.scale {
				kernels.Mul(dw, dw, sw)
			}
		}
		// Without scaling or weights the columns are the adjoints as they
		// are (a = 1): no copies.
		plain := pt.a == 1 && f.sqrtW == nil
		jt := f.jcols[:p]
		for k := 0; k < p; k++ {
			if plain {
				jt[k] = f.t.Adjoint(k, m)
				continue
			}
			jt[k] = f.jt[k][:m]
			kernels.MulScalar(jt[k], f.t.Adjoint(k, m), pt.a)
			if f.sqrtW != nil {
				kernels.Mul(jt[k], jt[k], sw)
			}
		}
		for k := 0; k < p; k++ {
			jk := jt[k]
			g[k] += kernels.Dot(jk, rw)
			for l := 0; l <= k; l++ {
				h[k*p+l] += kernels.Dot(jk, jt[l])
			}
			if f.scale {
				m1[k] += kernels.Dot(jk, dw)
				if f.sqrtW != nil {
					m2[k] += kernels.Dot(jk, sw)
				} else {
					m2[k] += kernels.Sum(jk)
				}
			}
		}
		if f.scale {
			g11 += kernels.Dot(dw, dw)
		}
	}
	if rows <= bs {
		f.tapeAt = tapeCurrent
	}
	for k := 0; k < p; k++ {
		for l := 0; l <= k; l++ {
			if f.scale {
				if g11 > 0 {
					h[k*p+l] -= m1[k] * m1[l] / g11
				}
				h[k*p+l] -= m2[k] * m2[l] / f.sumW
			}
			h[l*p+k] = h[k*p+l]
		}
	}
	for _, v := range h {
		if !finite(v) {
			return nil, nil, false
		}
	}
	for _, v := range g {
		if !finite(v) {
			return nil, nil, false
		}
	}
	return h, g, true
}

// solveSPD solves A x = b for a symmetric positive definite p×p matrix A
// (row-major; overwritten by its Cholesky factor). It reports false if A
// is not numerically positive definite.
func solveSPD(a, b, x []float64, p int) bool {
	for j := 0; j < p; j++ {
		d := a[j*p+j]
		for k := 0; k < j; k++ {
			d -= a[j*p+k] * a[j*p+k]
		}
		if !(d > 0) {
			return false
		}
		d = math.Sqrt(d)
		a[j*p+j] = d
		for i := j + 1; i < p; i++ {
			s := a[i*p+j]
			for k := 0; k < j; k++ {
				s -= a[i*p+k] * a[j*p+k]
			}
			a[i*p+j] = s / d
		}
	}
	for i := 0; i < p; i++ {
		s := b[i]
		for k := 0; k < i; k++ {
			s -= a[i*p+k] * x[k]
		}
		x[i] = s / a[i*p+i]
	}
	for i := p - 1; i >= 0; i-- {
		s := x[i]
		for k := i + 1; k < p; k++ {
			s -= a[k*p+i] * x[k]
		}
		x[i] = s / a[i*p+i]
	}
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}
