package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/ansatz/ansatz/bench"
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
	Scaling bool          `name:"linear-scaling" help:"Search with linear scaling (a·f+b fitted in closed form)."`
	Nested  string        `help:"Nesting limits for the search, as in ansatz search --nested." placeholder:"SPEC"`
	JSON    bool          `name:"json" help:"Print JSON bench lines."`
}

// Run runs the suite; Ctrl-C stops after the current equation's search.
func (c *BenchFeynmanCmd) Run(g *Globals) error {
	o := symreg.DefaultOptions()
	var err error
	if o.Ops, err = symreg.ParseOps(c.Ops); err != nil {
		return err
	}
	o.MaxSize, o.LinearScaling = c.Maxsize, c.Scaling
	if o.Nested, err = symreg.ParseNested(c.Nested); err != nil {
		return err
	}
	o.Populations = symreg.DefaultPopulations(g.Threads)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg := bench.FeynmanConfig{Table: c.Table, Only: c.Only, Time: c.Time, Rows: c.Rows, Noise: c.Noise,
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
