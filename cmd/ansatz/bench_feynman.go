package main

import (
	"fmt"
	"time"

	"github.com/ansatz/ansatz/bench"
	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/symreg"
)

// BenchFeynmanCmd is `ansatz bench feynman`: sample each equation of the
// AI Feynman table, search, and judge each chosen formula a law, a fit
// or neither (internal/lawjudge); the headline counts laws.
type BenchFeynmanCmd struct {
	Table   string        `help:"Equation table (AI Feynman CSV layout)." default:"../shared/testdata/feynman/FeynmanEquations.csv"`
	Only    []string      `help:"Equations to run, comma separated (default: all)." placeholder:"NAME,..."`
	Time    time.Duration `help:"Search time per equation (results then depend on the machine's speed and load; --iterations gives runs that are the same everywhere)." default:"60s"`
	Iters   int           `name:"iterations" help:"Stop each search after this many iterations (0: no limit); with the per-equation seed, --only NAME reruns exactly what a full run ran." default:"0"`
	Rows    int           `help:"Sampled rows per equation." default:"2000"`
	Noise   float64       `help:"Gaussian noise on the training target, as a fraction of its standard deviation (the judge allows 5× this relative error)." default:"0"`
	Ops     string        `help:"Operators for the search." default:"+,-,*,/,sqrt,exp,log,sin,cos"`
	Maxsize int           `help:"Largest complexity." default:"30"`
	Scaling bool          `name:"linear-scaling" help:"Search with linear scaling (a·f+b fitted in closed form)." default:"true" negatable:""`
	Nested  string        `help:"Nesting limits for the search, as in ansatz search --nested (\"\" for none)." default:"sin:sin=0;cos=0,cos:sin=0;cos=0,exp:exp=0;log=0,log:exp=0;log=0,sqrt:sqrt=0"`
	Batch   int           `help:"Rows per mini-batch during evolution (0: all rows); judged formulas are always scored on all rows." default:"250"`
	JSON    bool          `name:"json" help:"Print JSON bench lines."`
	Units   string        `help:"Units table for dimensional analysis (default: units.csv beside --table if present; \"none\": off)." placeholder:"PATH"`
	Rejudge string        `help:"Judge the formulas of a recorded --json run again instead of searching." placeholder:"PATH"`
	Digits  int           `help:"Significant digits of constants in the printed formulas (0: all); --json keeps full precision." default:"6"`
	Decomp  bool          `name:"decompose" help:"When the first search finds no exact fit, fit a network and split the problem where it is separable or symmetric (AI Feynman)." default:"true" negatable:""`
}

// Run runs the suite. Ctrl-C ends the current equation's search early,
// skips the rest and still prints what was measured.
func (c *BenchFeynmanCmd) Run(g *Globals) error {
	if c.Time <= 0 && c.Iters <= 0 {
		return inputerr.New("--time must be positive, not %s (or set --iterations)", c.Time)
	}
	if c.Digits < 0 {
		return inputerr.New("--digits must not be negative, not %d", c.Digits)
	}
	if c.Iters < 0 {
		return inputerr.New("--iterations must be ≥ 0, not %d", c.Iters)
	}
	o := symreg.DefaultOptions()
	var err error
	if o.Ops, err = symreg.ParseOps(c.Ops); err != nil {
		return err
	}
	o.MaxSize, o.LinearScaling, o.Batch, o.Iterations = c.Maxsize, c.Scaling, c.Batch, c.Iters
	if o.Nested, err = symreg.ParseNested(c.Nested); err != nil {
		return err
	}
	o.Populations = symreg.DefaultPopulations(g.Threads)
	ctx, release := onInterrupt(g.Log) // the first signal stops gracefully; a second one quits
	defer release()
	units, err := bench.FeynmanUnits(c.Units, c.Table)
	if err != nil {
		return err
	}
	cfg := bench.FeynmanConfig{Units: units, Table: c.Table, Only: c.Only, Time: c.Time, Rows: c.Rows, Noise: c.Noise,
		Threads: g.Threads, Seed: g.Seed, Options: o, Digits: c.Digits, Decompose: c.Decomp}
	if !g.Quiet {
		cfg.Log = g.Stderr
	}
	w := bench.NewWriter(g.Stdout, c.JSON)
	var res []bench.FeynmanResult
	if c.Rejudge != "" {
		res, err = bench.RejudgeFeynman(cfg, c.Rejudge)
		for _, r := range res {
			if err == nil {
				err = bench.WriteFeynmanLines(w, r)
			}
		}
	} else {
		res, err = bench.RunFeynman(ctx, cfg, w)
	}
	if err != nil {
		return err
	}
	if !c.JSON {
		bench.PrintFeynman(g.Stdout, res, c.Digits)
		fmt.Fprintf(g.Stdout, "(time %s, iterations %d per equation, rows %d, noise %g, threads %d, seed %d; %s)\n",
			c.Time, c.Iters, c.Rows, c.Noise, g.Threads, g.Seed, bench.JudgeRule(c.Noise))
	}
	return nil
}
