package symreg

import (
	"fmt"
	"math"

	"github.com/ansatz/ansatz/internal/inputerr"
)

// maxCheckpointWork bounds the evolution steps per iteration a checkpoint
// may ask for (cycles × members × islands): ansatz writes what its flags
// allow, far below it; a larger value is a damaged file, not a search.
const maxCheckpointWork = 1 << 32

// check validates what a checkpoint file declares before anything is
// built from it: counts, settings in their ranges (a value the flags
// could not have set would crash the evolution), islands whose size
// matches the settings, finite numbers. Errors name the file and field.
func (c *Checkpoint) check() error {
	bad := func(field, format string, args ...any) error {
		return inputerr.At(c.File, 0, 0, "%s: %s", field, fmt.Sprintf(format, args...))
	}
	s := &c.Settings
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	frac := func(v float64) bool { return v >= 0 && v <= 1 }
	nonneg := func(v float64) bool { return finite(v) && v >= 0 }
	for _, f := range []struct {
		name string
		ok   bool
	}{
		{"iteration", c.Iteration >= 0},
		{"evals", c.Evals >= 0},
		{"elapsed_seconds", nonneg(c.Elapsed)},
		{"settings.TournamentP", frac(s.TournamentP)},
		{"settings.Crossover", frac(s.Crossover)},
		{"settings.MigrateFrac", frac(s.MigrateFrac)},
		{"settings.HofMigrateFrac", frac(s.HofMigrateFrac)},
		{"settings.OptimizeProb", frac(s.OptimizeProb)},
		{"settings.ChildOptimize", frac(s.ChildOptimize)},
		{"settings.Alpha", nonneg(s.Alpha)},
		{"settings.Parsimony", nonneg(s.Parsimony)},
		{"settings.Adaptive", nonneg(s.Adaptive)},
		{"settings.HuberDelta", nonneg(s.HuberDelta)},
		{"settings.OptimizeIters", s.OptimizeIters >= 0 && s.OptimizeIters <= 1e6},
		{"settings.ChildIters", s.ChildIters >= 0 && s.ChildIters <= 1e6},
		{"settings.Cycles", s.Cycles >= 0 && s.Cycles <= maxCheckpointWork},
		{"settings.Snap.Noise", nonneg(s.Snap.Noise)},
		{"settings.Snap.ExactTol", nonneg(s.Snap.ExactTol)},
	} {
		if !f.ok {
			return bad(f.name, "out of range")
		}
	}
	sum := 0.0
	for _, v := range s.Weights.list() {
		if !nonneg(v) {
			return bad("settings.Weights", "a mutation weight is negative or not finite")
		}
		sum += v
	}
	if !(sum > 0) || math.IsInf(sum, 0) {
		return bad("settings.Weights", "the mutation weights must have a positive, finite sum")
	}
	for _, v := range c.Freq {
		if !nonneg(v) {
			return bad("size_frequencies", "a count is negative or not finite")
		}
	}
	if len(c.Islands) == 0 {
		return bad("islands", "none")
	}
	for i, is := range c.Islands {
		if len(is.Members) != s.PopulationSize {
			return bad(fmt.Sprintf("islands[%d].members", i), "%d members, settings.PopulationSize is %d", len(is.Members), s.PopulationSize)
		}
	}
	if float64(max(s.Cycles, 1))*float64(s.PopulationSize)*float64(len(c.Islands)) > maxCheckpointWork {
		return bad("settings.Cycles", "%d steps per member is more than any search asks for", s.Cycles)
	}
	return nil
}
