package main

import (
	"github.com/alecthomas/kong"

	"github.com/ansatz/ansatz/bench"
)

// KANAccuracyFlags are the options of `ansatz bench kan --accuracy`.
type KANAccuracyFlags struct {
	Problems  []string `name:"problem" help:"With --accuracy: only these problems (velocity-addition, exp-sin, xy, bessel, exp-sin-4d)." placeholder:"NAME"`
	GridSched []int    `name:"grid-schedule" help:"With --accuracy: train with this grid schedule instead of the default." placeholder:"G"`
	Snap      bool     `help:"With --accuracy: also snap each model (as ansatz snap on its training rows) and report the formula and its largest relative error on the fresh rows."`
}

// run trains every problem with `ansatz train`'s default flags (plus
// --grid-schedule when given) and prints its held-out RMSE.
func (f KANAccuracyFlags) run(g *Globals, asJSON bool) error {
	var flags FitFlags
	if err := defaultsOf(&flags); err != nil {
		return err
	}
	flags.Model, flags.GridSched = "kan", f.GridSched
	w := bench.NewWriter(g.Stdout, asJSON)
	each := func(l bench.Line) { g.Log.Info("done", "case", l.Case, "rmse", l.Value) }
	lines, err := bench.KANAccuracy(bench.KANAccuracyConfig{Base: flags.config(g.Seed), Problems: f.Problems, Seed: g.Seed,
		Snap: f.Snap, Each: each})
	if err != nil {
		return err
	}
	for _, l := range lines {
		if err := w.Write(l); err != nil {
			return err
		}
	}
	return w.Flush()
}

// defaultsOf fills f with the flag defaults `ansatz train` gives it, so
// the accuracy suite trains exactly as a user who passes no flags.
func defaultsOf(f *FitFlags) error {
	var cli struct{ FitFlags }
	p, err := kong.New(&cli, kong.Exit(func(int) {}))
	if err != nil {
		return err
	}
	if _, err := p.Parse(nil); err != nil {
		return err
	}
	*f = cli.FitFlags
	return nil
}
