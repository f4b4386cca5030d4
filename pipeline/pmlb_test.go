package pipeline

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/table"
)

// pmlb runs discover on a 1200-row sample of a PMLB table (see
// testdata/README.md) with a small configuration.
func pmlb(t *testing.T, name string) *Result {
	t.Helper()
	tab, err := table.Load("../testdata/pmlb/"+name+"_1200.tsv.gz", table.Options{Target: "target"})
	if err != nil {
		t.Fatal(err)
	}
	cfg := quick()
	cfg.Repeats, cfg.CurveMax, cfg.Iterations, cfg.Train.Epochs = 2, 0, 4, 60
	res, err := Run(context.Background(), tab, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// ranked are the features in saliency order.
func ranked(r *Result) []string {
	var out []string
	for _, f := range r.Attribution.Saliency {
		out = append(out, f.Feature)
	}
	return out
}

// lastAre reports whether the final len(want) names are want, in any order.
func lastAre(names, want []string) bool {
	tail := slices.Clone(names[len(names)-len(want):])
	slices.Sort(tail)
	return slices.Equal(tail, want)
}

// TestFriedNoiseRanksLast: in Friedman's benchmark y = 10 sin(π x1 x2) +
// 20 (x3 − 0.5)² + 10 x4 + 5 x5 + noise, the inputs x6..x10 are noise:
// they rank last, and neither the focus set nor the law holds them.
func TestFriedNoiseRanksLast(t *testing.T) {
	if testing.Short() {
		t.Skip("a whole discovery or search: runs without -short (CI runs -short under the race detector)")
	}
	r := pmlb(t, "564_fried")
	if !lastAre(ranked(r), []string{"X10", "X6", "X7", "X8", "X9"}) {
		t.Errorf("saliency ranking %v: want X6..X10 last", ranked(r))
	}
	signal := []string{"X1", "X2", "X3", "X4", "X5"}
	for _, f := range slices.Concat(r.Focus.Features, r.Law.Uses) {
		if !slices.Contains(signal, f) {
			t.Errorf("focus %v, law %q (uses %v): %s is noise", r.Focus.Features, r.Law.Formula, r.Law.Uses, f)
		}
	}
	if len(r.Law.Uses) < 3 || !(r.Law.TestR2 > 0.5) {
		t.Errorf("law %q: uses %v, test R² %v", r.Law.Formula, r.Law.Uses, r.Law.TestR2)
	}
}

// TestTwoPlanesNoiseRanksLast: in 2dplanes the target depends on x1..x7
// (x1 picks one of two planes); x8..x10 are noise and rank last.
func TestTwoPlanesNoiseRanksLast(t *testing.T) {
	if testing.Short() {
		t.Skip("a whole discovery or search: runs without -short (CI runs -short under the race detector)")
	}
	r := pmlb(t, "215_2dplanes")
	if !lastAre(ranked(r), []string{"x10", "x8", "x9"}) || strings.Contains(strings.Join(r.Focus.Features, ","), "x8") {
		t.Errorf("saliency ranking %v, focus %v: want x8..x10 last and out of focus", ranked(r), r.Focus.Features)
	}
}
