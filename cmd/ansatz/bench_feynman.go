package main

import (
	"fmt"
	"time"

	"github.com/ansatz/ansatz/bench"
	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/symreg"
)

// BenchFeynmanCmd is `ansatz bench feynman`: sample each equation of the
// AI Feynman table, search, and count the equations whose chosen formula
// matches the truth (relative RMS error ≤ 1e-6 on 10 000 fresh points).
type BenchFeynmanCmd struct {
	Table   string        `help:"Equation table (AI Feynman CSV layout)." default:"../shared/testdata/feynman/FeynmanEquations.csv"`
	Only    []string      `help:"Equations to run, comma separated (default: all)." placeholder:"NAME,..."`
	Time    time.Duration `help:"Search time per equation." default:"60s"`
	Rows    int           `help:"Sampled rows per equation." default:"2000"`
	Noise   float64       `help:"Gaussian noise on the target, as a fraction of its standard deviation." default:"0"`
	Ops     string        `help:"Operators for the search." default:"+,-,*,/,sqrt,exp,log,sin,cos"`
	Maxsize int           `help:"Largest complexity." default:"30"`
	Scaling bool          `name:"linear-scaling" help:"Search with linear scaling (a·f+b fitted in closed form)." default:"true" negatable:""`
	Nested  string        `help:"Nesting limits for the search, as in ansatz search --nested (\"\" for none)." default:"sin:sin=0;cos=0,cos:sin=0;cos=0,exp:exp=0;log=0,log:exp=0;log=0,sqrt:sqrt=0"`
	Batch   int           `help:"Rows per mini-batch during evolution (0: all rows); judged formulas are always scored on all rows." default:"250"`
	JSON    bool          `name:"json" help:"Print JSON bench lines."`
	Units   string        `help:"Units table for dimensional analysis (default: units.csv beside --table if present; \"none\": off)." placeholder:"PATH"`
}

// Run runs the suite. Ctrl-C ends the current equation's search early,
// skips the rest and still prints what was measured.
func (c *BenchFeynmanCmd) Run(g *Globals) error {
	if c.Time <= 0 {
		return inputerr.New("--time must be positive, not %s", c.Time)
	}
	o := symreg.DefaultOptions()
	var err error
	if o.Ops, err = symreg.ParseOps(c.Ops); err != nil {
		return err
	}
	o.MaxSize, o.LinearScaling, o.Batch = c.Maxsize, c.Scaling, c.Batch
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
		Threads: g.Threads, Seed: g.Seed, Options: o}
	if !g.Quiet {
		cfg.Log = g.Stderr
	}
	w := bench.NewWriter(g.Stdout, c.JSON)
	res, err := bench.RunFeynman(ctx, cfg, w)
	if err != nil {
		return err
	}
	if !c.JSON {
		bench.PrintFeynman(g.Stdout, res)
		fmt.Fprintf(g.Stdout, "(time %s per equation, rows %d, noise %g, threads %d, seed %d; solved: relative RMS error ≤ %g on %d fresh points)\n",
			c.Time, c.Rows, c.Noise, g.Threads, g.Seed, bench.RecoveryTol, bench.JudgePoints)
	}
	return nil
}
