package report

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/pipeline"
)

// title is the page title.
func title(r *pipeline.Result) string {
	return fmt.Sprintf("ansatz discover: %s in %s", r.Target, filepath.Base(r.Data))
}

// content builds the report's blocks from the result.
func content(r *pipeline.Result) []block {
	var out []block
	add := func(b ...block) { out = append(out, b...) }
	add(&heading{1, title(r)})
	kind := strings.ToUpper(r.Settings.Model)
	add(&para{text: fmt.Sprintf("%d rows, %d features, target `%s` (%s). Model: %s with hidden layers %s, seed %d, %d thread(s). The whole run took %s.",
		r.Rows, len(r.Features), r.Target, r.Task, kind, ints(r.Settings.Hidden), r.Settings.Seed, r.Settings.Threads, secs(r.Seconds))})
	if r.Interrupted != "" {
		text := fmt.Sprintf("The run was **interrupted** during the %s stage. The sections below show what was finished", r.Interrupted)
		if last := r.Stages[len(r.Stages)-1]; last.Status == pipeline.StatusNotRun {
			text += "; later stages did not run"
		}
		add(&para{note: true, text: text + "."})
	}
	for _, s := range r.Stages {
		if s.Status == pipeline.StatusFailed {
			add(&para{note: true, text: fmt.Sprintf("The %s stage **failed**: %s", s.Name, s.Note)})
		}
	}
	add(signalBlocks(r)...)
	add(attributionBlocks(r)...)
	add(focusBlocks(r)...)
	add(lawBlocks(r)...)
	add(&heading{2, "Stages"})
	g := &grid{head: []string{"stage", "status", "time", "note"}, right: []bool{false, false, true}}
	for i, s := range r.Stages {
		g.rows = append(g.rows, []string{fmt.Sprintf("%d. %s", i+1, s.Name), s.Status.String(), secs(s.Seconds), s.Note})
	}
	add(g)
	add(&heading{2, "Settings"})
	st := r.Settings
	add(&para{text: fmt.Sprintf("Split: %s test, %s of the rest for validation (seed %d). Attribution over %d model(s), %d shuffle(s) per feature for permutation importance. Focus: %s. Search: time %s, iterations %d, operators `%s`, largest complexity %d%s.",
		pct(st.TestFrac), pct(st.ValFrac), st.Seed, st.Repeats, st.Shuffles, focusSetting(st), st.SearchTime, st.Iterations, st.Ops, st.MaxSize, unitsSetting(st))})
	return out
}

func focusSetting(st pipeline.Settings) string {
	if st.Top > 0 {
		return fmt.Sprintf("top %d", st.Top)
	}
	return fmt.Sprintf("%s of the saliency, at most %d features", pct(st.Coverage), st.MaxTop)
}

func unitsSetting(st pipeline.Settings) string {
	if st.Units == "" {
		return ""
	}
	return fmt.Sprintf(", units from `%s`", st.Units)
}

func ints(v []int) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = fmt.Sprint(x)
	}
	return strings.Join(s, ",")
}

// metricName is how a score is called in prose.
func metricName(r *pipeline.Result) string {
	if r.Task == model.Classification {
		return "accuracy"
	}
	return "R²"
}

func signalBlocks(r *pipeline.Result) []block {
	s := r.Signal
	if s == nil {
		return nil
	}
	out := []block{&heading{2, "1. Signal: can the inputs predict the target?"}, &para{text: s.Verdict}}
	reg := r.Task != model.Classification
	g := &grid{head: []string{"predictor", "test " + metricName(r)}, right: []bool{false, true, true}}
	base := "most common class"
	if reg {
		g.head = append(g.head, "test RMSE")
		base = "mean of the training targets"
	}
	row := func(name string, sc pipeline.Score) []string {
		v := []string{name, score(sc.Value)}
		if reg {
			v = append(v, sig(float64(sc.RMSE), 4))
		}
		return v
	}
	g.rows = append(g.rows, row(fmt.Sprintf("%s (%d parameters, %d steps)", strings.ToUpper(r.Settings.Model), s.Params, s.Steps), s.Model), row(base, s.Baseline))
	out = append(out, g, &para{text: fmt.Sprintf("Rows: %d for training, %d for validation (early stopping), %d held out for testing. All scores are on the test rows.", s.Train, s.Val, s.Test)})
	if len(s.Confusion) > 0 {
		out = append(out, &para{text: "Test rows by true class (rows) and the model's predicted class (columns):"}, confusion(r.Classes, s.Confusion))
	}
	if len(s.Scatter) > 0 {
		out = append(out, &chart{svg: scatterChart(s.Scatter, "model prediction"),
			caption: fmt.Sprintf("Model prediction against the actual target on %d test rows; the dashed line is a perfect fit.", len(s.Scatter))})
	}
	return out
}

func attributionBlocks(r *pipeline.Result) []block {
	a := r.Attribution
	if a == nil {
		return nil
	}
	out := []block{&heading{2, "2. Attribution: which inputs does the model use?"},
		&para{text: fmt.Sprintf("Gradient saliency is the mean |∂loss/∂x| over the %d test rows, on standardised inputs, normalised to sum 1 (Davies et al. 2021). Permutation importance is the drop in test %s when one column is shuffled. Both are averaged over %d model(s) trained with different seeds; ± is the standard deviation between them.",
			a.Rows, metricName(r), a.Repeats)}}
	var focus []string
	if r.Focus != nil {
		focus = r.Focus.Features
	}
	perm := map[string][2]float64{}
	for _, p := range a.Permutation {
		perm[p.Feature] = [2]float64{p.Score, p.Spread}
	}
	var bars []bar
	g := &grid{head: []string{"rank", "feature", "saliency", "permutation"}, right: []bool{true, false, true, true}}
	for i, s := range a.Saliency {
		bars = append(bars, bar{label: s.Feature, value: s.Score, spread: s.Spread, highlight: slices.Contains(focus, s.Feature)})
		p := perm[s.Feature]
		g.rows = append(g.rows, []string{fmt.Sprint(i + 1), "`" + s.Feature + "`",
			fixed(s.Score, 3) + " ± " + fixed(s.Spread, 3), fixed(p[0], 3) + " ± " + fixed(p[1], 3)})
	}
	caption := "Gradient saliency per feature, mean with ± one standard deviation over the models."
	if len(focus) > 0 {
		caption += " Red bars are the focus features."
	}
	if len(bars) > maxBars {
		caption += fmt.Sprintf(" The %d most salient of %d features are shown.", maxBars, len(bars))
	}
	out = append(out, &chart{svg: barChart(bars, "saliency (share of the total)"), caption: caption}, g)
	if len(a.RepeatScores) > 1 {
		v := make([]string, len(a.RepeatScores))
		for i, s := range a.RepeatScores {
			v[i] = score(s)
		}
		out = append(out, &para{text: fmt.Sprintf("Test %s of the %d models: %s.", metricName(r), len(v), strings.Join(v, ", "))})
	}
	return out
}

func focusBlocks(r *pipeline.Result) []block {
	f := r.Focus
	if f == nil {
		return nil
	}
	names := make([]string, len(f.Features))
	for i, n := range f.Features {
		names[i] = "`" + n + "`"
	}
	text := fmt.Sprintf("The focus set is %s: %s (together %s of the saliency). ", strings.Join(names, ", "), f.Rule, pct(f.Covered))
	m := metricName(r)
	text += fmt.Sprintf("Retrained on them alone, the model scores test %s %s, against %s with all features and %s for the trivial predictor.",
		m, score(f.Score.Value), score(f.Full.Value), score(f.Baseline.Value))
	if k := float64(f.Kept); !math.IsNaN(k) {
		text += fmt.Sprintf(" It keeps %s of the skill above the trivial predictor.", pct(k))
	}
	return []block{&heading{2, "3. Focus: how far do the top features go?"}, &para{text: text}}
}

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
	out = append(out, &para{text: fmt.Sprintf("Chosen formula (from the search on the %s, complexity %d):", l.Runs[l.Chosen].Label, l.Complexity)},
		&para{text: fmt.Sprintf("`%s = %s`", r.Target, l.Short)},
		&para{text: fmt.Sprintf("On the held-out test rows it has R² %s and RMSE %s (the model: R² %s). The searches fitted on the training and validation rows only; result.json holds the formulas with full-precision constants.",
			fixed(float64(l.TestR2), 6), sig(float64(l.TestRMSE), 4), modelR2(r))})
	var ss []series
	for _, run := range l.Runs {
		s := series{name: run.Label, chosen: run.Chosen}
		for _, p := range run.Front {
			s.x = append(s.x, float64(p.Complexity))
			s.y = append(s.y, float64(p.Loss))
		}
		ss = append(ss, s)
	}
	out = append(out, &chart{svg: frontChart(ss), caption: "Pareto fronts: search loss (on the fit rows, log scale) against complexity. The circled points are the formulas each search picked."})
	if len(l.Scatter) > 0 {
		bad := 0
		for _, p := range l.Scatter {
			if v := float64(p[1]); math.IsNaN(v) || math.IsInf(v, 0) {
				bad++
			}
		}
		caption := fmt.Sprintf("The chosen formula against the actual target on %d test rows; the dashed line is a perfect fit.", len(l.Scatter))
		if bad > 0 {
			caption += fmt.Sprintf(" %d rows where the formula is not finite are left out.", bad)
		}
		out = append(out, &chart{svg: scatterChart(l.Scatter, "formula"), caption: caption})
	}
	out = append(out, &para{text: "★ marks the chosen law, ◀ the formula each search picked (the largest drop in log-loss per unit of complexity among formulas within 1.5× of the lowest loss)."})
	for k, run := range l.Runs {
		out = append(out, &heading{3, fmt.Sprintf("Pareto front: %s", run.Label)})
		desc := fmt.Sprintf("Features %s. %d iterations, %d formulas scored in %s (stopped: %s).",
			strings.Join(run.Features, ", "), run.Iterations, run.Evals, secs(run.Seconds), run.StopReason)
		if run.Units != "" {
			desc += " Dimensional analysis: " + run.Units + "."
		}
		out = append(out, &para{text: desc})
		g := &grid{head: []string{"", "complexity", "loss", "R² fit rows", "R² test", "formula"}, right: []bool{false, true, true, true, true}}
		for i, p := range run.Front {
			mark := ""
			if i == run.Chosen {
				mark = "◀"
				if k == l.Chosen {
					mark = "★"
				}
			}
			g.rows = append(g.rows, []string{mark, fmt.Sprint(p.Complexity), sig(float64(p.Loss), 3), fixed(float64(p.FitR2), 4),
				fixed(float64(p.TestR2), 4), "`" + p.Short + "`"})
		}
		out = append(out, g)
	}
	return out
}

func modelR2(r *pipeline.Result) string {
	if r.Signal == nil {
		return "–"
	}
	return score(r.Signal.Model.Value)
}

// confusion is the confusion matrix as a table; the diagonal is bold.
func confusion(classes []float64, m [][]int) *grid {
	g := &grid{head: []string{"true ↓ predicted →"}, right: []bool{false}}
	for _, c := range classes {
		g.head = append(g.head, sig(c, 6))
		g.right = append(g.right, true)
	}
	for i, row := range m {
		cells := []string{sig(classes[i], 6)}
		for j, n := range row {
			cell := fmt.Sprint(n)
			if i == j && n > 0 {
				cell = "**" + cell + "**"
			}
			cells = append(cells, cell)
		}
		g.rows = append(g.rows, cells)
	}
	return g
}
