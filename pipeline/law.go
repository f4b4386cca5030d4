package pipeline

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/symreg"
	"github.com/ansatz/ansatz/symreg/expr"
)

// law is stage 4: symbolic regression on the focus features (and on all
// features when there are few), fitted on the training and validation
// rows and judged on the test rows.
func (r *runner) law(ctx context.Context) (Status, string, error) {
	law := &Law{Chosen: -1}
	r.res.Law = law
	if r.task == model.Classification {
		law.Skipped = "The target is a class label, so no formula was searched: symbolic regression fits real-valued targets, " +
			"and a formula for class numbers would depend on how the classes happen to be numbered. " +
			"If the class values are real quantities (a count, an invariant), run again with the task set to regression."
		return StatusSkipped, "classification target", nil
	}
	sets := [][]string{r.res.Focus.Features}
	labels := []string{fmt.Sprintf("top %d features", len(sets[0]))}
	if n := len(r.tab.Features); n <= r.cfg.AllMax && len(sets[0]) < n {
		sets = append(sets, r.tab.Features)
		labels = append(labels, fmt.Sprintf("all %d features", n))
	}
	fitRows := slices.Concat(r.split.Train, r.split.Val)
	slices.Sort(fitRows)
	for k, names := range sets {
		if ctx.Err() != nil {
			break
		}
		run, err := r.search(ctx, labels[k], names, fitRows, r.cfg.SearchTime/time.Duration(len(sets)))
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

// search runs one symbolic regression on the named columns.
func (r *runner) search(ctx context.Context, label string, names []string, fitRows []int, limit time.Duration) (*SearchRun, error) {
	fit := r.columns(names, fitRows)
	test := r.columns(names, r.split.Test)
	o := symreg.DefaultOptions()
	o.Ops, _ = symreg.ParseOps(r.cfg.Ops) // checked in Config.check
	o.MaxSize, o.Threads, o.Seed = r.cfg.MaxSize, r.cfg.Threads, r.cfg.Train.Seed
	o.Populations = symreg.DefaultPopulations(r.cfg.Threads)
	o.Time, o.Iterations = limit, r.cfg.Iterations
	o.Peers = r.cfg.Peers
	if len(fitRows) > 1000 { // as `ansatz search`: mini-batches on big tables
		o.Batch = 250
	}
	last := time.Now()
	o.Progress = func(p symreg.Progress) {
		if time.Since(last) >= 5*time.Second && p.Chosen >= 0 {
			last = time.Now()
			r.cfg.logf("discover: searching", "run", label, "iteration", p.Iteration,
				"best", expr.Format(p.Front[p.Chosen].Tree, names), "loss", p.Front[p.Chosen].Loss)
		}
	}
	r.cfg.logf("discover: symbolic search", "run", label, "features", strings.Join(names, ","), "time", limit, "iterations", o.Iterations)
	data := &symreg.Data{X: fit.x, Y: fit.y, Names: names}
	res, info, err := symreg.SearchWithUnits(ctx, data, o, nil, r.cfg.Units, r.tab.Target)
	if err != nil {
		return nil, err
	}
	run := &SearchRun{Label: label, Features: names, Seconds: res.Elapsed.Seconds(), Iterations: res.Iterations,
		Evals: res.Evals, StopReason: res.StopReason, Chosen: symreg.Choose(res.Front, symreg.SelectBest)}
	if r.cfg.Units != nil {
		if info.Applied {
			run.Units = fmt.Sprintf("searched y/(%s) over the dimensionless groups %s", info.Prefactor, strings.Join(info.Groups, ", "))
			if len(info.Groups) == 0 {
				run.Units = fmt.Sprintf("y = C·%s by units alone; only the constant C was fitted", info.Prefactor)
			}
		} else {
			run.Units = "units not used: " + info.Reason
		}
	}
	for _, e := range res.Front {
		run.Front = append(run.Front, FrontPoint{Complexity: e.Complexity, Loss: Num(e.Loss),
			FitR2:  Num(expr.Measure(e.Tree, fit.x, fit.y, nil).R2),
			TestR2: Num(expr.Measure(e.Tree, test.x, test.y, nil).R2),
			Infix:  expr.Format(e.Tree, names), Short: short(e.Tree, names), LaTeX: expr.FormatLaTeX(e.Tree, names)})
	}
	if run.Chosen >= 0 {
		t := res.Front[run.Chosen].Tree
		r.chosenTrees = append(r.chosenTrees, t)
	} else {
		r.chosenTrees = append(r.chosenTrees, nil)
	}
	return run, nil
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

// lawMargin is how much better (test R²) a later search's formula must be
// to replace the focused one: with a tie the fewer features win.
const lawMargin = 1e-3

// chooseLaw picks the run whose chosen formula is the law and fills the
// law's summary and its test scatter.
func (r *runner) chooseLaw(law *Law) {
	best := -1
	for k, run := range law.Runs {
		if run.Chosen < 0 {
			continue
		}
		v := float64(run.Front[run.Chosen].TestR2)
		if best < 0 || v > float64(law.Runs[best].Front[law.Runs[best].Chosen].TestR2)+lawMargin {
			best = k
		}
	}
	law.Chosen = best
	if best < 0 {
		return
	}
	run := law.Runs[best]
	e := run.Front[run.Chosen]
	law.Formula, law.Short, law.LaTeX, law.Features, law.Complexity, law.TestR2 = e.Infix, e.Short, e.LaTeX, run.Features, e.Complexity, e.TestR2
	test := r.columns(run.Features, r.split.Test)
	tree := r.chosenTrees[best]
	pred := make([]float64, len(test.y))
	row := make([]float64, len(test.x))
	for i := range pred {
		for k := range test.x {
			row[k] = test.x[k][i]
		}
		pred[i] = tree.EvalAt(row)
	}
	_, rmse := regScore(test.y, pred)
	law.TestRMSE = Num(rmse)
	for i := range pred[:min(len(pred), maxScatter)] {
		law.Scatter = append(law.Scatter, Point{Num(test.y[i]), Num(pred[i])})
	}
}
