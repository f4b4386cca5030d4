package pipeline

import (
	"context"
	"fmt"
	"math"

	"github.com/ansatz/ansatz/symreg/expr"
)

// test is stage 5: everything the stages before chose (the network, the
// focused network and the curve's, every formula of every front) is
// scored on the held-out test rows, once, after the choices were made.
// Nothing here feeds back into a choice. It also runs after an
// interruption, on what was finished.
func (r *runner) test(context.Context) (Status, string, error) {
	if r.full != nil {
		r.judgeSignal()
	}
	if r.res.Focus != nil {
		r.judgeFocus()
	}
	if r.res.Law != nil && len(r.res.Law.Runs) > 0 {
		r.judgeLaw()
	}
	return StatusDone, fmt.Sprintf("%d held-out rows, scored once after every choice was made", len(r.split.Test)), nil
}

// judgeFocus scores the focused network and the inputs-kept curve on the
// test rows.
func (r *runner) judgeFocus() {
	fo, s := r.res.Focus, r.res.Signal
	fo.Full, fo.Baseline = s.Model, s.Baseline
	fo.Score, fo.Kept = Score{Value: Num(math.NaN())}, Num(math.NaN())
	if r.focused != nil {
		fo.Score = r.score(r.focused.held)
	}
	full, base := float64(fo.Full.Value), float64(fo.Baseline.Value)
	if full > base {
		fo.Kept = Num((float64(fo.Score.Value) - base) / (full - base))
	}
	for k, f := range r.curve {
		fo.Curve[k].Test = r.score(f.held).Value
	}
}

// judgeLaw scores every front formula and the law on the test rows and
// keeps the law's test pairs and residuals for the charts.
func (r *runner) judgeLaw() {
	law := r.res.Law
	for k := range law.Runs {
		run := &law.Runs[k]
		test := r.columns(run.Features, r.split.Test)
		for i := range run.Front {
			p := &run.Front[i]
			pred := predict(r.fronts[k][i], test.x, len(test.y))
			p.TestR2, p.TestAcc = r.lawScores(pred, test.y)
			p.TestLoss = Num(expr.ComputeMetrics(pred, test.y, nil).MSE)
		}
	}
	if law.Chosen < 0 {
		return
	}
	run := law.Runs[law.Chosen]
	tree := r.fronts[law.Chosen][run.Chosen]
	test := r.columns(run.Features, r.split.Test)
	pred := predict(tree, test.x, len(test.y))
	law.TestR2, law.TestAcc = r.lawScores(pred, test.y)
	law.TestRMSE = Num(expr.ComputeMetrics(pred, test.y, nil).RMSE)
	n := min(len(pred), maxScatter)
	for i := range n {
		law.Scatter = append(law.Scatter, Point{Num(test.y[i]), Num(pred[i])})
	}
	for _, name := range run.Features {
		res := Residuals{Feature: name}
		x := r.tab.X[r.tab.Index(name)]
		for i, row := range r.split.Test[:n] {
			res.Points = append(res.Points, Point{Num(x[row]), Num(test.y[i] - pred[i])})
		}
		law.Residuals = append(law.Residuals, res)
	}
}
