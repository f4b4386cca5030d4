package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/ansatz/ansatz/pipeline"
)

func lawBlocks(r *pipeline.Result) []block {
	l := r.Law
	if l == nil {
		return nil
	}
	out := []block{&heading{2, "4. Law: a closed-form formula"}}
	if l.Skipped != "" {
		return append(out, &para{text: l.Skipped})
	}
	if l.Chosen < 0 {
		return append(out, &para{text: "The search found no formula (it was stopped before its first iteration finished)."})
	}
	classes := l.Metric == "accuracy"
	chose := "validation R²"
	if classes {
		chose = "validation accuracy after rounding to the nearest class"
	}
	out = append(out, &para{text: fmt.Sprintf("Chosen formula (from the search on the %s, complexity %d; each search fitted on the %d training rows, and %s chose between the searches):",
		l.Runs[l.Chosen].Label, l.Complexity, l.Runs[l.Chosen].Rows, chose)},
		&para{text: fmt.Sprintf("`%s = %s`", r.Target, l.Short)})
	text := fmt.Sprintf("On the held-out test rows it has R² %s and RMSE %s (the network: %s %s).",
		fixed(float64(l.TestR2), 6), sig(float64(l.TestRMSE), 4), metricName(r), netScore(r))
	if classes {
		text = fmt.Sprintf("On the held-out test rows, rounded to the nearest class, it has accuracy %s (validation %s); as a number, R² %s and RMSE %s. The network's accuracy: %s.",
			score(l.TestAcc), score(l.ValAcc), fixed(float64(l.TestR2), 4), sig(float64(l.TestRMSE), 4), netScore(r))
	}
	out = append(out, &para{text: text + " result.json holds the formulas with full-precision constants."})
	out = append(out, frontFigure(l), predictionFigure(r))
	if len(l.Residuals) > 0 {
		var panels []string
		for _, res := range l.Residuals {
			panels = append(panels, residualChart("residuals:"+res.Feature, res.Feature, res.Points))
		}
		out = append(out, &chart{svg: panels, caption: fmt.Sprintf("Residuals of the law (actual − formula) on %d test rows against each input of its search: a pattern left here is something the formula misses.", len(l.Residuals[0].Points))})
	}
	out = append(out, &para{text: "★ marks the chosen law, ◀ the formula each search picked (the largest drop in log-loss per unit of complexity among formulas within 1.5× of the lowest loss, on the training rows)."})
	for k, run := range l.Runs {
		out = append(out, &heading{3, fmt.Sprintf("Pareto front: %s", run.Label)})
		desc := fmt.Sprintf("Features %s. %d iterations, %d formulas scored in %s (stopped: %s).",
			strings.Join(run.Features, ", "), run.Iterations, run.Evals, secs(run.Seconds), run.StopReason)
		if run.Units != "" {
			desc += " Dimensional analysis: " + run.Units + "."
		}
		out = append(out, &para{text: desc}, frontTable(run, k == l.Chosen, classes))
	}
	return out
}

// frontFigure plots each search's front: loss on the training rows it
// was fitted on and on the held-out test rows, against complexity.
func frontFigure(l *pipeline.Law) *chart {
	var ss []series
	for k, run := range l.Runs {
		fit := series{name: "training: " + run.Label, colour: palette[(2*k)%len(palette)], chosen: -1}
		test := series{name: "test: " + run.Label, colour: palette[(2*k+1)%len(palette)], rings: true, chosen: run.Chosen}
		for _, p := range run.Front {
			fit.x, fit.y = append(fit.x, float64(p.Complexity)), append(fit.y, float64(p.Loss))
			test.x, test.y = append(test.x, float64(p.Complexity)), append(test.y, float64(p.TestLoss))
		}
		ss = append(ss, fit, test)
	}
	lc := lineChart{name: "front", xlabel: "complexity", ylabel: "mean squared error (log scale)", logY: true, steps: true,
		mark: "picked", ref: math.NaN(), vline: math.NaN()}
	return &chart{svg: []string{lc.draw(ss)}, caption: "Pareto fronts: each formula's mean squared error on the training rows the search fitted (filled, the front itself) and on the held-out test rows (rings, scored after the choice), against complexity. The circled rings are the formulas each search picked."}
}

// predictionFigure puts the law's test predictions beside the network's,
// on the same axes.
func predictionFigure(r *pipeline.Result) *chart {
	l := r.Law
	sets := [][]pipeline.Point{l.Scatter}
	if r.Signal != nil {
		sets = append(sets, r.Signal.Scatter)
	}
	lo, hi := span(sets, 0, 1)
	panels := []string{scatterChart("law-scatter", l.Scatter, lo, hi, "actual", "formula")}
	caption := fmt.Sprintf("Left: the formula against the actual target on %d test rows", len(l.Scatter))
	if len(sets) > 1 && len(sets[1]) > 0 {
		panels = append(panels, scatterChart("network-scatter", sets[1], lo, hi, "actual", "network"))
		caption += "; right: the network's prediction on the same rows"
		if r.Classes != nil {
			caption += " (its predicted class; a bubble's area counts the rows)"
		}
	}
	caption += ". The dashed line is a perfect fit."
	if bad := nonFinite(l.Scatter); bad > 0 {
		caption += fmt.Sprintf(" %d rows where the formula is not finite are left out.", bad)
	}
	return &chart{svg: panels, caption: caption}
}

// nonFinite counts the points whose prediction is NaN or ±Inf.
func nonFinite(pts []pipeline.Point) int {
	n := 0
	for _, p := range pts {
		if !finite(float64(p[1])) {
			n++
		}
	}
	return n
}

// frontTable lists one search's front with its scores on every part.
func frontTable(run pipeline.SearchRun, isLaw, classes bool) *grid {
	g := &grid{head: []string{"", "complexity", "loss", "R² training", "R² validation"}}
	if classes {
		g.head = append(g.head, "accuracy validation")
	}
	g.head = append(g.head, "R² test")
	if classes {
		g.head = append(g.head, "accuracy test")
	}
	g.head = append(g.head, "formula")
	g.right = make([]bool, len(g.head)) // numbers right, the mark and the formula left
	for j := 1; j < len(g.head)-1; j++ {
		g.right[j] = true
	}
	for i, p := range run.Front {
		mark := ""
		if i == run.Chosen {
			mark = "◀"
			if isLaw {
				mark = "★"
			}
		}
		row := []string{mark, fmt.Sprint(p.Complexity), sig(float64(p.Loss), 3), fixed(float64(p.FitR2), 4), fixed(float64(p.ValR2), 4)}
		if classes {
			row = append(row, fixed(float64(p.ValAcc), 4))
		}
		row = append(row, fixed(float64(p.TestR2), 4))
		if classes {
			row = append(row, fixed(float64(p.TestAcc), 4))
		}
		g.rows = append(g.rows, append(row, "`"+p.Short+"`"))
	}
	return g
}
