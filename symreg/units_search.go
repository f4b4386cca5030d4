package symreg

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/ansatz/ansatz/internal/panics"
	"github.com/ansatz/ansatz/symreg/expr"
	"github.com/ansatz/ansatz/symreg/units"
)

// UnitsInfo says how a search with units went: whether the reduction was
// used and, if not, why (the search then ran on the original columns).
type UnitsInfo struct {
	Applied   bool
	Reason    string   // why not applied ("" when applied)
	Prefactor string   // P over the original names
	Groups    []string // π_j over the original names
	Notes     []string // e.g. warm-start guesses dropped
}

// SearchWithUnits is Search with dimensional analysis in front: it writes
// y = P(x)·g(π) (see units.Reduction), searches g on the dimensionless
// groups, and returns a Result whose front holds P·g(π) expanded over the
// original variables (data.Names), with losses, complexities and scores
// recomputed on the original data. With no groups left, only the constant
// C of y = C·P is fitted, by least squares, and no search runs. When the
// reduction does not apply (table is nil, a column or the target has no
// units, no product of inputs has the target's units, the prefactor is not
// finite on the data, or everything is dimensionless already) it runs the
// plain Search and says why in UnitsInfo.
//
// With a time limit (and no checkpoint or resume), the search on the groups
// gets unitsTimeShare of the time; if it has not stopped on an exact fit
// by then, a plain search on the original columns gets the rest, and the
// front is built from both (a portfolio: dimensional analysis helps most
// laws but makes a few, like sums of products, harder). StopReason is
// StopUnitsOnly when only C was fitted.
//
// Warm-start guesses are over the original variables and cannot be mapped
// onto the groups, so only the plain phase uses them. The Progress
// callback sees expanded formulas, but losses of the reduced problem
// (y/P against g) during the search on the groups.
func SearchWithUnits(ctx context.Context, data *Data, opts Options, resume *Checkpoint, table *units.Table, target string) (*Result, UnitsInfo, error) {
	plain := func(reason string) (*Result, UnitsInfo, error) {
		res, err := Search(ctx, data, opts, resume)
		return res, UnitsInfo{Reason: reason}, err
	}
	if table == nil {
		return plain("no units table")
	}
	if err := data.check(); err != nil {
		return nil, UnitsInfo{}, err
	}
	red, rd, err := reduce(data, table, target)
	if errors.Is(err, units.ErrNotApplicable) {
		return plain(err.Error())
	}
	if err != nil {
		return nil, UnitsInfo{}, err
	}
	info := UnitsInfo{Applied: true, Prefactor: red.PrefactorString(), Groups: red.GroupNames()}
	orig := opts
	if len(opts.Guesses) > 0 {
		info.Notes = append(info.Notes, "warm-start guesses not used on the dimensionless groups: they are over the original columns")
		opts.Guesses = nil
	}
	if red.NumGroups() == 0 {
		res, err := fitPrefactorOnly(red, data, opts)
		if errors.Is(err, units.ErrNotApplicable) {
			return plain(err.Error())
		}
		return res, info, err
	}
	if inner := opts.Progress; inner != nil {
		opts.Progress = func(p Progress) {
			fr := make([]FrontEntry, len(p.Front))
			for i, e := range p.Front {
				fr[i] = e
				fr[i].Tree = red.Expand(e.Tree)
			}
			p.Front = fr
			inner(p)
		}
	}
	portfolio := opts.Time > 0 && resume == nil && opts.CheckpointPath == ""
	if portfolio {
		opts.Time = time.Duration(float64(opts.Time) * unitsTimeShare)
	}
	res, err := Search(ctx, rd, opts, resume)
	crash, crashed := panics.As(err) // a worker panicked: expand what there is
	if err != nil && !crashed {
		return res, info, err
	}
	out := *res
	trees := make([]*expr.Node, len(res.Front))
	for i, e := range res.Front {
		trees[i] = red.Expand(e.Tree)
	}
	if rest := orig.Time - res.Elapsed; portfolio && !crashed && res.StopReason == StopTime && ctx.Err() == nil && rest > 0 {
		// The groups did not give an exact fit in their share of the time:
		// some laws are simpler over the original columns (sums of
		// products such as x1·y1 + x2·y2 become awkward in ratios).
		po := orig
		po.Time = rest
		pres, err := Search(ctx, data, po, nil)
		if crash, crashed = panics.As(err); err == nil || crashed {
			for _, e := range pres.Front {
				trees = append(trees, e.Tree)
			}
			out.Iterations += pres.Iterations
			out.Evals += pres.Evals
			out.Migrants.Sent += pres.Migrants.Sent
			out.Migrants.Placed += pres.Migrants.Placed
			out.Elapsed += pres.Elapsed
			out.StopReason = pres.StopReason
			info.Notes = append(info.Notes, fmt.Sprintf("no exact fit on the groups in %.3gs: searched the original columns for the remaining %.3gs and merged the fronts", res.Elapsed.Seconds(), rest.Seconds()))
		}
	}
	out.Front = rescoreFront(trees, data, opts)
	out.Baseline = baselineLoss(opts.Loss, opts.HuberDelta, data.Y, data.W)
	if crashed {
		return &out, info, crash
	}
	if len(out.Front) == 0 {
		return &out, info, errEmptyFront
	}
	return &out, info, nil
}

// reduce writes data in dimensionless form (see units.Reduction): the
// groups as columns, y/P as the target. The error wraps
// units.ErrNotApplicable when the table does not describe the data.
func reduce(data *Data, table *units.Table, target string) (*units.Reduction, *Data, error) {
	red, err := table.Reduce(data.Names, target)
	if err == nil && red.Trivial() {
		err = fmt.Errorf("%w: the inputs and the target are all dimensionless", units.ErrNotApplicable)
	}
	if err != nil {
		return nil, nil, err
	}
	red.Adapt(data.X, data.Y)
	rd := &Data{W: data.W, Names: red.GroupVars()}
	rd.X, rd.Y, err = red.Apply(data.X, data.Y)
	return red, rd, err
}

// Reduced is a table in dimensionless form: Data holds the groups π_j as
// columns and y/P as the target, and Expand maps a formula g(π) found on
// it back to P·g over the original columns. Layers around the search
// (symreg/solve) use it to transform or split the reduced problem.
type Reduced struct {
	Data *Data
	red  *units.Reduction
}

// Expand is P·g over the original columns.
func (r *Reduced) Expand(g *expr.Node) *expr.Node { return r.red.Expand(g) }

// ReduceUnits is the dimensionless form of data under table, or nil when
// the table does not apply or no group is left (then SearchWithUnits fits
// y = C·P or searches the plain columns); the error is for bad input only.
func ReduceUnits(data *Data, table *units.Table, target string) (*Reduced, error) {
	if table == nil {
		return nil, nil
	}
	if err := data.check(); err != nil {
		return nil, err
	}
	red, rd, err := reduce(data, table, target)
	switch {
	case errors.Is(err, units.ErrNotApplicable):
		return nil, nil
	case err != nil:
		return nil, err
	case red.NumGroups() == 0:
		return nil, nil
	}
	return &Reduced{Data: rd, red: red}, nil
}

// FrontOf is the Pareto front of trees over data as a search reports it:
// scored with opts' loss and complexity measure, constants snapped
// (opts.Snap), simplest first, with scores.
func FrontOf(trees []*expr.Node, data *Data, opts Options) []FrontEntry {
	return rescoreFront(trees, data, opts)
}

// fitPrefactorOnly handles the case with no dimensionless group: y = C·P,
// so the reduced target y/P is the constant C, fitted as the weighted
// least-squares slope of y on P. The front holds the constant predictor
// and C·P. If C·P explains less than minPrefactorR2 of y's variance, the
// units table does not describe the data (or the law is not dimensionally
// consistent) and the error wraps units.ErrNotApplicable.
func fitPrefactorOnly(red *units.Reduction, data *Data, opts Options) (*Result, error) {
	start := now()
	pv := make([]float64, data.Rows())
	for i := range pv {
		pv[i] = 1
	}
	if t := red.PrefactorTree(); t != nil {
		var ev expr.Evaluator
		ev.Eval64(expr.Compile(t), data.X, pv)
	}
	var num, den, sw, sy float64
	for i, p := range pv {
		w := 1.0
		if data.W != nil {
			w = data.W[i]
		}
		num += w * data.Y[i] * p
		den += w * p * p
		sw += w
		sy += w * data.Y[i]
	}
	c := num / den
	if math.IsNaN(c) || math.IsInf(c, 0) || sw <= 0 {
		return nil, fmt.Errorf("%w: y = C·%s cannot be fitted", units.ErrNotApplicable, red.PrefactorString())
	}
	fit := red.Expand(expr.Const(c))
	if m := expr.Measure(fit, data.X, data.Y, data.W); !(m.R2 >= minPrefactorR2) {
		return nil, fmt.Errorf("%w: no dimensionless group is left, but y = C·%s fits with R² = %.3g only: units do not describe the data", units.ErrNotApplicable, red.PrefactorString(), m.R2)
	}
	trees := []*expr.Node{expr.Const(sy / sw), fit}
	return &Result{
		Front:      rescoreFront(trees, data, opts),
		Evals:      1,
		Elapsed:    since(start),
		StopReason: StopUnitsOnly,
		Baseline:   baselineLoss(opts.Loss, opts.HuberDelta, data.Y, data.W),
	}, nil
}

// unitsTimeShare is the fraction of a time-limited search spent on the
// dimensionless groups before the plain search takes over.
const unitsTimeShare = 0.5

// minPrefactorR2 is the least R² of y = C·P for the units to be trusted
// when no group is left (noise-free physical data gives R² = 1).
const minPrefactorR2 = 0.9

// rescoreFront scores trees over the original data with opts' loss and
// complexity measure, snaps their constants (opts.Snap), and returns their
// Pareto front (simplest first, each entry strictly more accurate than
// every simpler one) with scores as the hall of fame computes them.
func rescoreFront(trees []*expr.Node, data *Data, opts Options) []FrontEntry {
	var w *expr.Weights
	if opts.ComplexityWeights != "" {
		w, _ = expr.ParseWeights(opts.ComplexityWeights) // validated by the search already
	}
	var ev expr.Evaluator
	pred := make([]float64, data.Rows())
	loss := func(t *expr.Node) float64 {
		ev.Eval64(expr.Compile(t), data.X, pred)
		return lossOf(opts.Loss, opts.HuberDelta, pred, data.Y, data.W)
	}
	var all []FrontEntry
	for _, t := range trees {
		if l := loss(t); !math.IsNaN(l) && !math.IsInf(l, 0) {
			all = append(all, FrontEntry{Tree: t, Complexity: w.Complexity(t), Loss: l})
		}
	}
	floor := exactFloor(data)
	return snapFront(paretoFront(all, floor), data, opts.Snap, loss, floor)
}

// paretoFront sorts entries by complexity and keeps the Pareto front
// (each entry strictly more accurate than every simpler one, the more
// accurate of equal complexities), with scores against the previous entry
// as the hall of fame computes them (losses below floor count as floor).
func paretoFront(all []FrontEntry, floor float64) []FrontEntry {
	sort.SliceStable(all, func(i, j int) bool { return all[i].Complexity < all[j].Complexity })
	var out []FrontEntry
	best := math.Inf(1)
	for _, e := range all {
		if !(e.Loss < best) {
			continue
		}
		if k := len(out); k > 0 && out[k-1].Complexity == e.Complexity {
			out = out[:k-1] // same complexity, more accurate: replaces it
		}
		best = e.Loss
		e.eff = max(e.Loss, floor)
		if k := len(out); k > 0 {
			prev := out[k-1]
			e.Score = -(safeLog(e.eff) - safeLog(prev.eff)) / float64(e.Complexity-prev.Complexity)
		}
		out = append(out, e)
	}
	return out
}
