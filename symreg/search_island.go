package symreg

import (
	"math"

	"github.com/ansatz/ansatz/symreg/expr"
)

// prepare readies an island for an iteration: draws its mini-batch (if
// batching) and resets the per-iteration counters.
func (is *island) prepare(e *engine) {
	n := e.data.Rows()
	b := e.opts.Batch
	if cap(is.pred) < n {
		is.pred = make([]float64, n)
	}
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
	if is.bx == nil {
		is.bx = make([][]float64, len(e.data.X))
		for k := range is.bx {
			is.bx[k] = make([]float64, b)
		}
		is.by = make([]float64, b)
		if e.data.W != nil {
			is.bw = make([]float64, b)
		}
	}
	for r := 0; r < b; r++ {
		i := is.rng.IntN(n)
		for k := range is.bx {
			is.bx[k][r] = e.data.X[k][i]
		}
		is.by[r] = e.data.Y[i]
		if is.bw != nil {
			is.bw[r] = e.data.W[i]
		}
	}
	is.batchReady = true
}

// rows returns the rows members are scored on during evolution.
func (is *island) rows(e *engine) (x [][]float64, y, w []float64) {
	if is.batchReady {
		return is.bx, is.by, is.bw
	}
	return e.data.X, e.data.Y, e.data.W
}

// lossOn scores t on the given rows (with linear scaling if enabled).
func (e *engine) lossOn(is *island, t *expr.Node, x [][]float64, y, w []float64) float64 {
	pred := is.pred[:len(y)]
	is.ev.Eval64(expr.Compile(t), x, pred)
	is.evals++
	if e.opts.LinearScaling {
		linearScale(pred, y, w, nil)
	}
	return lossOf(e.opts.Loss, e.opts.HuberDelta, pred, y, w, nil)
}

// member wraps a scored tree.
func (e *engine) member(t *expr.Node, loss float64) *Member {
	c := e.g.complex(t)
	cost := loss/e.baseline + e.opts.Parsimony*float64(c)
	if math.IsNaN(cost) {
		cost = math.Inf(1)
	}
	return &Member{Tree: t, Loss: loss, Cost: cost, Complexity: c}
}

// score evaluates t on the island's current rows.
func (e *engine) score(is *island, t *expr.Node) *Member {
	x, y, w := is.rows(e)
	return e.member(t, e.lossOn(is, t, x, y, w))
}

// scoreFull evaluates t on all rows.
func (e *engine) scoreFull(is *island, t *expr.Node) *Member {
	if cap(is.pred) < e.data.Rows() {
		is.pred = make([]float64, e.data.Rows())
	}
	return e.member(t, e.lossOn(is, t, e.data.X, e.data.Y, e.data.W))
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
					m := e.score(is, t)
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
		ok := true
		switch k {
		case 0:
			ok = mutateConstant(rng, t, temp)
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
			x, y, wt := is.rows(e)
			ok = fitConstants(t, x, y, wt, e.opts.OptimizeIters, e.opts.LinearScaling, &is.evals)
			if ok {
				m := e.score(is, t)
				if m.Loss < parent.Loss {
					return m
				}
				return nil
			}
		case 11:
			m := parent.clone()
			return m
		}
		if ok && e.g.valid(t) {
			return e.score(is, t)
		}
	}
	return nil
}

// finishIteration simplifies members, refits the constants of a fraction
// of them, and collects the members that may enter the hall of fame,
// scored (and, if they improve it, constant-refitted) on all rows.
func (e *engine) finishIteration(is *island) {
	o := &e.opts
	x, y, w := is.rows(e)
	for j, m := range is.pop.Members {
		t := expr.Simplify(m.Tree.Clone())
		changed := e.g.complex(t) != m.Complexity
		if is.rng.Float64() < o.OptimizeProb && o.OptimizeIters > 0 {
			if fitConstants(t, x, y, w, o.OptimizeIters, o.LinearScaling, &is.evals) {
				changed = true
			}
		}
		if changed {
			nm := e.member(t, e.lossOn(is, t, x, y, w))
			if nm.Loss <= m.Loss || nm.Complexity < m.Complexity && nm.Loss <= m.Loss*(1+1e-9) {
				nm.Birth = m.Birth
				is.pop.Members[j] = nm
			}
		}
	}
	for _, m := range is.pop.Members {
		full := m
		if is.batchReady {
			if !e.hof.wouldAccept(m.Complexity, m.Loss, 1.5) {
				continue
			}
			full = e.scoreFull(is, m.Tree.Clone())
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
// constants refitted by LM on all rows (kept only if the search's loss
// drops, as LM minimises squared error) or, with linear scaling, the
// fitted a·f+b written into the tree, since the hall of fame holds what
// the user gets. It returns nil if the tree cannot be evaluated.
func (e *engine) polish(is *island, m *Member, iters int) *Member {
	d := e.data
	t := m.Tree.Clone()
	if e.opts.LinearScaling {
		r := FitConstants(t, d.X, d.Y, d.W, FitOptions{MaxIter: iters, LinearScaling: true})
		is.evals += int64(r.Evals)
		if !r.OK {
			return nil
		}
		return e.scoreFull(is, expr.Scaled(t, r.A, r.B))
	}
	if iters > 0 && fitConstants(t, d.X, d.Y, d.W, iters, false, &is.evals) {
		if r := e.scoreFull(is, t); r.Loss < m.Loss {
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
	x, y, w := is.rows(e)
	if !fitConstants(t, x, y, w, iters, e.opts.LinearScaling, &is.evals) {
		return m
	}
	if r := e.score(is, t); r.Loss < m.Loss {
		return r
	}
	return m
}

// fitConstants refines t's constants in place to reduce the squared error
// against y on cols (rows weighted by w if not nil) with at most iters
// Levenberg–Marquardt iterations (of a·t+b when scaling). It reports
// whether it changed anything. The loss evaluations LM spends are added to
// *evals, which the MaxEvals stopping rule counts.
func fitConstants(t *expr.Node, cols [][]float64, y, w []float64, iters int, scaling bool, evals *int64) bool {
	if !hasConst(t) {
		return false
	}
	r := FitConstants(t, cols, y, w, FitOptions{MaxIter: iters, LinearScaling: scaling})
	*evals += int64(r.Evals)
	return r.OK && r.Iters > 0
}

func hasConst(t *expr.Node) bool {
	if t == nil {
		return false
	}
	return t.Op == expr.OpConst || hasConst(t.L) || hasConst(t.R)
}
