package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/symreg"
	"github.com/ansatz/ansatz/table"
)

// synth builds a table with four uniform inputs x0..x3 on [-2,2] and the
// target f(x) (plus Gaussian noise of the given size).
func synth(t *testing.T, rows int, noise float64, f func(x []float64) float64) *table.Table {
	t.Helper()
	rng := rand.New(rand.NewPCG(7, 11))
	var b strings.Builder
	b.WriteString("x0,x1,x2,x3,y\n")
	x := make([]float64, 4)
	for i := 0; i < rows; i++ {
		for j := range x {
			x[j] = 4*rng.Float64() - 2
			fmt.Fprintf(&b, "%.6f,", x[j])
		}
		fmt.Fprintf(&b, "%.6f\n", f(x)+noise*rng.NormFloat64())
	}
	tab, err := table.Read(strings.NewReader(b.String()), "synth.csv", table.Options{Target: "y"})
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

// quick is a configuration small enough for unit tests: a reproducible
// search bounded by iterations only.
func quick() Config {
	c := DefaultConfig()
	c.Train.Hidden = []int{32, 32}
	c.SearchTime, c.Iterations = 0, 8
	c.Threads = 2
	return c
}

func TestRegressionFindsProductLaw(t *testing.T) {
	if testing.Short() {
		t.Skip("a whole discovery or search: runs without -short (CI runs -short under the race detector)")
	}
	tab := synth(t, 300, 0.01, func(x []float64) float64 { return x[0] * x[1] })
	res, err := Run(context.Background(), tab, quick())
	if err != nil {
		t.Fatal(err)
	}
	if res.Interrupted != "" {
		t.Fatalf("interrupted: %q", res.Interrupted)
	}
	for _, s := range res.Stages {
		if s.Status != StatusDone {
			t.Errorf("stage %s: %s (%s)", s.Name, s.Status, s.Note)
		}
	}
	if res.Task != model.Regression {
		t.Fatalf("task %s", res.Task)
	}
	if v := float64(res.Signal.Model.Value); v < 0.98 {
		t.Errorf("model test R² %.4f, want ≥ 0.98", v)
	}
	if v := float64(res.Signal.Baseline.Value); math.Abs(v) > 0.1 {
		t.Errorf("baseline R² %.4f, want ≈ 0", v)
	}
	top := []string{res.Attribution.Saliency[0].Feature, res.Attribution.Saliency[1].Feature}
	slices.Sort(top)
	if !slices.Equal(top, []string{"x0", "x1"}) {
		t.Errorf("saliency ranking %+v, want x0, x1 on top", res.Attribution.Saliency)
	}
	if res.Attribution.Repeats != 3 || res.Attribution.Saliency[0].Spread == 0 {
		t.Errorf("want 3 repeats with a spread, got %d, %+v", res.Attribution.Repeats, res.Attribution.Saliency[0])
	}
	foc := slices.Clone(res.Focus.Features)
	slices.Sort(foc)
	if !slices.Equal(foc, []string{"x0", "x1"}) {
		t.Errorf("focus %v, want [x0 x1]", res.Focus.Features)
	}
	if k := float64(res.Focus.Kept); !(k > 0.95) {
		t.Errorf("focus keeps %.3f of the skill", k)
	}
	law := res.Law
	if law.Chosen < 0 || float64(law.TestR2) < 0.999 {
		t.Fatalf("law %q with test R² %v", law.Formula, law.TestR2)
	}
	if !strings.Contains(law.Formula, "x0") || !strings.Contains(law.Formula, "x1") || law.Complexity > 7 {
		t.Errorf("law %q (complexity %d), want x0*x1", law.Formula, law.Complexity)
	}
	if len(law.Runs) != 2 {
		t.Errorf("want a focused and an all-features search, got %d runs", len(law.Runs))
	}
	if len(law.Scatter) != res.Signal.Test || len(res.Signal.Scatter) != res.Signal.Test {
		t.Errorf("scatter sizes %d, %d for %d test rows", len(law.Scatter), len(res.Signal.Scatter), res.Signal.Test)
	}
	// The curve: the top 1, 2, 3 features and all 4, each scored on both parts.
	var sizes []int
	for _, p := range res.Focus.Curve {
		sizes = append(sizes, p.Inputs)
		if !(p.Val > -1) || !(p.Test > -1) {
			t.Errorf("curve point %+v lacks a score", p)
		}
	}
	if !slices.Equal(sizes, []int{1, 2, 3, 4}) || res.Focus.Curve[1].Added != res.Attribution.Saliency[1].Feature {
		t.Errorf("curve %+v", res.Focus.Curve)
	}
	if c := res.Focus.Curve; !(c[1].Val > c[0].Val+0.3) {
		t.Errorf("the second input of x0·x1 should add most of the skill: %+v", c)
	}
}

func TestSameSeedSameResult(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the pipeline twice")
	}
	tab := synth(t, 200, 0.05, func(x []float64) float64 { return x[0] + 2*x[2] })
	cfg := quick()
	cfg.Repeats, cfg.Iterations = 2, 4
	a, err := Run(context.Background(), tab, cfg)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Run(context.Background(), tab, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if ja, jb := noTimes(t, a), noTimes(t, b); ja != jb {
		t.Errorf("two runs with the same seed differ:\n%s\n%s", ja, jb)
	}
}

// noTimes is the result as JSON without its timings.
func noTimes(t *testing.T, r *Result) string {
	c := *r
	c.Seconds = 0
	c.Stages = slices.Clone(r.Stages)
	for i := range c.Stages {
		c.Stages[i].Seconds = 0
	}
	if r.Law != nil {
		l := *r.Law
		l.Runs = slices.Clone(l.Runs)
		for i := range l.Runs {
			l.Runs[i].Seconds = 0
		}
		c.Law = &l
	}
	b, err := json.Marshal(&c)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// classTable is a 3-class target (0, 1, 2) counting how many of x1 > 0
// and x3 > 0.5 hold.
func classTable(t *testing.T) *table.Table {
	return synth(t, 400, 0, func(x []float64) float64 {
		c := 0.0
		if x[1] > 0 {
			c++
		}
		if x[3] > 0.5 {
			c++
		}
		return c
	})
}

func TestIntegerClassesGetALaw(t *testing.T) {
	if testing.Short() {
		t.Skip("a whole discovery or search: runs without -short (CI runs -short under the race detector)")
	}
	cfg := quick()
	cfg.Repeats, cfg.CurveMax, cfg.Train.Epochs = 2, 0, 100
	res, err := Run(context.Background(), classTable(t), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if res.Task != model.Classification || res.Signal.Metric != "accuracy" || len(res.Classes) != 3 {
		t.Fatalf("task %s, metric %s, classes %v", res.Task, res.Signal.Metric, res.Classes)
	}
	if m, b := float64(res.Signal.Model.Value), float64(res.Signal.Baseline.Value); m < b+0.2 {
		t.Errorf("accuracy %.3f vs baseline %.3f: want a clear gain", m, b)
	}
	hit, total := 0, 0
	for i, row := range res.Signal.Confusion {
		for j, n := range row {
			total += n
			if i == j {
				hit += n
			}
		}
	}
	if total != res.Signal.Test || math.Abs(float64(hit)/float64(total)-float64(res.Signal.Model.Value)) > 1e-12 {
		t.Errorf("confusion %v (%d rows) disagrees with accuracy %v on %d rows", res.Signal.Confusion, total, res.Signal.Model.Value, res.Signal.Test)
	}
	top := []string{res.Attribution.Saliency[0].Feature, res.Attribution.Saliency[1].Feature}
	slices.Sort(top)
	if !slices.Equal(top, []string{"x1", "x3"}) {
		t.Errorf("saliency ranking %+v, want x1, x3 on top", res.Attribution.Saliency)
	}
	law := res.Law
	if res.Stage(StageLaw).Status != StatusDone || law.Metric != "accuracy" || !slices.Equal(law.Classes, []float64{0, 1, 2}) || law.Chosen < 0 {
		t.Fatalf("law stage %+v: metric %q, classes %v, chosen %d", res.Stage(StageLaw), law.Metric, law.Classes, law.Chosen)
	}
	for _, f := range law.Uses {
		if f != "x1" && f != "x3" {
			t.Errorf("law %q uses %s", law.Formula, f)
		}
	}
	// The rounded accuracy is what the formula's own test pairs give.
	classes := law.Classes
	hit = 0
	for _, p := range law.Scatter {
		if model.NearestClass(classes, float64(p[1])) == float64(p[0]) {
			hit++
		}
	}
	if acc := float64(hit) / float64(len(law.Scatter)); len(law.Scatter) != res.Signal.Test || acc != float64(law.TestAcc) {
		t.Errorf("law test accuracy %v, its %d test pairs give %v", law.TestAcc, len(law.Scatter), acc)
	}
	if float64(law.TestAcc) < 0.8 {
		t.Errorf("law %q: rounded test accuracy %v, want ≥ 0.8", law.Formula, law.TestAcc)
	}
}

func TestLabelClassesSkipLaw(t *testing.T) {
	// Classes 0.5, 1.25 and 3 are neither integers nor evenly spaced.
	tab := synth(t, 300, 0, func(x []float64) float64 {
		switch {
		case x[0] < -0.5:
			return 0.5
		case x[0] < 0.5:
			return 1.25
		}
		return 3
	})
	cfg := quick()
	cfg.Repeats, cfg.CurveMax, cfg.Train.Task = 1, 0, model.Classification
	res, err := Run(context.Background(), tab, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if res.Law.Skipped == "" || res.Stage(StageLaw).Status != StatusSkipped || len(res.Law.Runs) != 0 {
		t.Errorf("law stage %+v, %+v: want skipped", res.Stage(StageLaw), res.Law)
	}
	if res.Stage(StageTest).Status != StatusDone || !(res.Signal.Model.Value > 0.8) {
		t.Errorf("test stage %+v, model accuracy %v", res.Stage(StageTest), res.Signal.Model.Value)
	}
}

// cancelOn is a log handler that cancels a context when a message starts
// with the given text: a deterministic way to interrupt a run at a stage.
type cancelOn struct {
	slog.Handler
	prefix string
	cancel context.CancelFunc
}

func (cancelOn) Enabled(context.Context, slog.Level) bool { return true }

func (h cancelOn) Handle(ctx context.Context, r slog.Record) error {
	if strings.HasPrefix(r.Message, h.prefix) {
		h.cancel()
	}
	return nil
}

func interrupted(t *testing.T, at string) *Result {
	tab := synth(t, 200, 0.01, func(x []float64) float64 { return x[0] * x[1] })
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cfg := quick()
	cfg.Log = slog.New(cancelOn{Handler: slog.DiscardHandler, prefix: at, cancel: cancel})
	res, err := Run(ctx, tab, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestInterruptDuringAttribution(t *testing.T) {
	res := interrupted(t, "discover: stage attribution")
	if res.Interrupted != StageAttribution || res.Stage(StageAttribution).Status != StatusInterrupted {
		t.Fatalf("interrupted %q, stages %+v", res.Interrupted, res.Stages)
	}
	if res.Signal == nil || res.Attribution == nil || res.Attribution.Repeats != 1 || len(res.Attribution.Saliency) != 4 {
		t.Fatalf("want the signal and a one-model attribution, got %+v", res.Attribution)
	}
	if res.Focus != nil || res.Law != nil || res.Stage(StageFocus).Status != StatusNotRun || res.Stage(StageLaw).Status != StatusNotRun {
		t.Errorf("later stages ran: %+v", res.Stages)
	}
}

func TestInterruptDuringSearch(t *testing.T) {
	res := interrupted(t, "discover: symbolic search")
	if res.Interrupted != StageLaw || res.Stage(StageLaw).Status != StatusInterrupted || res.Focus == nil {
		t.Fatalf("interrupted %q, stages %+v", res.Interrupted, res.Stages)
	}
	if len(res.Law.Runs) != 1 || res.Law.Runs[0].StopReason != symreg.StopInterrupted {
		t.Errorf("want one interrupted search, got %+v", res.Law.Runs)
	}
}

func TestBadInput(t *testing.T) {
	tab := synth(t, 12, 0, func(x []float64) float64 { return x[0] })
	for name, mod := range map[string]func(*Config){
		"few rows":  func(*Config) {},
		"repeats":   func(c *Config) { c.Repeats = 0 },
		"model":     func(c *Config) { c.Train.Model = "svm" },
		"coverage":  func(c *Config) { c.Coverage = 2 },
		"no limit":  func(c *Config) { c.Iterations, c.SearchTime = 0, 0 },
		"operators": func(c *Config) { c.Ops = "+,frob" },
	} {
		t.Run(name, func(t *testing.T) {
			cfg := quick()
			mod(&cfg)
			res, err := Run(context.Background(), tab, cfg)
			if err == nil || res != nil {
				t.Errorf("%s: want an error and no result, got %v", name, err)
			}
		})
	}
}

func TestKANModel(t *testing.T) {
	if testing.Short() {
		t.Skip("a whole discovery or search: runs without -short (CI runs -short under the race detector)")
	}
	tab := synth(t, 200, 0.01, func(x []float64) float64 { return math.Sin(x[0]) + 0.5*x[2]*x[2] })
	cfg := quick()
	cfg.Train.Model, cfg.Train.Hidden, cfg.Repeats, cfg.Train.Steps, cfg.Iterations = "kan", nil, 2, 50, 3
	res, err := Run(context.Background(), tab, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if res.Settings.Model != "kan" || !slices.Equal(res.Settings.Hidden, []int{5}) {
		t.Errorf("settings %+v", res.Settings)
	}
	if v := float64(res.Signal.Model.Value); v < 0.95 {
		t.Errorf("KAN test R² %.4f, want ≥ 0.95", v)
	}
	top := []string{res.Attribution.Saliency[0].Feature, res.Attribution.Saliency[1].Feature}
	slices.Sort(top)
	if !slices.Equal(top, []string{"x0", "x2"}) {
		t.Errorf("saliency ranking %+v, want x0, x2 on top", res.Attribution.Saliency)
	}
}
