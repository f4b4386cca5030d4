package main

import (
	"context"

	"github.com/ansatz/ansatz/symreg"
	"github.com/ansatz/ansatz/symreg/units"
)

// searchMaybeUnits runs the search, with dimensional analysis in front when
// unitsPath (the --units flag) names a units table: the search then runs on
// dimensionless groups and the front comes back over the original columns
// (see symreg.SearchWithUnits). When the table does not cover the data
// (a column or the target without units, inconsistent units), it says why
// on the log and searches the plain columns.
func searchMaybeUnits(ctx context.Context, g *Globals, unitsPath, target string, data *symreg.Data, opts symreg.Options, resume *symreg.Checkpoint) (*symreg.Result, error) {
	if unitsPath == "" {
		return symreg.Search(ctx, data, opts, resume)
	}
	table, err := units.Load(unitsPath)
	if err != nil {
		return nil, err
	}
	res, info, err := symreg.SearchWithUnits(ctx, data, opts, resume, table, target)
	if g.Log != nil {
		if info.Applied {
			g.Log.Info("units: searching y/P as a function of dimensionless groups", "P", info.Prefactor, "groups", info.Groups)
			for _, n := range info.Notes {
				g.Log.Warn("units: " + n)
			}
		} else {
			g.Log.Warn("units: not used, plain search", "reason", info.Reason)
		}
	}
	return res, err
}
