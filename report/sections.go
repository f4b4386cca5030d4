package report

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/pipeline"
)

func signalBlocks(r *pipeline.Result) []block {
	s := r.Signal
	if s == nil {
		return nil
	}
	out := []block{&heading{2, "1. Signal: can the inputs predict the target?"}, &para{text: s.Verdict}}
	reg := r.Task != model.Classification
	m := metricName(r)
	g := &grid{head: []string{"predictor", "validation " + m, "test " + m}, right: []bool{false, true, true, true}}
	base := "most common class"
	if reg {
		g.head = append(g.head, "test RMSE")
		base = "mean of the training targets"
	}
	row := func(name, val string, sc pipeline.Score) []string {
		v := []string{name, val, score(sc.Value)}
		if reg {
			v = append(v, sig(float64(sc.RMSE), 4))
		}
		return v
	}
	g.rows = append(g.rows, row(fmt.Sprintf("%s (%d parameters, %d steps)", strings.ToUpper(r.Settings.Model), s.Params, s.Steps), score(s.ValModel.Value), s.Model),
		row(base, "–", s.Baseline))
	out = append(out, g, &para{text: fmt.Sprintf("Rows: %d for training, %d for validation (early stopping and every choice), %d held out for testing.", s.Train, s.Val, s.Test)})
	if len(s.Confusion) > 0 {
		out = append(out, &para{text: "Test rows by true class (rows) and the network's predicted class (columns):"}, confusion(r.Classes, s.Confusion))
	}
	if len(s.Scatter) > 0 && (r.Law == nil || r.Law.Chosen < 0) { // else it stands beside the formula's
		lo, hi := span([][]pipeline.Point{s.Scatter}, 0, 1)
		out = append(out, &chart{svg: []string{scatterChart("network-scatter", s.Scatter, lo, hi, "actual", "network")},
			caption: fmt.Sprintf("The network's prediction against the actual target on %d test rows; the dashed line is a perfect fit.", len(s.Scatter))})
	}
	if nw := s.Network; nw != nil {
		out = append(out, &chart{svg: []string{networkChart(nw)},
			caption: fmt.Sprintf("The KAN (widths %s): inputs at the bottom, outputs at the top; each box is one edge's learned function φ(x), scaled to its box, read on up to 1000 training rows. Darker edges matter more (pykan's attribution score, relative to the strongest edge of the layer).", ints(nw.Width))})
	}
	return out
}

func attributionBlocks(r *pipeline.Result) []block {
	a := r.Attribution
	if a == nil {
		return nil
	}
	out := []block{&heading{2, "2. Attribution: which inputs does the model use?"},
		&para{text: fmt.Sprintf("Gradient saliency is the mean |∂loss/∂x| over the %d training and validation rows, on standardised inputs, normalised to sum 1 (Davies et al. 2021). Permutation importance is the drop in %s on those rows when one column is shuffled. Both are averaged over %d model(s) trained with different seeds; ± is the standard deviation between them. The test rows take no part.",
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
	out = append(out, &chart{svg: []string{barChart("saliency", bars, "saliency (share of the total)")}, caption: caption}, g)
	if len(a.RepeatScores) > 1 {
		v := make([]string, len(a.RepeatScores))
		for i, s := range a.RepeatScores {
			v[i] = score(s)
		}
		out = append(out, &para{text: fmt.Sprintf("Validation %s of the %d models: %s.", metricName(r), len(v), strings.Join(v, ", "))})
	}
	return out
}

func focusBlocks(r *pipeline.Result) []block {
	f := r.Focus
	if f == nil {
		return nil
	}
	out := []block{&heading{2, "3. Focus: how far do the top features go?"}}
	m := metricName(r)
	if len(f.Features) > 0 {
		text := fmt.Sprintf("The focus set is %s: %s (together %s of the saliency). ", codes(f.Features), f.Rule, pct(f.Covered))
		text += fmt.Sprintf("Retrained on them alone, the network scores validation %s %s; on the test rows %s, against %s with all features and %s for the trivial predictor.",
			m, score(f.Val.Value), score(f.Score.Value), score(f.Full.Value), score(f.Baseline.Value))
		if k := float64(f.Kept); !math.IsNaN(k) {
			text += fmt.Sprintf(" It keeps %s of the skill above the trivial predictor.", pct(k))
		}
		out = append(out, &para{text: text})
	}
	if len(f.Curve) == 0 {
		return out
	}
	val := series{name: "validation rows (chooses)", colour: palette[0], chosen: -1}
	test := series{name: "test rows (scored once)", colour: palette[1], rings: true, chosen: -1}
	g := &grid{head: []string{"inputs", "adds", "validation " + m, "test " + m}, right: []bool{true, false, true, true}}
	for _, p := range f.Curve {
		val.x, val.y = append(val.x, float64(p.Inputs)), append(val.y, float64(p.Val))
		test.x, test.y = append(test.x, float64(p.Inputs)), append(test.y, float64(p.Test))
		added := "all features"
		if p.Added != "" {
			added = "`" + p.Added + "`"
		}
		g.rows = append(g.rows, []string{fmt.Sprint(p.Inputs), added, score(p.Val), score(p.Test)})
	}
	lc := lineChart{name: "curve", xlabel: "inputs kept (most salient first)", ylabel: m, ref: float64(f.Baseline.Value),
		refName: "trivial predictor (test)", vline: math.NaN()}
	if len(f.Features) > 0 {
		lc.vline, lc.vlineName = float64(len(f.Features)), "focus"
	}
	out = append(out, &chart{svg: []string{lc.draw([]series{val, test})},
		caption: fmt.Sprintf("The network's %s against the number of inputs it keeps, retrained on the top 1, 2, … features by saliency (and on all of them). The focus size is chosen on the validation rows; the test scores were computed afterwards.", m)}, g)
	return out
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
