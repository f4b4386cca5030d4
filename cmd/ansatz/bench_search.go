package main

import (
	"strings"
	"time"

	"github.com/ansatz/ansatz/bench"
	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/symreg"
)

// BenchSearchCmd is `ansatz bench search`: time to exact recovery on fixed
// problems (Operon's x1·x2/x3 + sin(x4), the pendulum, three Feynman
// equations), several seeds each, with the search's default settings as
// `ansatz search --stop-exact` runs them, and the evaluation rate reached
// inside the search next to `bench eval`'s float32 figure.
type BenchSearchCmd struct {
	Cases   string        `help:"Cases to run, separated by ';' (default: all)." placeholder:"NAME;..."`
	Seeds   int           `help:"Runs per case (seeds 1..N, data and search)." default:"5"`
	Time    time.Duration `help:"Limit per run; an unsolved run counts this long." default:"60s"`
	Table   string        `help:"AI Feynman equation table the Feynman cases sample from." default:"testdata/feynman/FeynmanEquations.csv"`
	Score64 bool          `name:"score64" help:"Score evolution in float64 instead of float32."`
	NoRef   bool          `name:"no-ref" help:"Skip measuring bench eval's float32 figures (arithmetic trees, trees of the search's operators) for comparison."`
	JSON    bool          `name:"json" help:"One JSON object per measurement."`
}

// Run runs the cases and prints the lines.
func (c *BenchSearchCmd) Run(g *Globals) error {
	if c.Seeds < 1 || c.Time <= 0 {
		return inputerr.New("--seeds and --time must be positive")
	}
	o := symreg.DefaultOptions()
	o.Score64 = c.Score64
	cfg := bench.SearchConfig{Seeds: c.Seeds, Threads: g.Threads, Time: c.Time, Table: c.Table, Options: o}
	for _, name := range strings.Split(c.Cases, ";") {
		if name = strings.TrimSpace(name); name == "" {
			continue
		}
		if !bench.IsSearchCase(name) {
			return inputerr.New("--cases: unknown case %q (known: %s)", name, strings.Join(bench.SearchCases, "; "))
		}
		cfg.Cases = append(cfg.Cases, name)
	}
	if !g.Quiet {
		cfg.Log = g.Stderr
	}
	var ref bench.EvalRate
	if !c.NoRef {
		var err error
		if ref, err = bench.EvalRef(time.Second, o.Ops); err != nil {
			return err
		}
	}
	ctx, release := onInterrupt(g.Log)
	defer release()
	w := bench.NewWriter(g.Stdout, c.JSON)
	if err := bench.RunSearch(ctx, cfg, ref, w); err != nil {
		return err
	}
	return w.Flush()
}
