package report

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/pipeline"
)

// title is the page title.
func title(r *pipeline.Result) string {
	return fmt.Sprintf("ansatz discover: %s in %s", r.Target, filepath.Base(r.Data))
}

// content builds the report's blocks from the result: the conjecture and
// how it was judged first, then one section per stage, the stages' table
// and the settings.
func content(r *pipeline.Result) []block {
	var out []block
	add := func(b ...block) { out = append(out, b...) }
	add(&heading{1, title(r)})
	kind := strings.ToUpper(r.Settings.Model)
	add(&para{text: fmt.Sprintf("%d rows, %d features, target `%s` (%s). Model: %s with hidden layers %s, seed %d, %d thread(s). The whole run took %s.",
		r.Rows, len(r.Features), r.Target, r.Task, kind, ints(r.Settings.Hidden), r.Settings.Seed, r.Settings.Threads, secs(r.Seconds))})
	if r.Interrupted != "" {
		text := fmt.Sprintf("The run was **interrupted** during the %s stage. The sections below show what was finished", r.Interrupted)
		if s := r.Stage(pipeline.StageLaw); s != nil && s.Status == pipeline.StatusNotRun {
			text += "; later stages did not run"
		}
		add(&para{note: true, text: text + "."})
	}
	for _, s := range r.Stages {
		if s.Status == pipeline.StatusFailed {
			add(&para{note: true, text: fmt.Sprintf("The %s stage **failed**: %s", s.Name, s.Note)})
		}
	}
	add(conjectureBlocks(r)...)
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

// conjectureBlocks put the law first, as a framed box: the formula, the
// inputs it uses, its held-out scores beside the network's, then how the
// run was judged.
func conjectureBlocks(r *pipeline.Result) []block {
	var out []block
	if l := r.Law; l != nil && l.Chosen >= 0 {
		b := &box{paras: []string{fmt.Sprintf("**Conjecture:** `%s = %s`", r.Target, l.Short)}}
		b.paras = append(b.paras, fmt.Sprintf("It uses %d of the %d inputs: %s.", len(l.Uses), len(r.Features), codes(l.Uses)))
		held := ""
		if r.Signal != nil {
			held = fmt.Sprintf("On the %d held-out test rows", r.Signal.Test)
		}
		if l.Metric == "accuracy" {
			b.paras = append(b.paras, fmt.Sprintf("%s, its value rounded to the nearest class (%s) predicts the class with **accuracy %s**; the network on all inputs reaches %s, always guessing the most common class %s. As a number it has R² %s.",
				held, classList(l.Classes), score(l.TestAcc), netScore(r), baseScore(r), score(l.TestR2)))
		} else {
			b.paras = append(b.paras, fmt.Sprintf("%s it has **R² %s** (RMSE %s); the network on all inputs reaches R² %s.",
				held, score(l.TestR2), sig(float64(l.TestRMSE), 4), netScore(r)))
		}
		out = append(out, &heading{2, "Conjecture"}, b)
	}
	if s := r.Signal; s != nil {
		out = append(out, &para{text: fmt.Sprintf("**How it was judged.** Every choice (the networks' training and early stopping, the ranking of the inputs, the focus set, the formulas and the choice between them) was made on the %d training and %d validation rows. The %d test rows were held out and scored once, after everything was chosen: every test figure in this report comes from that one pass.",
			s.Train, s.Val, s.Test)})
	}
	return out
}

// netScore and baseScore are the network's and the trivial predictor's
// test scores ("–" before the signal stage).
func netScore(r *pipeline.Result) string {
	if r.Signal == nil {
		return "–"
	}
	return score(r.Signal.Model.Value)
}

func baseScore(r *pipeline.Result) string {
	if r.Signal == nil {
		return "–"
	}
	return score(r.Signal.Baseline.Value)
}

// classList names the class values, shortened when there are many.
func classList(c []float64) string {
	if len(c) == 0 {
		return "–"
	}
	if len(c) > 8 {
		return fmt.Sprintf("%d values from %s to %s", len(c), sig(c[0], 6), sig(c[len(c)-1], 6))
	}
	v := make([]string, len(c))
	for i, x := range c {
		v[i] = sig(x, 6)
	}
	return strings.Join(v, ", ")
}

// codes writes names as code spans, comma separated.
func codes(names []string) string {
	v := make([]string, len(names))
	for i, n := range names {
		v[i] = "`" + n + "`"
	}
	return strings.Join(v, ", ")
}

func focusSetting(st pipeline.Settings) string {
	if st.Top > 0 {
		return fmt.Sprintf("top %d", st.Top)
	}
	return fmt.Sprintf("among the top features holding %s of the saliency (at most %d), the fewest keeping %s of the best validation skill", pct(st.Coverage), st.MaxTop, pct(st.Keep))
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

// metricName is how a network score is called in prose.
func metricName(r *pipeline.Result) string {
	if r.Task == model.Classification {
		return "accuracy"
	}
	return "R²"
}
