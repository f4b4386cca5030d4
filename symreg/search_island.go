package symreg

import (
	"math"

	"github.com/ansatz/ansatz/kernels"
	"github.com/ansatz/ansatz/symreg/expr"
)

// prepare readies an island for an iteration: draws its mini-batch (if
// batching) and resets the per-iteration counters.
func (is *island) prepare(e *engine) {
	n := e.data.Rows()
	b := e.opts.Batch
	if is.freq == nil {
		is.freq = newSizeFreq(e.opts.MaxSize)
	}
	for i := range is.freq.Counts {
		is.freq.Counts[i] = 1
	}
	if b <= 0 || b >= n {
		is.batchReady = false
		return
	}
	if is.b64.x == nil {
		is.b64 = newRows[float64](len(e.data.X), b, e.data.W != nil)
		if e.d32 != nil {
			is.b32 = newRows[float32](len(e.data.X), b, e.data.W != nil)
		}
	}
	for r := 0; r < b; r++ {
		i := is.rng.IntN(n)
		for k := range is.b64.x {
			is.b64.x[k][r] = e.data.X[k][i]
		}
		is.b64.y[r] = e.data.Y[i]
		if is.b64.w != nil {
			is.b64.w[r] = e.data.W[i]
		}
	}
	if e.d32 != nil {
		is.b32.copyFrom(&is.b64)
	}
	is.batchReady = true
}

// newRows allocates a table of nvar columns and n rows.
func newRows[T kernels.Float](nvar, n int, weighted bool) rows[T] {
	r := rows[T]{x: make([][]T, nvar), y: make([]T, n)}
	for k := range r.x {
		r.x[k] = make([]T, n)
	}
	if weighted {
		r.w = make([]T, n)
	}
	return r
}

// copyFrom rounds src into r (same shape).
func (r *rows[T]) copyFrom(src *rows[float64]) {
	conv := func(dst []T, c []float64) {
		for i, v := range c {
			dst[i] = T(v)
		}
	}
	for k, c := range src.x {
		conv(r.x[k], c)
	}
	conv(r.y, src.y)
	if src.w != nil {
		conv(r.w, src.w)
	}
}

// rows returns the rows members are scored and fitted on during evolution,
// in float64.
func (is *island) rows(e *engine) *rows[float64] {
	if is.batchReady {
		return &is.b64
	}
	return &e.d64
}

// evoLoss scores p on the island's evolution rows, in float32 unless the
// search scores in float64.
func (e *engine) evoLoss(is *island, p *expr.Program) float64 {
	if e.d32 != nil {
		r := e.d32
		if is.batchReady {
			r = &is.b32
		}
		is.count()
		return lossIn(&e.opts, &is.s32, p, r)
	}
	r := is.rows(e)
	is.count()
	return lossIn(&e.opts, &is.s64, p, r)
}

// member wraps a scored tree and its program.
func (e *engine) member(t *expr.Node, p *expr.Program, loss float64) *Member {
	c := e.g.complex(t)
	cost := loss/e.baseline + e.opts.Parsimony*float64(c)
	if math.IsNaN(cost) {
		cost = math.Inf(1)
	}
	return &Member{Tree: t, Loss: loss, Cost: cost, Complexity: c, prog: p}
}

// score evaluates t on the island's evolution rows (p: t's program, nil
// to compile it).
func (e *engine) score(is *island, t *expr.Node, p *expr.Program) *Member {
	if p == nil {
		p = expr.Compile(t)
	}
	return e.member(t, p, e.evoLoss(is, p))
}

// scoreFull evaluates t in float64 on all rows, streamed in blocks (p: t's
// program, nil to compile it).
func (e *engine) scoreFull(is *island, t *expr.Node, p *expr.Program) *Member {
	if p == nil {
		p = expr.Compile(t)
	}
	is.count()
	return e.member(t, p, lossStreamed(&e.opts, &is.s64, p, e.data))
}

// evolve runs one iteration of age-regularised evolution on the island:
// Cycles × PopulationSize steps with the annealing temperature falling
// from 1 to 0, then simplification, constant refits and the collection of
// hall-of-fame candidates. stop aborts early (time limit, interrupt).
func (e *engine) evolve(is *island, stop func() bool) {
	is.prepare(e)
	steps := e.opts.Cycles * e.opts.PopulationSize
	for s := 0; s < steps; s++ {
		if s%16 == 0 && stop() {
			break
		}
		temp := 1 - float64(s)/float64(steps)
		e.step(is, temp)
	}
	e.finishIteration(is)
}

// step is one tournament → mutate or cross → accept → replace-oldest move.
func (e *engine) step(is *island, temp float64) {
	o := &e.opts
	pop := &is.pop
	rng := is.rng
	if rng.Float64() < o.Crossover {
		i := tournament(rng, pop, o.TournamentSize, o.TournamentP, e.freq, o.Adaptive)
		j := tournament(rng, pop, o.TournamentSize, o.TournamentP, e.freq, o.Adaptive)
		for try := 0; try < 10; try++ {
			a, b := pop.Members[i].Tree.Clone(), pop.Members[j].Tree.Clone()
			crossover(rng, &a, &b)
			if e.g.valid(a) && e.g.valid(b) {
				for _, t := range []*expr.Node{a, b} {
					m := e.score(is, t, nil)
					m.Birth = pop.newBirth()
					pop.Members[pop.oldest()] = m
					is.freq.add(m.Complexity)
				}
				return
			}
		}
		return
	}
	parent := pop.Members[tournament(rng, pop, o.TournamentSize, o.TournamentP, e.freq, o.Adaptive)]
	child := e.mutate(is, parent, temp)
	if child != nil && o.ChildOptimize > 0 && rng.Float64() < o.ChildOptimize {
		child = e.refit(is, child, o.ChildIters)
	}
	if child != nil && !e.accept(is, parent, child, temp) {
		child = nil
	}
	if child == nil {
		child = parent.clone()
	}
	child.Birth = pop.newBirth()
	pop.Members[pop.oldest()] = child
	is.freq.add(child.Complexity)
}

// accept decides whether a mutated child replaces the oldest member (else
// a copy of its parent does). As in PySR, children are accepted whatever
// their cost unless simulated annealing is on (then a worse child survives
// with probability exp(−Δcost/(T·α))); the tournament alone supplies the
// selection pressure, which keeps the population diverse. The adaptive
// parsimony favours children of rarely seen complexities. Children that
// cannot be evaluated are always rejected.
func (e *engine) accept(is *island, parent, child *Member, temp float64) bool {
	o := &e.opts
	if math.IsInf(child.Cost, 1) || math.IsNaN(child.Cost) {
		return false
	}
	p := 1.0
	if o.Annealing {
		if d := child.Cost - parent.Cost; d > 0 {
			if temp <= 0 {
				return false
			}
			p = math.Exp(-d / (temp * o.Alpha))
		}
	}
	if o.Adaptive > 0 {
		fo, fn := e.freq.normalised(parent.Complexity), e.freq.normalised(child.Complexity)
		if fn > 0 {
			p *= fo / fn
		}
	}
	return p >= 1 || is.rng.Float64() < p
}

// mutate picks a mutation by weight and applies it to a copy of the
// parent, retrying (up to 10 times) until the result satisfies the
// constraints. It returns the scored child, or nil if nothing worked.
func (e *engine) mutate(is *island, parent *Member, temp float64) *Member {
	w := e.opts.Weights
	weights := w.list()
	var tot float64
	for _, x := range weights {
		tot += x
	}
	rng := is.rng
	for try := 0; try < 10; try++ {
		u := rng.Float64() * tot
		k := 0
		for k < len(weights)-1 && u >= weights[k] {
			u -= weights[k]
			k++
		}
		t := parent.Tree.Clone()
		var p *expr.Program // t's program when only its constants changed
		ok := true
		switch k {
		case 0:
			ok = mutateConstant(rng, t, temp)
			p = withConsts(parent.program(), t)
		case 1:
			ok = e.g.mutateOperator(rng, t)
		case 2:
			ok = e.g.mutateFeature(rng, t)
		case 3:
			ok = swapOperands(rng, t)
		case 4:
			ok = rotate(rng, &t)
		case 5:
			ok = e.g.addNode(rng, &t)
		case 6:
			ok = e.g.insertNode(rng, &t)
		case 7:
			ok = deleteNode(rng, &t)
		case 8:
			t = expr.Simplify(t)
		case 9:
			t = e.g.randomTree(rng, 1+rng.IntN(e.opts.MaxSize))
		case 10:
			ok = is.fit(t, is.rows(e), e.opts.OptimizeIters, e.opts.LinearScaling)
			if ok {
				m := e.score(is, t, withConsts(parent.program(), t))
				if e.fitBetter(m, parent) {
					return m
				}
				return nil
			}
		case 11:
			m := parent.clone()
			return m
		}
		if ok && e.g.valid(t) {
			return e.score(is, t, p)
		}
	}
	return nil
}

// finishIteration simplifies members, refits the constants of a fraction
// of them, and collects the members that may enter the hall of fame,
// scored in float64 on all rows (and, if they improve it,
// constant-refitted). Members scored on a mini-batch or in float32 are
// rescored first if they may enter (mayEnter), so the hall of fame only
// ever holds float64 full-data losses.
func (e *engine) finishIteration(is *island) {
	o := &e.opts
	r := is.rows(e)
	for j, m := range is.pop.Members {
		t := expr.Simplify(m.Tree.Clone())
		changed := e.g.complex(t) != m.Complexity
		if is.rng.Float64() < o.OptimizeProb && o.OptimizeIters > 0 {
			if is.fit(t, r, o.OptimizeIters, o.LinearScaling) {
				changed = true
			}
		}
		if changed {
			nm := e.score(is, t, nil) // simplified: compiled afresh
			if nm.Loss <= m.Loss || nm.Complexity < m.Complexity && nm.Loss <= m.Loss*(1+1e-9) {
				nm.Birth = m.Birth
				is.pop.Members[j] = nm
			}
		}
	}
	rescore := is.batchReady || e.d32 != nil
	slack := 1.0
	if is.batchReady {
		slack = 1.5
	}
	for _, m := range is.pop.Members {
		full := m
		if rescore {
			if !e.mayEnter(m.Complexity, m.Loss, slack) {
				continue
			}
			full = e.scoreFull(is, m.Tree.Clone(), m.program())
		}
		if !e.hof.wouldAccept(full.Complexity, full.Loss, 1) {
			continue
		}
		cand := e.polish(is, full, 2*o.OptimizeIters)
		if cand == nil {
			continue
		}
		is.cands = append(is.cands, cand)
	}
}

// polish turns m (scored on all rows) into a hall-of-fame candidate: its
// constants refitted by LM on all rows, or on polishRows of them in a
// bigger table (kept only if the search's loss on all rows drops, as LM
// minimises squared error) or, with linear scaling, the fitted a·f+b
// written into the tree, since the hall of fame holds what the user gets.
// It returns nil if the tree cannot be evaluated.
func (e *engine) polish(is *island, m *Member, iters int) *Member {
	t := m.Tree.Clone()
	if e.opts.LinearScaling {
		r := FitConstants(t, e.fit64.x, e.fit64.y, e.fit64.w, FitOptions{MaxIter: iters, LinearScaling: true})
		is.countFit(r)
		if !r.OK {
			return nil
		}
		return e.scoreFull(is, expr.Scaled(t, r.A, r.B), nil)
	}
	if iters > 0 && is.fit(t, &e.fit64, iters, false) {
		if r := e.scoreFull(is, t, withConsts(m.program(), t)); r.Loss < m.Loss {
			return r
		}
	}
	return m.clone()
}

// refit runs a short LM on a copy of m's constants on the island's rows and
// returns the copy if it scores better, else m. Fitting new children
// (as Operon does) lets a structural change be judged with good constants
// instead of its parent's.
func (e *engine) refit(is *island, m *Member, iters int) *Member {
	if !hasConst(m.Tree) || math.IsInf(m.Loss, 1) {
		return m
	}
	t := m.Tree.Clone()
	if !is.fit(t, is.rows(e), iters, e.opts.LinearScaling) {
		return m
	}
	if r := e.score(is, t, withConsts(m.program(), t)); e.fitBetter(r, m) {
		return r
	}
	return m
}

// fitBetter reports whether fitted, a copy of old whose constants LM just
// improved on the evolution rows, should replace it. Scored in float64 it
// must score lower. Scored in float32 with the squared error, LM's own
// float64 verdict on the same rows and loss stands: near an exact fit both
// float32 scores are rounding noise, and comparing them would throw away
// half of LM's last digits.
func (e *engine) fitBetter(fitted, old *Member) bool {
	if fitted.Loss < old.Loss {
		return true
	}
	return e.d32 != nil && e.opts.Loss == LossMSE && finite(fitted.Loss)
}

// fit refines t's constants in place to reduce the squared error on the
// rows r with at most iters Levenberg–Marquardt iterations (of a·t+b when
// scaling), counting the evaluations LM spends (the MaxEvals stopping rule
// counts them). It reports whether it changed anything.
func (is *island) fit(t *expr.Node, r *rows[float64], iters int, scaling bool) bool {
	if !hasConst(t) {
		return false
	}
	res := FitConstants(t, r.x, r.y, r.w, FitOptions{MaxIter: iters, LinearScaling: scaling})
	is.countFit(res)
	return res.OK && res.Iters > 0
}

func hasConst(t *expr.Node) bool {
	if t == nil {
		return false
	}
	return t.Op == expr.OpConst || hasConst(t.L) || hasConst(t.R)
}
