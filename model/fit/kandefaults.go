package fit

import (
	"fmt"

	"github.com/ansatz/ansatz/model"
)

// The KAN settings decided when a TrainConfig leaves them at zero.
const (
	kanOrder = 3 // spline order k (pykan's)
)

// decide fills the settings cfg leaves to the data (zero values) and
// returns what it decided, one "name value (why)" phrase each, for the
// command line to print. nTrain is the number of training rows.
func decide(cfg *model.TrainConfig, nTrain int) []string {
	var out []string
	say := func(format string, a ...any) { out = append(out, fmt.Sprintf(format, a...)) }
	if cfg.Standardize == "" || cfg.Standardize == "auto" {
		if cfg.Model == "kan" {
			cfg.Standardize = "range"
			say("inputs scaled to [-1,1] by their training range (the KAN grids' initial range); target standardised")
		} else {
			cfg.Standardize = "yes"
		}
	}
	if cfg.Model != "kan" {
		return out
	}
	if cfg.K == 0 {
		cfg.K = kanOrder
		say("spline order k=%d", cfg.K)
	}
	switch {
	case cfg.Grid == 0 && len(cfg.GridSchedule) > 0:
		cfg.Grid = cfg.GridSchedule[0]
	case cfg.Grid == 0:
		cfg.GridSchedule = autoSchedule(nTrain, cfg.K)
		cfg.Grid = cfg.GridSchedule[0]
		say("grid schedule %v (grid extension while validation improves; finest keeps ≥ %d rows per spline coefficient)",
			cfg.GridSchedule, rowsPerCoef)
	}
	if cfg.Restarts == 0 {
		cfg.Restarts = 1
		if nTrain <= restartRows {
			cfg.Restarts = kanRestarts
			say("%d initialisations, the best on validation kept (%d training rows ≤ %d: each fit is cheap, and fits differ by up to 10× in held-out error)",
				cfg.Restarts, nTrain, restartRows)
		}
	}
	if cfg.Steps == 0 {
		cfg.Steps = kanSteps
		if nTrain <= restartRows {
			cfg.Steps = kanStepsFew
		}
		say("%d L-BFGS steps per grid size (%d on ≤ %d training rows, else %d)", cfg.Steps, kanStepsFew, restartRows, kanSteps)
	}
	if !cfg.Float64 && !cfg.Float32 && nTrain <= float64Rows {
		cfg.Float64 = true
		say("float64 (%d training rows ≤ %d: the fit is cheap, and snapping to a law needs errors below float32's resolution)", nTrain, float64Rows)
	}
	if cfg.Lamb == 0 {
		say("λ=0 (no sparsity penalty: best accuracy; snap prunes and fixes edges itself)")
	}
	return out
}

// kanRestarts is the number of initialisations trained when the data are
// few enough (restartRows) for that to be cheap.
const (
	kanRestarts = 3
	restartRows = 5000
)

// kanSteps are the training steps per grid size when none are given;
// kanStepsFew on tables of at most restartRows training rows, where a
// step is cheap: pykan's 50–200 steps are 20 L-BFGS iterations each, and
// on its toy functions held-out errors still fall 2–5× between 300 and
// 1000 of ours.
const (
	kanSteps    = 300
	kanStepsFew = 1000
)

// float64Rows is the most training rows for which a KAN trains in
// float64 unless told otherwise.
const float64Rows = 20000

// rowsPerCoef is the fewest training rows per spline coefficient of an
// edge that the automatic grid schedule allows at its finest grid.
const rowsPerCoef = 6

// autoSchedule is the grid schedule chosen from the data: pykan's
// extension by doubling from G=5 (its toy examples' start), up to the
// finest grid whose G+k coefficients per edge each still have
// rowsPerCoef training rows.
func autoSchedule(nTrain, k int) []int {
	s := []int{5}
	for g := 10; g+k <= nTrain/rowsPerCoef; g *= 2 {
		s = append(s, g)
	}
	return s
}

// scaling maps a resolved Standardize value to model's input scaling.
func scaling(s string) model.Scaling {
	switch s {
	case "no":
		return model.ScaleNone
	case "range":
		return model.ScaleRange
	}
	return model.ScaleStd
}
