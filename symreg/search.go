package symreg

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sync/atomic"
	"time"

	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/internal/panics"
	"github.com/ansatz/ansatz/symreg/expr"
)

// Data is a training table as the search sees it.
type Data struct {
	X     [][]float64 // columns: X[k][i] is feature k at row i
	Y     []float64
	W     []float64 // optional row weights (nil: all 1)
	Names []string  // feature names, len(X)
}

// Rows is the number of rows.
func (d *Data) Rows() int { return len(d.Y) }

func (d *Data) check() error {
	if len(d.Y) == 0 {
		return inputerr.New("no rows to search on")
	}
	for k, c := range d.X {
		if len(c) != len(d.Y) {
			return inputerr.New("feature %d has %d rows, target has %d", k, len(c), len(d.Y))
		}
	}
	if d.W != nil && len(d.W) != len(d.Y) {
		return inputerr.New("weights have %d rows, target has %d", len(d.W), len(d.Y))
	}
	for i, v := range d.Y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return inputerr.New("target is not finite at row %d", i+1)
		}
	}
	return nil
}

// Progress is reported after every iteration.
type Progress struct {
	Iteration int
	Evals     int64
	Elapsed   time.Duration
	Front     []FrontEntry
	Chosen    int // index into Front by the "best" rule, -1 if empty
}

// Result is what a search found.
type Result struct {
	Front      []FrontEntry // Pareto front, simplest first
	Iterations int          // total, including iterations before a resume
	Evals      int64        // expressions scored, total
	Elapsed    time.Duration
	StopReason StopReason
	Baseline   float64 // loss of the best constant predictor
	// CheckpointErr is the last failure to write the checkpoint file, if
	// any. The search goes on regardless, so a full disk or a bad path
	// never costs the results; the caller reports it after saving them.
	CheckpointErr error
	// Ranks is how many processes searched (1 alone; see Peers), and
	// Migrants counts the members that crossed between them.
	Ranks    int
	Migrants RankMigrants
	// NodeRows is the work behind Evals in this process in this run, in
	// tree nodes × rows actually processed: scores (Σ program size × rows
	// evaluated) and constant fitting's forward and reverse passes (see
	// expr.Tape.NodeRows), for the evaluation rate a search reaches.
	NodeRows int64
}

// Search runs the evolutionary search on data until a stopping rule fires
// or ctx is cancelled; a cancelled search still returns what it found. A
// panic in a worker ends the search with StopCrashed: it returns both the
// Result (the hall of fame of the iterations before) and the panic as a
// *panics.Caught error.
// resume, if not nil, continues a checkpointed search (its evolution
// settings win over opts; opts gives the stopping rules, threads and
// checkpointing).
func Search(ctx context.Context, data *Data, opts Options, resume *Checkpoint) (*Result, error) {
	if err := data.check(); err != nil {
		return nil, err
	}
	if err := opts.validate(); err != nil {
		return nil, err
	}
	if opts.Iterations == 0 && opts.Time == 0 && opts.MaxEvals == 0 && ctx.Done() == nil {
		return nil, inputerr.New("no stopping rule: set symreg.Options.Iterations, symreg.Options.Time or symreg.Options.MaxEvals")
	}
	if err := announce(data, opts, resume); err != nil {
		return nil, err
	}
	e, err := newEngine(data, opts, resume)
	if err != nil {
		return nil, err
	}
	return e.run(ctx)
}

// engine is the state of one search; everything that influences the
// result lives here and in the islands, and is checkpointed.
type engine struct {
	opts      Options
	data      *Data
	g         *grammar
	baseline  float64
	islands   []*island
	hof       *HallOfFame
	freq      *sizeFreq
	src       *rand.PCG
	rng       *rand.Rand
	iteration int
	evals     int64
	nodeRows  int64 // see island.nodeRows; this run only
	// d64 is the data as rows; d32 its float32 copy that evolution scores
	// on (nil: scoring in float64, see Options.Score64 and rows32), and
	// rms32 the RMS error float32 rounding may add (f32Slack × RMS of y).
	d64     rows[float64]
	d32     *rows[float32]
	rms32   float64
	fit64   rows[float64] // the rows polish fits on (polishData)
	elapsed time.Duration // before this run (resume)
	plateau plateau       // the front's elbow over iterations (Options.StopPlateau)
	dist    dist          // the other ranks of a distributed search (search_peers.go)
}

// island is one population with its own random stream, so islands can
// evolve in parallel and still give the same result for any thread count.
type island struct {
	pop   population
	src   *rand.PCG
	rng   *rand.Rand
	freq  *sizeFreq // complexities born during the current iteration
	evals int64
	cands []*Member // full-data scored candidates for the hall of fame
	// nodeRows is the work of the island's constant fits since it was
	// last collected (its evaluators count their own, see collect).
	nodeRows int64
	// scratch: evaluators and predictions in both precisions, and the
	// current mini-batch (b32 only when scoring in float32)
	s32        scratch[float32]
	s64        scratch[float64]
	b64        rows[float64]
	b32        rows[float32]
	batchReady bool
}

func islandSeed(seed uint64, i int) *rand.PCG {
	return rand.NewPCG(seed, 0x9e3779b97f4a7c15*uint64(i+1))
}

func newEngine(data *Data, opts Options, resume *Checkpoint) (*engine, error) {
	e := &engine{opts: opts, data: data, d64: rows[float64]{x: data.X, y: data.Y, w: data.W}}
	if opts.distributed() {
		e.dist.peers = opts.Peers
	}
	if resume != nil {
		if err := e.restore(resume); err != nil {
			return nil, err
		}
		if err := e.rankShare(resume); err != nil {
			return nil, err
		}
		e.dist.synced = e.evals // the job's total so far
	}
	e.g = newGrammar(&e.opts, len(data.X), e.opts.weights.Complexity)
	e.baseline = baselineLoss(e.opts.Loss, e.opts.HuberDelta, data.Y, data.W)
	if !e.opts.Score64 {
		e.d32 = rows32(data)
	}
	e.rms32 = f32Slack * math.Sqrt(exactFloor(data)*1e24)
	e.fit64 = polishData(data)
	if resume != nil {
		e.fixCosts()
		return e, nil
	}
	e.src = engineSeed(opts.Seed, e.rank())
	e.rng = rand.New(e.src)
	e.hof = newHallOfFame(opts.MaxSize, exactFloor(data))
	e.freq = newSizeFreq(opts.MaxSize)
	for i := 0; i < opts.Populations; i++ {
		is := &island{src: islandSeed(opts.Seed, e.rank()*opts.Populations+i)}
		is.rng = rand.New(is.src)
		e.islands = append(e.islands, is)
	}
	// Initial populations and warm starts.
	var guesses []*Member
	for _, gt := range opts.Guesses {
		is := e.islands[0]
		is.prepare(e)
		m := e.polish(is, e.scoreFull(is, gt.Clone(), nil), 4*e.opts.OptimizeIters)
		if m == nil {
			return nil, inputerr.Field("symreg.Options.Guesses", "%s cannot be evaluated on the data", expr.Format(gt, data.Names))
		}
		guesses = append(guesses, m)
		e.hof.offer(m)
	}
	for _, is := range e.islands {
		is.prepare(e)
		for j := 0; j < opts.PopulationSize; j++ {
			var m *Member
			if j < len(guesses) {
				m = guesses[j].clone()
			} else {
				size := 1 + is.rng.IntN(min(e.opts.MaxSize, 10))
				m = e.score(is, e.g.randomTree(is.rng, size), nil)
			}
			m.Birth = is.pop.newBirth()
			is.pop.Members = append(is.pop.Members, m)
		}
	}
	return e, nil
}

// run iterates until a stopping rule fires.
func (e *engine) run(ctx context.Context) (*Result, error) {
	start := now()
	lastCkpt := start
	var ckptErr error // last checkpoint write failure; see Result.CheckpointErr
	o := &e.opts
	elapsed := func() time.Duration { return e.elapsed + since(start) }
	timeUp := func() bool { return o.Time > 0 && elapsed() >= o.Time }
	stopNow := func() bool { return ctx.Err() != nil || timeUp() }
	ckptDue := func() bool {
		return o.CheckpointPath != "" && o.CheckpointEvery > 0 && since(lastCkpt) >= o.CheckpointEvery
	}
	e.dist.wish = func() wishes {
		return wishes{interrupted: ctx.Err() != nil, timeUp: timeUp(), checkpoint: e.rank() == 0 && ckptDue()}
	}
	e.sync()
	var reason StopReason
	var crash error // a worker's panic (*panics.Caught)
	for reason = e.stopReason(ctx, elapsed()); reason == 0 && e.dist.err == nil; reason = e.stopReason(ctx, elapsed()) {
		if crash = e.tryIterate(stopNow); crash != nil {
			reason = StopCrashed
			break
		}
		if o.Progress != nil {
			front := e.hof.Front()
			o.Progress(Progress{Iteration: e.iteration, Evals: e.evals, Elapsed: elapsed(), Front: front, Chosen: Choose(front, SelectBest)})
		}
		if e.checkpointDue(ckptDue()) {
			lastCkpt = now()
			if err := e.save(o.CheckpointPath, elapsed()); err != nil {
				ckptErr = err
			}
		}
	}
	if len(e.hof.Front()) == 0 {
		e.harvest() // stopped before the first iteration finished
	}
	e.sync() // the last counts of a distributed search
	if err := e.dist.err; err != nil {
		return nil, fmt.Errorf("exchange between ranks: %w", err)
	}
	total := elapsed()
	if o.CheckpointPath != "" && crash == nil { // after a crash the islands may be half evolved: the last checkpoint stays
		if err := e.save(o.CheckpointPath, total); err != nil {
			ckptErr = err
		}
	}
	front := e.hof.Front()
	if e.rank() == 0 { // the other ranks' results are not used
		e.cleanFront() // after the checkpoint, so a resumed run equals an uninterrupted one
		is := e.islands[0]
		front = snapFront(e.hof.Front(), e.data, o.Snap, func(t *expr.Node) float64 { return e.scoreFull(is, t, nil).Loss }, e.hof.Floor)
		e.collect(is)
	}
	res := &Result{Front: front, Iterations: e.iteration, Evals: e.evals, Elapsed: total, StopReason: reason, Baseline: e.baseline, CheckpointErr: ckptErr,
		Ranks: 1, Migrants: e.dist.migrants, NodeRows: e.nodeRows}
	if !e.alone() {
		res.Ranks = e.dist.peers.Size()
	}
	if crash != nil {
		return res, crash
	}
	if len(res.Front) == 0 {
		return res, errEmptyFront
	}
	return res, nil
}

// tryIterate is iterate with a worker's panic returned as an error (a
// *panics.Caught), so run still returns the hall of fame it has.
func (e *engine) tryIterate(stop func() bool) (err error) {
	defer panics.Recover(&err)
	e.iterate(stop)
	return nil
}

// stopReason is the first stopping rule that fires after elapsed time
// (0 while none does), checked in a fixed order.
func (e *engine) stopReason(ctx context.Context, elapsed time.Duration) StopReason {
	o := &e.opts
	switch {
	case e.interrupted(ctx.Err() != nil):
		return StopInterrupted
	case o.Iterations > 0 && e.iteration >= o.Iterations:
		return StopIterations
	case e.timeUp(o.Time > 0 && elapsed >= o.Time):
		return StopTime
	case o.MaxEvals > 0 && e.evals >= o.MaxEvals:
		return StopMaxEvals
	case o.StopLoss > 0 && e.bestLoss() <= o.StopLoss:
		return StopLossReached
	case o.StopExact && e.bestLoss() <= e.hof.Floor:
		return StopExactFit
	case o.StopPlateau > 0 && e.plateau.reached(e, o.StopPlateau):
		return StopPlateau
	}
	return 0
}

// harvest offers every member, scored on all rows, to the hall of fame
// (of every rank's members in a distributed search).
func (e *engine) harvest() {
	var cands []*Member
	for _, is := range e.islands {
		for _, m := range is.pop.Members {
			cands = append(cands, e.scoreFull(is, m.Tree, m.program()))
		}
		e.collect(is)
	}
	e.exchange(&cands, nil)
	for _, m := range cands {
		e.hof.offer(m)
	}
}

// exactFloor is the loss of a fit whose relative RMS error is 1e-12: below
// it, float64 rounding decides, not the formula.
func exactFloor(d *Data) float64 {
	var s, sw float64
	for i, v := range d.Y {
		wi := 1.0
		if d.W != nil {
			wi = d.W[i]
		}
		s += wi * v * v
		sw += wi
	}
	if sw <= 0 {
		return 0
	}
	return 1e-24 * s / sw
}

var errEmptyFront = inputerr.New("the search found no formula with a finite loss (empty front): check the data for constant or non-finite columns")

func (e *engine) bestLoss() float64 {
	f := e.hof.Front()
	if len(f) == 0 {
		return math.Inf(1)
	}
	return f[len(f)-1].Loss
}

// iterate evolves every island for one iteration in parallel, then, in
// island order, merges their hall-of-fame candidates and migrates members
// (exchanging both with the other ranks of a distributed search). Nothing
// in the parallel part reads state another island writes, so the outcome
// does not depend on scheduling.
//
// A panic in a worker is raised again here, before anything is merged:
// the hall of fame stays as the last whole iteration left it.
func (e *engine) iterate(stop func() bool) {
	var next atomic.Int64
	var g panics.Group
	for w := 0; w < min(e.opts.Threads, len(e.islands)); w++ {
		g.Go(func() {
			for i := int(next.Add(1) - 1); i < len(e.islands); i = int(next.Add(1) - 1) {
				panics.Point("symreg.island")
				e.evolve(e.islands[i], stop)
			}
		})
	}
	g.Wait()

	var cands []*Member
	born := make([]float64, len(e.freq.Counts))
	for _, is := range e.islands {
		cands = append(cands, is.cands...)
		is.cands = nil
		for c, n := range is.freq.Counts {
			born[c] += n - 1
		}
		e.collect(is)
	}
	e.exchange(&cands, born)
	for _, m := range cands {
		e.hof.offer(m)
	}
	for c, n := range born {
		e.freq.Counts[c] += n
	}
	e.freq.decay()
	e.migrate()
	e.iteration++
}

// migrate replaces random members of each island by copies of other
// islands' best members (of this rank's and of another rank's islands in a
// distributed search) and of hall-of-fame entries.
func (e *engine) migrate() {
	var pool []*Member
	for _, is := range e.islands {
		pool = append(pool, is.pop.bestMembers(12)...)
	}
	local := len(pool)
	pool = append(pool, e.immigrants(pool)...)
	front := e.hof.Front()
	for _, is := range e.islands {
		for j := range is.pop.Members {
			u := e.rng.Float64()
			var src *Member
			switch {
			case u < e.opts.MigrateFrac && len(pool) > 0:
				k := e.rng.IntN(len(pool))
				src = pool[k]
				if k >= local {
					e.dist.placed++
				}
			case u < e.opts.MigrateFrac+e.opts.HofMigrateFrac && len(front) > 0:
				f := front[e.rng.IntN(len(front))]
				src = e.hof.Best[f.Complexity]
			}
			if src != nil {
				m := src.clone()
				m.Birth = is.pop.newBirth()
				is.pop.Members[j] = m
			}
		}
	}
}
