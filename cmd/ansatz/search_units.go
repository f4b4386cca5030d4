package main

import (
	"context"

	"github.com/ansatz/ansatz/decompose"
	"github.com/ansatz/ansatz/symreg"
	"github.com/ansatz/ansatz/symreg/solve"
	"github.com/ansatz/ansatz/symreg/units"
)

// searchMaybeUnits runs the search (symreg/solve: the search, then the
// target's transforms unless transforms is false, and the choice of the
// law), with dimensional analysis in front when unitsPath (the --units
// flag) names a units table: the search then runs on dimensionless groups
// and the front comes back over the original columns (see
// symreg.SearchWithUnits). When the table does not cover the data (a
// column or the target without units, inconsistent units), it says why
// on the log and searches the plain columns.
func searchMaybeUnits(ctx context.Context, g *Globals, unitsPath, target string, data *symreg.Data, opts symreg.Options, resume *symreg.Checkpoint, transforms, decomp bool) (*solve.Result, error) {
	p := solve.Problem{Data: data, Options: opts, Target: target, Resume: resume, NoTransforms: !transforms, Select: solve.SelectConfig{Seed: opts.Seed}}
	if decomp {
		p.Decompose = decompose.Solve
	}
	if unitsPath != "" {
		table, err := units.Load(unitsPath)
		if err != nil {
			return nil, err
		}
		p.Units = table
	}
	res, err := solve.Solve(ctx, p)
	if err != nil || g.Log == nil {
		return res, err
	}
	if info := res.Units; unitsPath != "" && info.Applied {
		g.Log.Info("units: searching y/P as a function of dimensionless groups", "P", info.Prefactor, "groups", info.Groups)
		for _, n := range info.Notes {
			g.Log.Warn("units: " + n)
		}
	} else if unitsPath != "" {
		g.Log.Warn("units: not used, plain search", "reason", info.Reason)
	}
	for _, t := range res.Transforms {
		g.Log.Info("transform: " + t)
	}
	if res.Decomposition != "" {
		g.Log.Info("decomposition: " + res.Decomposition)
	}
	return res, nil
}
