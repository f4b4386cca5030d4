package solve

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/ansatz/ansatz/symreg"
	"github.com/ansatz/ansatz/symreg/expr"
	"github.com/ansatz/ansatz/symreg/units"
)

// Problem is a table to find the law of.
type Problem struct {
	Data    *symreg.Data
	Options symreg.Options
	// Units, if not nil, puts dimensional analysis in front of the
	// search (symreg.SearchWithUnits); Target names the target column
	// in it.
	Units  *units.Table
	Target string
	// Resume continues a checkpointed search; the transforms are then not
	// tried (the checkpoint holds one search).
	Resume *symreg.Checkpoint
	// NoTransforms turns the searches on transformed targets off.
	NoTransforms bool
	// Select configures the choice of the formula.
	Select SelectConfig
	// Decompose, if not nil, is tried after the first search when that
	// found no exact fit (see Decomposer).
	Decompose Decomposer
}

// Decomposer splits a problem into parts and solves them (separability
// and symmetries in the manner of AI Feynman; package decompose, which
// fits a neural network and so lives outside symreg). It gets the problem
// with its budget in p.Options (Time, or Iterations and MaxEvals) and
// returns candidate formulas over the original columns, which join the
// front and are chosen like any other, and a note saying what it decided.
type Decomposer func(ctx context.Context, p Problem) (trees []*expr.Node, note string)

// Result is what Solve found: the search's result with the front merged
// over every search, the choice from it and how the search went.
type Result struct {
	symreg.Result
	Units  symreg.UnitsInfo
	Choice Choice
	// Transforms are the target transforms searched, in order, with what
	// each gave ("1/y: exact fit on the groups").
	Transforms []string
	// Decomposition is what Problem.Decompose decided ("" if not run).
	Decomposition string
}

// Shares of a time-limited run: the first plain search (with units when
// they apply) gets firstShare, the algebraic phase algebraicShare, the
// decomposition (Problem.Decompose, when set) decomposeShare (at most what
// is left), the transforms together transformShare (at most what is left),
// and, if none found an exact fit, a second plain search the rest,
// warm-started from the best formulas found so far. Laws the plain search
// finds at once stop the run in the first phase; laws that need a
// transform do not wait for the plain search's whole time. An iteration
// or evaluation limit is the first search's; the algebraic phase gets
// algebraicShare of it and the transforms together transformShare on top (none when that is less than one iteration
// each), and there is no second plain search.
const (
	firstShare     = 0.2
	transformShare = 0.35
	// decomposeShare is Problem.Decompose's, between the first search
	// and the transforms.
	decomposeShare = 0.4
	// warmStarts caps the formulas handed to the second plain search.
	warmStarts = 8
)

// Solve searches for the law of p's table: the search (with units when
// p.Units applies), then, unless it found a formula that fits every row
// to rounding or the units alone fixed the formula up to its constant,
// the search with the algebraic operators only (algebraicOps), then, unless
// that found one, a search on each transform of the target that is valid on
// it (Transforms; on the dimensionless groups when units apply), each
// front's formulas inverted back to y and expanded over the original
// columns, then the plain search again for the rest of the time. The
// fronts are merged into one over the original columns and the formula
// is chosen by Select. Stopping early (Options.StopExact) ends the
// portfolio at the first exact fit; a search that stopped because its
// front flattened at the noise (Options.StopPlateau) ends it too: its
// front already holds what the data can tell.
func Solve(ctx context.Context, p Problem) (*Result, error) {
	opts := p.Options
	o := opts
	transforms := !p.NoTransforms && p.Resume == nil && opts.CheckpointPath == ""
	if transforms && opts.Time > 0 {
		o.Time = time.Duration(float64(opts.Time) * firstShare)
	}
	res, info, err := symreg.SearchWithUnits(ctx, p.Data, o, p.Resume, p.Units, p.Target)
	if err != nil && res == nil {
		return nil, err
	}
	out := &Result{Result: *res, Units: info}
	if err != nil {
		// The search crashed (a worker panicked) but kept its hall of
		// fame: it is chosen from and handed back with the error.
		out.choose(p)
		return out, err
	}
	// Units alone (y = C·P, no group left) leave nothing to search.
	if !transforms || res.StopReason == symreg.StopUnitsOnly || res.StopReason == symreg.StopPlateau || fitsExactly(res.Front, p.Data) {
		return out.finish(p, frontTrees(res.Front))
	}
	trees := frontTrees(res.Front)
	if alg := algebraicOps(opts.Ops); alg != nil {
		// Half with the configured linear scaling, half with the other:
		// neither finds every algebraic law fastest ((a+b)/(1+ab) comes
		// quicker with it, m·(u²+v²+w²)/2 and (1−b)/sqrt(1−a²) without).
		for _, scaling := range []bool{opts.LinearScaling, !opts.LinearScaling} {
			if ctx.Err() != nil {
				break
			}
			var exact bool
			if trees, exact, err = out.searchAlgebraic(ctx, p, alg, scaling, trees); err != nil {
				return nil, err
			}
			if exact {
				return out.finish(p, trees)
			}
		}
	}
	if p.Decompose != nil && ctx.Err() == nil {
		trees = out.decompose(ctx, p, trees)
	}
	if ctx.Err() == nil && out.StopReason != symreg.StopExactFit {
		budget := time.Duration(float64(opts.Time) * transformShare)
		if opts.Time > 0 {
			budget = min(budget, opts.Time-out.Elapsed)
		}
		if trees, err = out.searchTransforms(ctx, p, budget, trees); err != nil {
			return nil, err
		}
	}
	if left := opts.Time - out.Elapsed; opts.Time > 0 && ctx.Err() == nil && left > 0 && out.StopReason != symreg.StopExactFit && out.StopReason != symreg.StopPlateau {
		o := opts
		o.Time, o.Seed = left, opts.Seed+uint64(len(Transforms)+1)
		o.Guesses = append(o.Guesses[:len(o.Guesses):len(o.Guesses)], trees[max(0, len(res.Front)-warmStarts):len(res.Front)]...)
		res2, _, err := symreg.SearchWithUnits(ctx, p.Data, o, nil, p.Units, p.Target)
		if err == nil {
			trees = append(trees, frontTrees(res2.Front)...)
			out.add(res2)
			out.StopReason = res2.StopReason
		}
	}
	return out.finish(p, trees)
}

// finish makes r's front from trees over the original columns, their
// absolute values of one-signed arguments undone (unsign), and chooses
// from it.
func (r *Result) finish(p Problem, trees []*expr.Node) (*Result, error) {
	for i, t := range trees {
		trees[i] = unsign(t, p.Data)
	}
	r.Front = symreg.FrontOf(trees, p.Data, p.Options)
	if len(r.Front) == 0 {
		return nil, fmt.Errorf("no formula is finite on the data")
	}
	r.choose(p)
	return r, nil
}

// searchAlgebraic runs half the algebraic phase (see algebraicShare)
// with operators ops and linear scaling on or off and returns trees with its front appended, and whether
// a formula of it fits every row to rounding (the portfolio is then
// done).
func (r *Result) searchAlgebraic(ctx context.Context, p Problem, ops []expr.Op, scaling bool, trees []*expr.Node) ([]*expr.Node, bool, error) {
	const share = algebraicShare / 2
	o := p.Options
	o.Ops, o.LinearScaling = ops, scaling
	o.Seed = p.Options.Seed + 1000
	o.Guesses = nil // they may use operators outside ops
	if o.Time > 0 {
		o.Time = time.Duration(float64(o.Time) * share)
	}
	if o.Iterations > 0 {
		o.Iterations = max(1, int(float64(o.Iterations)*share))
	}
	if o.MaxEvals > 0 {
		o.MaxEvals = max(1, int64(float64(o.MaxEvals)*share))
	}
	o.Progress, o.CheckpointPath, o.Peers = nil, "", nil
	// With units the whole phase goes to the groups: the first search
	// has already searched the original columns.
	red, err := symreg.ReduceUnits(p.Data, p.Units, p.Target)
	if err != nil {
		return nil, false, err
	}
	d, where := p.Data, "the columns"
	if red != nil {
		d, where = red.Data, "the groups"
	}
	res, err := symreg.Search(ctx, d, o, nil)
	if err != nil {
		r.Transforms = append(r.Transforms, fmt.Sprintf("algebraic operators: %v", err))
		return trees, false, nil
	}
	r.add(res)
	var found []*expr.Node
	exact := res.StopReason == symreg.StopPlateau
	ms := meanSquare(p.Data)
	for _, e := range res.Front {
		if red != nil {
			e.Tree = red.Expand(e.Tree)
		}
		found = append(found, e.Tree)
		// A rational function can match a smooth transcendental law to
		// rounding in range (a continued fraction for 1/(exp(x)−1)): an
		// exact fit ends the portfolio only when it is well below the
		// size limit; a bigger one leaves the transforms their turn (the
		// exact rule still prefers a simpler exact fit they find).
		if 3*e.Complexity <= 2*o.MaxSize && symreg.MSE(e.Tree, p.Data) <= ExactRel*ExactRel*ms {
			exact = true
		}
	}
	note := fmt.Sprintf("algebraic operators only (%s, linear scaling %t) on %s: %d formulas in %.3gs", opNames(ops), scaling, where, len(res.Front), res.Elapsed.Seconds())
	if exact {
		note += ", an exact fit (or flat at the noise)"
		r.StopReason = res.StopReason
	}
	r.Transforms = append(r.Transforms, note)
	return append(trees, found...), exact, nil
}

// opNames is ops as a comma-separated list.
func opNames(ops []expr.Op) string {
	s := ""
	for i, op := range ops {
		if i > 0 {
			s += ","
		}
		s += op.Name()
	}
	return s
}

// decompose runs p.Decompose in decomposeShare of the budget and returns
// trees with its formulas appended; an exact fit among them ends the
// portfolio when stopping early.
func (r *Result) decompose(ctx context.Context, p Problem, trees []*expr.Node) []*expr.Node {
	q := p
	o := &q.Options
	o.Time = time.Duration(float64(o.Time) * decomposeShare)
	if p.Options.Time > 0 {
		if o.Time = min(o.Time, p.Options.Time-r.Elapsed); o.Time <= 0 {
			return trees
		}
	}
	o.Iterations = int(float64(o.Iterations) * decomposeShare)
	o.MaxEvals = int64(float64(o.MaxEvals) * decomposeShare)
	if p.Options.Time == 0 && (p.Options.Iterations > 0 && o.Iterations < 1 || p.Options.MaxEvals > 0 && o.MaxEvals < 1) {
		return trees
	}
	start := time.Now()
	found, note := p.Decompose(ctx, q)
	r.Elapsed += time.Since(start)
	r.Decomposition = note
	if len(found) > 0 && p.Options.StopExact && fitsExactly(symreg.FrontOf(found, p.Data, p.Options), p.Data) {
		r.StopReason = symreg.StopExactFit
	}
	return append(trees, found...)
}

// choose picks the formula (Select). When the choice rests on a noise
// estimate, the front's formulas are simplified at that noise
// (simplifyAtNoise: the search drops and snaps constants for exact data
// only), each simplified formula replacing its original (the data cannot
// tell them apart, and the simpler constants are the better answer), and
// the choice is made again on the new front.
func (r *Result) choose(p Problem) {
	r.Choice = Select(r.Front, p.Data, p.Select)
	noise := r.Choice.Noise
	if r.Choice.Index < 0 || noise <= 0 || p.Options.Snap.Off {
		return
	}
	trees := frontTrees(r.Front)
	changed := false
	for i, e := range r.Front {
		if t := simplifyAtNoise(e.Tree, p.Data, noise, p.Options.Snap); !expr.Equal(t, e.Tree) {
			trees[i], changed = t, true
		}
	}
	if !changed {
		return
	}
	o := p.Options
	o.Snap.Off = true
	if f := symreg.FrontOf(trees, p.Data, o); len(f) > 0 {
		r.Front = f
		r.Choice = Select(r.Front, p.Data, p.Select)
	}
}

// frontTrees are the formulas of a front.
func frontTrees(front []symreg.FrontEntry) []*expr.Node {
	out := make([]*expr.Node, len(front))
	for i, e := range front {
		out[i] = e.Tree
	}
	return out
}

// add counts another search's work in r.
func (r *Result) add(o *symreg.Result) {
	r.Iterations += o.Iterations
	r.Evals += o.Evals
	r.Elapsed += o.Elapsed
}

// fitsExactly reports whether some front formula fits every row of d to
// rounding (relative RMS error ≤ ExactRel).
func fitsExactly(front []symreg.FrontEntry, d *symreg.Data) bool {
	ms := meanSquare(d)
	for _, e := range front {
		if symreg.MSE(e.Tree, d) <= ExactRel*ExactRel*ms {
			return true
		}
	}
	return false
}

// searchTransforms runs the searches on the transformed targets, in
// budget together when the run is time-limited, and returns trees with
// their fronts' formulas (over the original columns) appended.
func (r *Result) searchTransforms(ctx context.Context, p Problem, budget time.Duration, trees []*expr.Node) ([]*expr.Node, error) {
	opts := p.Options
	red, err := symreg.ReduceUnits(p.Data, p.Units, p.Target)
	if err != nil {
		return nil, err
	}
	base, where := p.Data, "the columns"
	if red != nil {
		base, where = red.Data, "the groups"
	}
	lo, hi := span(base.Y)
	var todo []Transform
	for _, t := range Transforms {
		if t.Valid(lo, hi) {
			todo = append(todo, t)
		}
	}
	share := transformShare / float64(max(len(todo), 1))
	iters, evals := int(float64(opts.Iterations)*share), int64(float64(opts.MaxEvals)*share)
	if opts.Time == 0 && (opts.Iterations > 0 && iters < 1 || opts.MaxEvals > 0 && evals < 1) {
		r.Transforms = append(r.Transforms, "transforms not tried: the iteration limit is too small to share")
		return trees, nil
	}
	start := time.Now()
	for k, t := range todo {
		if ctx.Err() != nil {
			break
		}
		o := opts
		o.Ops = withSquare(opts.Ops)
		o.Seed = opts.Seed + uint64(k+1)
		o.Progress, o.CheckpointPath, o.Peers = nil, "", nil
		if red != nil {
			o.Guesses = nil // over the original columns
		}
		if opts.Time > 0 {
			left := budget - time.Since(start)
			if left <= 0 {
				break
			}
			o.Time = left / time.Duration(len(todo)-k)
		}
		if opts.Iterations > 0 {
			o.Iterations = max(1, iters)
		}
		if opts.MaxEvals > 0 {
			o.MaxEvals = max(1, evals)
		}
		ty, sign := t.apply(base.Y)
		if !allFinite(ty) {
			continue
		}
		res, err := symreg.Search(ctx, &symreg.Data{X: base.X, Y: ty, W: base.W, Names: base.Names}, o, nil)
		if err != nil {
			r.Transforms = append(r.Transforms, fmt.Sprintf("%s: %v", t.Name, err))
			continue
		}
		for _, e := range res.Front {
			g := t.Inverse(e.Tree, sign)
			if red != nil {
				g = red.Expand(g)
			}
			trees = append(trees, g)
		}
		r.add(res)
		exact := res.StopReason == symreg.StopExactFit
		note := fmt.Sprintf("%s on %s: %d formulas in %.3gs", t.Name, where, len(res.Front), res.Elapsed.Seconds())
		if exact {
			note += ", an exact fit"
		}
		plateau := res.StopReason == symreg.StopPlateau
		if plateau {
			note += ", flat at the noise"
		}
		r.Transforms = append(r.Transforms, note)
		if exact && opts.StopExact || plateau {
			r.StopReason = res.StopReason
			break
		}
	}
	return trees, nil
}

func allFinite(v []float64) bool {
	for _, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}
