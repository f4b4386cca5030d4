package pipeline

import (
	"cmp"
	"log/slog"
	"time"

	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/symreg"
	"github.com/ansatz/ansatz/symreg/units"
)

// Config are the settings of a run. DefaultConfig fills every field;
// zero values in a hand-made Config are not defaults.
type Config struct {
	// Train is the network every fit of the run starts from. The run
	// reads Model ("mlp" or "kan"), Task ("" detects it), Hidden (nil:
	// MLP 64,64, KAN 5), Epochs (MLP, Adam on mini-batches of 64 with
	// early stopping on the validation rows; 0 picks enough epochs for
	// about 3000 steps), Steps (KAN L-BFGS steps), TestFrac and ValFrac
	// (the split, of the rows and then of the rest) and Seed (the split,
	// the weights, the search); each fit's other settings follow the task
	// (see runner.spec).
	Train    model.TrainConfig
	Repeats  int // models (seeds) attribution averages over
	Shuffles int // permutation importance shuffles per feature
	// Top fixes the focus size. With 0, the candidates are the fewest
	// top features holding Coverage of the saliency, at most MaxTop;
	// networks are trained on the top 1, 2, ... of them, and the focus set
	// is the fewest whose validation skill (score above the trivial
	// predictor) is at least Keep times the best of those networks'.
	Top      int
	Coverage float64
	MaxTop   int
	Keep     float64
	// Search: total time (split over the runs) and/or iterations per run,
	// operators, largest complexity, and an optional units table.
	SearchTime time.Duration
	Iterations int
	Ops        string
	MaxSize    int
	Units      *units.Table
	UnitsFile  string // shown in the report
	// AllMax: when the table has at most this many features and the focus
	// set is smaller, a second search runs on all features.
	AllMax int
	// Digits are the significant digits of constants in the formulas
	// shown to people (FrontPoint.Short, Law.Short); 0: all of them. The
	// full-precision forms (Infix, Formula) are unaffected.
	Digits int
	// CurveMax is the largest number of inputs of the inputs-kept curve
	// (models on the top 1, 2, ... features; the focus set's and the
	// full model are always in it); 0 leaves the curve out.
	CurveMax int

	Threads int
	Log     *slog.Logger // messages; nil = silent
	// Progress, if set, hears what the run is doing (stage starts, each
	// fit, each search iteration), from the goroutine running the stage.
	Progress func(Progress)
	// Peers, if set, spreads the law stage's searches over the ranks of an
	// MPI job (see symreg.Peers); the other stages run on rank 0.
	Peers symreg.Peers
}

// Progress is what a run is doing, for a live display.
type Progress struct {
	Stage string // the stage under way (StageSignal, ...)
	Step  string // what it is doing, e.g. "model 2 of 3" ("" at a stage's start)
	Best  string // the law stage: the search's current choice ("" before)
	Loss  float64
}

// DefaultConfig is the configuration `ansatz discover` starts from.
func DefaultConfig() Config {
	return Config{Train: model.TrainConfig{Model: "mlp", TestFrac: 0.25, ValFrac: 0.1, Steps: 100, Seed: 1},
		Repeats: 3, Shuffles: 3, Coverage: 0.9, MaxTop: 5, Keep: 0.98, SearchTime: 60 * time.Second,
		Ops: "+,-,*,/,sqrt,exp,log,sin,cos", MaxSize: 25, AllMax: 8, CurveMax: 8, Digits: 6, Threads: 1}
}

// check rejects impossible settings (bad input: exit 2 from the CLI) and
// fills the architecture default. The network settings are checked by
// model.TrainConfig.Validate, the operators by symreg.ParseOps.
func (c *Config) check() error {
	if err := c.Train.Validate(); err != nil {
		return err
	}
	if c.Train.Model == "" {
		c.Train.Model = "mlp"
	}
	err := cmp.Or(
		inputerr.Check(!(c.Train.TestFrac > 0), "model.TrainConfig.TestFrac", "discover judges on held-out rows: must be in (0,1), not %g", c.Train.TestFrac),
		inputerr.Check(c.Repeats < 1 || c.Repeats > 100, "pipeline.Config.Repeats", "must be in 1..100, not %d", c.Repeats),
		inputerr.Check(c.Shuffles < 1, "pipeline.Config.Shuffles", "must be at least 1, not %d", c.Shuffles),
		inputerr.Check(c.Top < 0, "pipeline.Config.Top", "must be ≥ 0, not %d", c.Top),
		inputerr.Check(c.MaxTop < 1, "pipeline.Config.MaxTop", "must be ≥ 1, not %d", c.MaxTop),
		inputerr.Check(c.CurveMax < 0, "pipeline.Config.CurveMax", "must be ≥ 0, not %d", c.CurveMax),
		inputerr.Check(!(c.Coverage > 0 && c.Coverage <= 1), "pipeline.Config.Coverage", "must be in (0,1], not %g", c.Coverage),
		inputerr.Check(!(c.Keep > 0 && c.Keep <= 1), "pipeline.Config.Keep", "must be in (0,1], not %g", c.Keep),
		inputerr.Check(c.SearchTime < 0, "pipeline.Config.SearchTime", "must not be negative, not %v", c.SearchTime),
		inputerr.Check(c.Iterations < 0, "pipeline.Config.Iterations", "must not be negative, not %d", c.Iterations),
		inputerr.Check(c.Digits < 0, "pipeline.Config.Digits", "must not be negative, not %d", c.Digits),
		inputerr.Check(c.SearchTime == 0 && c.Iterations == 0, "pipeline.Config.SearchTime", "the search needs a limit: a time, or pipeline.Config.Iterations"),
	)
	if err != nil {
		return err
	}
	if c.Train.Hidden == nil {
		c.Train.Hidden = map[string][]int{"mlp": {64, 64}, "kan": {5}}[c.Train.Model]
	}
	if c.Threads < 1 {
		c.Threads = 1
	}
	if _, err := symreg.ParseOps(c.Ops); err != nil {
		return err
	}
	return nil
}

// settings is the JSON form of the resolved configuration.
func (c *Config) settings() Settings {
	t := &c.Train
	s := Settings{Model: t.Model, Hidden: t.Hidden, Seed: t.Seed, Threads: c.Threads, Repeats: c.Repeats,
		Shuffles: c.Shuffles, TestFrac: t.TestFrac, ValFrac: t.ValFrac, Top: c.Top, Coverage: c.Coverage, Keep: c.Keep,
		MaxTop: c.MaxTop, CurveMax: c.CurveMax, SearchTime: c.SearchTime.String(), Iterations: c.Iterations, Ops: c.Ops,
		MaxSize: c.MaxSize, Units: c.UnitsFile}
	if t.Model == "kan" {
		s.Steps = t.Steps
	} else {
		s.Epochs = t.Epochs
	}
	return s
}

func (c *Config) logf(msg string, args ...any) {
	if c.Log != nil {
		c.Log.Info(msg, args...)
	}
}

func (c *Config) progress(p Progress) {
	if c.Progress != nil {
		c.Progress(p)
	}
}
