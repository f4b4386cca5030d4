package pipeline

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/symreg"
	"github.com/ansatz/ansatz/symreg/expr"
	"github.com/ansatz/ansatz/symreg/solve"
)

// law is stage 4: symbolic regression on the focus features (and on all
// features when there are few), fitted on the training rows; the law is
// the searches' chosen formula that scores best on the validation rows.
// A class target whose classes are numbers (a signature, a count) gets a
// formula too: it predicts the class value, and is read as a classifier
// by rounding to the nearest class of the training rows.
func (r *runner) law(ctx context.Context) (Status, string, error) {
	law := &Law{Chosen: -1, Metric: "r2"}
	r.res.Law = law
	if r.task == model.Classification {
		if !model.NumericClasses(r.res.Classes) {
			law.Skipped = "The target's classes are labels rather than numbers (they are neither integers nor evenly spaced), " +
				"so no formula was searched: a formula for class codes would depend on how the classes happen to be coded."
			return StatusSkipped, "class labels that are not numbers", nil
		}
		law.Metric, law.Classes = "accuracy", model.Classes(r.columns(nil, r.split.Train).y)
	}
	sets := [][]string{r.res.Focus.Features}
	labels := []string{fmt.Sprintf("top %d features", len(sets[0]))}
	if n := len(r.tab.Features); n <= r.cfg.AllMax && len(sets[0]) < n {
		sets = append(sets, r.tab.Features)
		labels = append(labels, fmt.Sprintf("all %d features", n))
	}
	for k, names := range sets {
		if ctx.Err() != nil {
			break
		}
		run, err := r.search(ctx, labels[k], names, r.cfg.SearchTime/time.Duration(len(sets)))
		if err != nil {
			return StatusFailed, "", err
		}
		law.Runs = append(law.Runs, *run)
	}
	r.chooseLaw(law)
	if ctx.Err() != nil {
		return StatusInterrupted, fmt.Sprintf("%d of %d searches ran, the last one cut short", len(law.Runs), len(sets)), nil
	}
	return StatusDone, "", nil
}

// search runs one symbolic regression on the named columns of the
// training rows and scores its front on the rows choices may see.
func (r *runner) search(ctx context.Context, label string, names []string, limit time.Duration) (*SearchRun, error) {
	fit := r.columns(names, r.split.Train)
	o := symreg.DefaultOptions()
	o.Ops, _ = symreg.ParseOps(r.cfg.Ops) // checked in Config.check
	o.MaxSize, o.Threads, o.Seed = r.cfg.MaxSize, r.cfg.Threads, r.cfg.Train.Seed
	o.Populations = symreg.DefaultPopulations(r.cfg.Threads)
	o.Time, o.Iterations = limit, r.cfg.Iterations
	o.Peers = r.cfg.Peers
	if len(fit.y) > 1000 { // as `ansatz search`: mini-batches on big tables
		o.Batch = 250
	}
	step := "search: " + label
	o.Progress = func(p symreg.Progress) {
		if p.Chosen >= 0 {
			e := p.Front[p.Chosen]
			r.cfg.progress(Progress{Stage: StageLaw, Step: step, Best: short(e.Tree, names, r.cfg.Digits, fit.x), Loss: e.Loss})
		}
	}
	r.cfg.logf("discover: symbolic search", "run", label, "features", strings.Join(names, ","), "time", limit, "iterations", o.Iterations)
	r.cfg.progress(Progress{Stage: StageLaw, Step: step})
	data := &symreg.Data{X: fit.x, Y: fit.y, Names: names}
	// symreg/solve: the search, the target's transforms (not over MPI
	// ranks: they search on rank 0 alone) and the choice of the law.
	sres, err := solve.Solve(ctx, solve.Problem{Data: data, Options: o, Units: r.cfg.Units, Target: r.tab.Target,
		NoTransforms: o.Peers != nil, Select: solve.SelectConfig{Seed: o.Seed}})
	if err != nil {
		return nil, err
	}
	res, info := &sres.Result, sres.Units
	run := &SearchRun{Label: label, Features: names, Rows: len(fit.y), Seconds: res.Elapsed.Seconds(), Iterations: res.Iterations,
		Evals: res.Evals, StopReason: res.StopReason, Chosen: sres.Choice.Index, Rule: sres.Choice.Rule, Why: sres.Choice.Why}
	if res.Ranks > 1 {
		run.Ranks = res.Ranks
	}
	if r.cfg.Units != nil {
		run.Units = unitsNote(info)
	}
	seen := r.columns(names, r.seen())
	var trees []*expr.Node
	for _, e := range res.Front {
		fp := FrontPoint{Complexity: e.Complexity, Loss: Num(e.Loss), FitR2: Num(expr.Measure(e.Tree, fit.x, fit.y, nil).R2),
			Infix: expr.Format(e.Tree, names), Short: short(e.Tree, names, r.cfg.Digits, fit.x), LaTeX: expr.FormatLaTeX(e.Tree, names)}
		fp.ValR2, fp.ValAcc = r.lawScores(predict(e.Tree, seen.x, len(seen.y)), seen.y)
		run.Front = append(run.Front, fp)
		trees = append(trees, e.Tree)
	}
	r.fronts = append(r.fronts, trees)
	return run, nil
}

// unitsNote says what dimensional analysis did in a search.
func unitsNote(info symreg.UnitsInfo) string {
	switch {
	case !info.Applied:
		return "units not used: " + info.Reason
	case len(info.Groups) == 0:
		return fmt.Sprintf("y = C·%s by units alone; only the constant C was fitted", info.Prefactor)
	}
	return fmt.Sprintf("searched y/(%s) over the dimensionless groups %s", info.Prefactor, strings.Join(info.Groups, ", "))
}

// lawScores are a formula's R² and, for a numeric class target, its
// rounded accuracy (NaN otherwise), from its predictions of y.
func (r *runner) lawScores(pred, y []float64) (r2, acc Num) {
	acc = Num(math.NaN())
	if r.res.Law.Classes != nil {
		acc = Num(model.RoundedAccuracy(pred, y, r.res.Law.Classes))
	}
	return Num(expr.ComputeMetrics(pred, y, nil).R2), acc
}

// predict evaluates t on n rows of the columns x (float64).
func predict(t *expr.Node, x [][]float64, n int) []float64 {
	pred := make([]float64, n)
	expr.NewEvaluator().Eval64(expr.Compile(t), x, pred)
	return pred
}

// cols is a column-major slice of the table.
type cols struct {
	x [][]float64
	y []float64
}

// columns copies the named columns and the target at the given rows.
func (r *runner) columns(names []string, rows []int) cols {
	var c cols
	for _, n := range names {
		src := r.tab.X[r.tab.Index(n)]
		col := make([]float64, len(rows))
		for k, i := range rows {
			col[k] = src[i]
		}
		c.x = append(c.x, col)
	}
	c.y = make([]float64, len(rows))
	for k, i := range rows {
		c.y[k] = r.tab.Y[i]
	}
	return c
}

// lawMargin is how much better (validation R² or accuracy) a later
// search's formula must be to replace the focused one: with a tie the
// fewer features win.
const lawMargin = 1e-3

// chooseLaw picks, on the validation rows, the run whose chosen formula
// is the law, and fills the law's summary.
func (r *runner) chooseLaw(law *Law) {
	best := -1
	for k, run := range law.Runs {
		if run.Chosen < 0 {
			continue
		}
		if best < 0 || lawValue(law, run) > lawValue(law, law.Runs[best])+lawMargin {
			best = k
		}
	}
	law.Chosen = best
	if best < 0 {
		return
	}
	run := law.Runs[best]
	e := run.Front[run.Chosen]
	law.Formula, law.Short, law.LaTeX, law.Features, law.Complexity = e.Infix, e.Short, e.LaTeX, run.Features, e.Complexity
	law.ValR2, law.ValAcc = e.ValR2, e.ValAcc
	law.Uses = r.uses(r.fronts[best][run.Chosen], run.Features)
}

// lawValue is a run's chosen formula's validation score by the law's
// metric; NaN counts as −Inf so that any finite formula beats it.
func lawValue(law *Law, run SearchRun) float64 {
	e := run.Front[run.Chosen]
	v := float64(e.ValR2)
	if law.Metric == "accuracy" {
		v = float64(e.ValAcc)
	}
	if math.IsNaN(v) {
		return math.Inf(-1)
	}
	return v
}

// uses lists the inputs (of names) the formula reads, in table order.
func (r *runner) uses(t *expr.Node, names []string) []string {
	var out []string
	var walk func(n *expr.Node)
	walk = func(n *expr.Node) {
		if n == nil {
			return
		}
		if n.Op == expr.OpVar && !slices.Contains(out, names[n.Var]) {
			out = append(out, names[n.Var])
		}
		walk(n.L)
		walk(n.R)
	}
	walk(t)
	slices.SortFunc(out, func(a, b string) int { return r.tab.Index(a) - r.tab.Index(b) })
	return out
}
