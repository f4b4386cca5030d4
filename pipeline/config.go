package pipeline

import (
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
	Model  string     // "mlp" or "kan"
	Task   model.Task // "" = detect from the target (model.DetectTask)
	Hidden []int      // hidden widths (MLP default 64,64; KAN default 5)
	// Epochs bounds MLP training (Adam, mini-batches of 64, early stopping
	// on the validation rows); 0 picks enough epochs for about 3000 steps.
	Epochs int
	Steps  int // KAN L-BFGS steps
	// TestFrac of the rows are held out for testing, ValFrac of the rest
	// for early stopping.
	TestFrac, ValFrac float64
	Repeats           int // models (seeds) attribution averages over
	Shuffles          int // permutation importance shuffles per feature
	// Top fixes the focus size; 0 takes the smallest set of features
	// holding Coverage of the saliency, at most MaxTop.
	Top      int
	Coverage float64
	MaxTop   int
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

	Seed    uint64
	Threads int
	Log     *slog.Logger // progress; nil = silent
}

// DefaultConfig is the configuration `ansatz discover` starts from.
func DefaultConfig() Config {
	return Config{Model: "mlp", TestFrac: 0.25, ValFrac: 0.1, Repeats: 3, Shuffles: 3,
		Coverage: 0.9, MaxTop: 5, SearchTime: 60 * time.Second, Ops: "+,-,*,/,sqrt,exp,log,sin,cos",
		MaxSize: 25, AllMax: 8, Steps: 100, Seed: 1, Threads: 1}
}

// check rejects impossible settings (bad input: exit 2 from the CLI) and
// fills the architecture default.
func (c *Config) check() error {
	switch c.Model {
	case "mlp", "kan":
	default:
		return inputerr.New("--model %q: want mlp or kan", c.Model)
	}
	if c.Repeats < 1 || c.Repeats > 100 {
		return inputerr.New("--repeats must be in 1..100, not %d", c.Repeats)
	}
	if c.Shuffles < 1 {
		return inputerr.New("--shuffles must be at least 1, not %d", c.Shuffles)
	}
	if c.Top < 0 || c.MaxTop < 1 {
		return inputerr.New("--top must be ≥ 0 and --max-top ≥ 1 (have %d, %d)", c.Top, c.MaxTop)
	}
	if !(c.Coverage > 0 && c.Coverage <= 1) {
		return inputerr.New("--coverage must be in (0,1], not %g", c.Coverage)
	}
	if !(c.TestFrac > 0 && c.TestFrac < 1) || !(c.ValFrac >= 0 && c.ValFrac < 1) {
		return inputerr.New("--test must be in (0,1) and --val in [0,1), not %g and %g", c.TestFrac, c.ValFrac)
	}
	if c.SearchTime < 0 || c.Iterations < 0 || c.Epochs < 0 || c.Steps < 0 {
		return inputerr.New("--time, --iterations, --epochs and --steps must not be negative")
	}
	if c.SearchTime == 0 && c.Iterations == 0 {
		return inputerr.New("the search needs a limit: --time or --iterations")
	}
	for _, h := range c.Hidden {
		if h < 1 {
			return inputerr.New("--hidden widths must be positive, got %v", c.Hidden)
		}
	}
	if c.Hidden == nil {
		c.Hidden = map[string][]int{"mlp": {64, 64}, "kan": {5}}[c.Model]
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
	s := Settings{Model: c.Model, Hidden: c.Hidden, Seed: c.Seed, Threads: c.Threads, Repeats: c.Repeats,
		Shuffles: c.Shuffles, TestFrac: c.TestFrac, ValFrac: c.ValFrac, Top: c.Top, Coverage: c.Coverage,
		MaxTop: c.MaxTop, SearchTime: c.SearchTime.String(), Iterations: c.Iterations, Ops: c.Ops,
		MaxSize: c.MaxSize, Units: c.UnitsFile}
	if c.Model == "kan" {
		s.Steps = c.Steps
	} else {
		s.Epochs = c.Epochs
	}
	return s
}

func (c *Config) logf(msg string, args ...any) {
	if c.Log != nil {
		c.Log.Info(msg, args...)
	}
}
