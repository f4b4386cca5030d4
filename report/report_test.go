package report

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/pipeline"
	"github.com/ansatz/ansatz/symreg"
)

// sample is a hand-made result with every section, a non-finite R² and
// characters that need escaping.
func sample() *pipeline.Result {
	nan := pipeline.Num(math.NaN())
	return &pipeline.Result{
		Version: pipeline.Version, Data: "dir/pend<1>.csv", Target: "T", Task: model.Regression, Rows: 300,
		Features: []string{"L", "m", "g"},
		Settings: pipeline.Settings{Model: "mlp", Hidden: []int{64, 64}, Seed: 1, Threads: 2, Repeats: 3, Shuffles: 3,
			TestFrac: 0.25, ValFrac: 0.1, Coverage: 0.9, MaxTop: 5, SearchTime: "10s", Ops: "+,-,*,/", MaxSize: 25},
		Stages: []pipeline.Stage{{Name: "signal", Status: pipeline.StatusDone, Seconds: 0.3}, {Name: "attribution", Status: pipeline.StatusDone, Seconds: 0.5},
			{Name: "focus", Status: pipeline.StatusDone, Seconds: 0.2}, {Name: "law", Status: pipeline.StatusDone, Seconds: 10},
			{Name: "test", Status: pipeline.StatusDone, Seconds: 0.1}},
		Seconds: 11,
		Signal: &pipeline.Signal{Metric: "r2", Train: 202, Val: 23, Test: 75, ValModel: pipeline.Score{N: 23, Value: 0.9992},
			Model:    pipeline.Score{N: 75, Value: 0.9991, RMSE: 0.01},
			Baseline: pipeline.Score{N: 75, Value: -0.002, RMSE: 0.5}, Params: 4545, Steps: 2000, Verdict: "Strong signal.",
			Scatter: []pipeline.Point{{1, 1.0098765432}, {2, 1.98}, {3, 3.02}, {2, 1.98}},
			Network: &pipeline.Network{Width: []int{3, 2, 1}, Inputs: []string{"L", "m", "g"}, Outputs: []string{"T"},
				Edges: [][]pipeline.Edge{
					{{From: 0, To: 0, Score: 1, Curve: []pipeline.Point{{-1, -2}, {0, 0}, {1, 2}}}, {From: 0, To: 1, Score: 0.123456789, Curve: []pipeline.Point{{-1, 1}, {0, 0}, {1, 1}}},
						{From: 1, To: 0, Score: 0.01, Curve: []pipeline.Point{{-1, 0}, {1, 0}}}, {From: 2, To: 1, Score: 0.7, Curve: []pipeline.Point{{-1, 0.3}, {0, 0.1}, {1, nan}}}},
					{{From: 0, To: 0, Score: 1, Curve: []pipeline.Point{{0, 0}, {1, 1}}}, {From: 1, To: 0, Score: 0.6, Curve: []pipeline.Point{{0, 1}, {1, 0.5}}}},
				}}},
		Attribution: &pipeline.Attribution{Repeats: 3, Rows: 75,
			Saliency:     []model.Ranked{{Feature: "L", Score: 0.6000001234, Spread: 0.02}, {Feature: "g", Score: 0.35, Spread: 0.01}, {Feature: "m", Score: 0.05, Spread: 0.01}},
			Permutation:  []model.Ranked{{Feature: "L", Score: 1.2, Spread: 0.1}, {Feature: "g", Score: 0.5}, {Feature: "m", Score: -0.001}},
			RepeatScores: []pipeline.Num{0.9991, 0.999, 0.9989}},
		Focus: &pipeline.Focus{Features: []string{"L", "g"}, Rule: "the fewest features holding 90% of the saliency", Covered: 0.95,
			Val: pipeline.Score{Value: 0.9994}, Score: pipeline.Score{Value: 0.9993}, Full: pipeline.Score{Value: 0.9991}, Baseline: pipeline.Score{Value: -0.002}, Kept: 1.0002,
			Curve: []pipeline.CurvePoint{{Inputs: 1, Added: "L", Val: 0.60123456789, Test: 0.58}, {Inputs: 2, Added: "g", Val: 0.9994, Test: 0.9993}, {Inputs: 3, Added: "m", Val: 0.9992, Test: nan}}},
		Law: &pipeline.Law{Metric: "r2", Chosen: 0, Formula: "6.283185307179586*sqrt(L/g)", Short: "6.283*sqrt(L/g)", Features: []string{"L", "g"},
			Uses: []string{"L", "g"}, Complexity: 5, ValR2: 0.999998, ValAcc: nan, TestR2: 0.999999, TestRMSE: 0.001, TestAcc: nan,
			Runs: []pipeline.SearchRun{{Label: "top 2 features", Features: []string{"L", "g"}, Seconds: 5, Iterations: 30, Evals: 1e6,
				StopReason: symreg.StopTime, Chosen: 1, Front: []pipeline.FrontPoint{
					{Complexity: 1, Loss: 0.25, FitR2: 0, ValR2: -0.02, ValAcc: nan, TestR2: -0.01, TestLoss: 0.26, TestAcc: nan, Infix: "2.0", Short: "2"},
					{Complexity: 5, Loss: 1.23456789e-6, FitR2: 0.999999, ValR2: 0.999998, ValAcc: nan, TestR2: 0.999999, TestLoss: 1.1e-6, TestAcc: nan, Infix: "6.283185307179586*sqrt(L/g)", Short: "6.283*sqrt(L/g)"},
					{Complexity: 9, Loss: 0, FitR2: 1, ValR2: nan, ValAcc: nan, TestR2: nan, TestLoss: nan, TestAcc: nan, Infix: "log(L) < g", Short: "log(L) < g"}}}},
			Scatter:   []pipeline.Point{{1, 1}, {2, nan}, {3, 3.00123456789}},
			Residuals: []pipeline.Residuals{{Feature: "L", Points: []pipeline.Point{{0.5, 0}, {1, nan}, {2, -0.00123456789}}}, {Feature: "g", Points: []pipeline.Point{{9.8, 0}, {1.6, nan}, {24, -0.001}}}}},
	}
}

func TestWriteAllFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	if err := Write(dir, sample()); err != nil {
		t.Fatal(err)
	}
	var back pipeline.Result
	b, err := os.ReadFile(filepath.Join(dir, "result.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("result.json does not parse: %v", err)
	}
	if back.Law.Formula != "6.283185307179586*sqrt(L/g)" || !math.IsNaN(float64(back.Law.Runs[0].Front[2].TestR2)) {
		t.Errorf("result.json round trip: formula %q, NaN R² %v", back.Law.Formula, back.Law.Runs[0].Front[2].TestR2)
	}
	md, _ := os.ReadFile(filepath.Join(dir, "report.md"))
	for _, want := range []string{"`T = 6.283*sqrt(L/g)`", "| 1 | `L` | 0.600 ± 0.020 |", "## 3. Focus", "keeps 100% of the skill", "R² 0.999999",
		"scored once, after everything was chosen"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("report.md lacks %q", want)
		}
	}
	if c, s := strings.Index(string(md), "**Conjecture:** `T = 6.283*sqrt(L/g)`"), strings.Index(string(md), "## 1. Signal"); c < 0 || c > s {
		t.Errorf("the conjecture is not first (at %d, the signal section at %d)", c, s)
	}
	h, _ := os.ReadFile(filepath.Join(dir, "report.html"))
	page := string(h)
	if n := strings.Count(page, "<svg"); n != 8 {
		t.Errorf("report.html has %d charts, want 8 (network, saliency, curve, front, two scatters, two residuals)", n)
	}
	for _, bad := range []string{"<script", "src=", "href=", "@import", "pend<1>", "log(L) < g"} {
		if strings.Contains(page, bad) {
			t.Errorf("report.html contains %q (external asset or unescaped text)", bad)
		}
	}
	for _, want := range []string{"pend&lt;1&gt;", "<code>log(L) &lt; g</code>", ">picked<"} {
		if !strings.Contains(page, want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
}

func TestPartialReport(t *testing.T) {
	r := sample()
	r.Interrupted = "attribution"
	r.Stages[1].Status, r.Stages[2].Status, r.Stages[3].Status = pipeline.StatusInterrupted, pipeline.StatusNotRun, pipeline.StatusNotRun
	r.Focus, r.Law = nil, nil
	dir := t.TempDir()
	if err := Write(dir, r); err != nil {
		t.Fatal(err)
	}
	md, _ := os.ReadFile(filepath.Join(dir, "report.md"))
	if !strings.Contains(string(md), "**interrupted** during the attribution stage") || strings.Contains(string(md), "## 4. Law") {
		t.Errorf("partial report.md:\n%s", md)
	}
	h, _ := os.ReadFile(filepath.Join(dir, "report.html"))
	if !strings.Contains(string(h), `class="note"`) {
		t.Error("report.html does not flag the interruption")
	}
}

func TestFormatting(t *testing.T) {
	for _, c := range []struct {
		got, want string
	}{
		{sig(1234.5678, 4), "1235"}, {sig(0.012345, 3), "0.0123"}, {sig(2.5e-7, 3), "2.50e-07"}, {sig(math.NaN(), 3), "–"},
		{fixed(-0.00001, 4), "0.0000"}, {fixed(math.Inf(-1), 4), "−∞"}, {pct(0.906), "91%"},
		{inline("a `x<1` **b**"), "a <code>x&lt;1</code> <strong>b</strong>"}, {inline("odd ` tick"), "odd ` tick"},
	} {
		t.Run(c.want, func(t *testing.T) {
			if c.got != c.want {
				t.Errorf("got %q, want %q", c.got, c.want)
			}
		})
	}
	ticks, lo, hi := niceTicks(0.03, 0.97, 5)
	if lo > 0.03 || hi < 0.97 || len(ticks) < 3 || len(ticks) > 12 {
		t.Errorf("niceTicks(0.03, 0.97) = %v [%g, %g]", ticks, lo, hi)
	}
}
