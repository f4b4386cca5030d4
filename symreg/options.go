package symreg

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/symreg/expr"
)

// Options configure a search. DefaultOptions gives PySR-like values; the
// zero value of a field means "use the default" only where noted.
type Options struct {
	// Operator set (binary and unary); constants and variables are implicit.
	Ops []expr.Op
	// Complexity: per-node costs such as "sin=3,exp=2,const=1" (empty:
	// every node costs 1). MaxSize and the front use this measure.
	ComplexityWeights string
	weights           *expr.Weights

	// Constraints.
	MaxSize  int                         // largest complexity kept (default 30)
	MaxDepth int                         // 0: unlimited
	ArgSize  map[expr.Op][2]int          // per-operator largest size of the left/right argument (-1: unlimited)
	Nested   map[expr.Op]map[expr.Op]int // Nested[outer][inner] = how many inner may occur below one outer

	// Evolution.
	Populations    int     // islands
	PopulationSize int     // members per island
	Cycles         int     // evolution steps per member per iteration (PySR ncycles_per_iteration / population size)
	TournamentSize int     // members drawn for a tournament
	TournamentP    float64 // probability the best of the tournament wins (else the next, ...)
	Crossover      float64 // probability a step is a crossover rather than a mutation
	Annealing      bool    // simulated annealing on acceptance
	Alpha          float64 // annealing temperature scale
	Parsimony      float64 // cost += Parsimony × complexity (loss is normalised by the baseline)
	Adaptive       float64 // adaptive parsimony: tournament cost × exp(Adaptive × frequency of the size)
	MigrateFrac    float64 // fraction of each island replaced by others' best after an iteration
	HofMigrateFrac float64 // fraction replaced by hall-of-fame members
	OptimizeProb   float64 // fraction of members whose constants are refitted after an iteration
	OptimizeIters  int     // Levenberg–Marquardt iterations per refit
	ChildOptimize  float64 // probability that a mutated child's constants are fitted before it competes
	ChildIters     int     // LM iterations for a child
	LinearScaling  bool    // fit y ≈ a·f(x)+b in closed form before scoring
	Weights        MutationWeights

	// Loss.
	Loss       LossKind
	HuberDelta float64
	Batch      int // 0: full data; otherwise rows per mini-batch
	// Score64 scores evolution in float64 too. By default members are
	// scored in float32 (the hall of fame, constant fitting and the final
	// front always use float64); data that float32 cannot hold (values
	// beyond ±1e15, or below 1e-15 in magnitude) is scored in float64
	// anyway.
	Score64 bool

	// Stopping: whichever comes first; at least one of Iterations, Time,
	// MaxEvals must be set or the context must be cancellable.
	Iterations int
	Time       time.Duration
	MaxEvals   int64
	StopLoss   float64 // stop when the best loss ≤ StopLoss (0: off)
	StopExact  bool    // stop when a formula fits to rounding (relative RMS error ≤ 1e-12)
	// StopPlateau, if positive, stops the search when the front has
	// flattened at the noise: its elbow (the simplest formula within a
	// relative StopPlateau of the best loss, with bigger formulas that
	// gain no more) has held as long as the search ran before it appeared
	// (see plateau.go). Not kept in checkpoints: a resumed search starts
	// its count again.
	StopPlateau float64

	// Snap moves each final front member's constants onto simple values
	// (1/2, 2π, …) where the data cannot tell them apart; see SnapOptions.
	Snap SnapOptions

	Threads int
	Seed    uint64

	// Checkpointing: every CheckpointEvery the search writes its state to
	// CheckpointPath (atomically); also at the end.
	CheckpointPath  string
	CheckpointEvery time.Duration

	// Guesses are warm-start trees placed into every island.
	Guesses []*expr.Node `json:"-"`
	// Progress, if set, is called after each iteration (from the search goroutine).
	Progress func(Progress) `json:"-"`
	// Peers, if set with more than one rank, makes this a distributed
	// search (see Peers): on rank 0 Search runs it with the other ranks,
	// which run Serve.
	Peers Peers `json:"-"`
}

// MutationWeights are the relative frequencies of the mutations.
type MutationWeights struct {
	Constant, Operator, Feature, Swap, Rotate, Add, Insert, Delete, Simplify, Randomize, Optimize, Nothing float64
}

// list is the weights in a fixed order.
func (w MutationWeights) list() []float64 {
	return []float64{w.Constant, w.Operator, w.Feature, w.Swap, w.Rotate, w.Add, w.Insert, w.Delete, w.Simplify, w.Randomize, w.Optimize, w.Nothing}
}

// DefaultOptions returns the defaults (close to PySR 1.x, scaled for a
// 60-second search on a couple of cores).
func DefaultOptions() Options {
	return Options{
		Ops:            []expr.Op{expr.OpAdd, expr.OpSub, expr.OpMul, expr.OpDiv, expr.OpSqrt, expr.OpExp, expr.OpLog, expr.OpSin, expr.OpCos},
		MaxSize:        30,
		Populations:    8,
		PopulationSize: 33,
		Cycles:         10,
		TournamentSize: 12,
		TournamentP:    0.95,
		Crossover:      0.05,
		Annealing:      false,
		Alpha:          3.17,
		Parsimony:      0.0,
		Adaptive:       1040,
		MigrateFrac:    0.02,
		HofMigrateFrac: 0.05,
		OptimizeProb:   0.14,
		OptimizeIters:  8,
		ChildOptimize:  1,
		ChildIters:     5,
		Weights: MutationWeights{
			Constant: 0.048, Operator: 0.47, Feature: 0.15, Swap: 0.11, Rotate: 0.3,
			Add: 0.79, Insert: 0.2, Delete: 0.5, Simplify: 0.01, Randomize: 0.0025,
			Optimize: 0.02, Nothing: 0.2,
		},
		Loss:       LossMSE,
		HuberDelta: 1,
		Threads:    1,
		Seed:       1,
	}
}

// validate checks the options and fills derived defaults.
func (o *Options) validate() error {
	err := cmp.Or(
		inputerr.Check(!slices.ContainsFunc(o.Ops, func(op expr.Op) bool { return op.Arity() > 0 }), "symreg.Options.Ops", "no operators"),
		inputerr.Check(o.MaxSize < 1, "symreg.Options.MaxSize", "must be ≥ 1, not %d", o.MaxSize),
		inputerr.Check(o.MaxDepth < 0, "symreg.Options.MaxDepth", "must be ≥ 0, not %d", o.MaxDepth),
		inputerr.Check(o.Populations < 1, "symreg.Options.Populations", "must be ≥ 1, not %d", o.Populations),
		inputerr.Check(o.PopulationSize < 4, "symreg.Options.PopulationSize", "must be ≥ 4, not %d", o.PopulationSize),
		inputerr.Check(o.Loss < 0 || int(o.Loss) >= len(lossNames), "symreg.Options.Loss", "unknown loss %d", o.Loss),
		inputerr.Check(o.Batch < 0, "symreg.Options.Batch", "must be ≥ 0, not %d", o.Batch),
		inputerr.Check(o.Iterations < 0, "symreg.Options.Iterations", "must not be negative, not %d", o.Iterations),
		inputerr.Check(o.Time < 0, "symreg.Options.Time", "must not be negative, not %v", o.Time),
		inputerr.Check(o.MaxEvals < 0, "symreg.Options.MaxEvals", "must not be negative, not %d", o.MaxEvals),
	)
	if err != nil {
		return err
	}
	if o.TournamentSize < 1 || o.TournamentSize > o.PopulationSize {
		o.TournamentSize = min(max(o.TournamentSize, 1), o.PopulationSize)
	}
	if o.Cycles < 1 {
		o.Cycles = 1
	}
	if o.Threads < 1 {
		o.Threads = 1
	}
	w, err := expr.ParseWeights(o.ComplexityWeights)
	if err != nil {
		return inputerr.Field("symreg.Options.ComplexityWeights", "%v", err)
	}
	o.weights = w
	return nil
}

// ParseOps reads an operator list such as "+,-,*,/,sin,exp". Aliases:
// "^" and "**" for pow, "sub"/"add"/"mul"/"div" for the infix ones.
func ParseOps(s string) ([]expr.Op, error) {
	var out []expr.Op
	seen := map[expr.Op]bool{}
	for _, name := range listItems(s) {
		op, ok := opAlias(name)
		if !ok {
			return nil, inputerr.Field("symreg.Options.Ops", "unknown operator %q (known: + - * / pow neg abs square cube sqrt exp log sin cos tan tanh)", name)
		}
		if !seen[op] {
			seen[op] = true
			out = append(out, op)
		}
	}
	if len(out) == 0 {
		return nil, inputerr.Field("symreg.Options.Ops", "no operators in %q", s)
	}
	return out, nil
}

// listItems are the comma-separated items of s, trimmed, empty ones left out.
func listItems(s string) []string {
	items := strings.Split(s, ",")
	for i := range items {
		items[i] = strings.TrimSpace(items[i])
	}
	return slices.DeleteFunc(items, func(item string) bool { return item == "" })
}

// namedOp resolves an operator name (aliases allowed, see opAlias) given
// in the setting field.
func namedOp(field, name string) (expr.Op, error) {
	op, ok := opAlias(strings.TrimSpace(name))
	if !ok {
		return 0, inputerr.Field(field, "unknown operator %q", name)
	}
	return op, nil
}

// opAlias is the operator of a name or of one of its aliases.
func opAlias(name string) (expr.Op, bool) {
	switch strings.ToLower(name) {
	case "add", "plus":
		return expr.OpAdd, true
	case "sub", "minus":
		return expr.OpSub, true
	case "mul", "mult", "times":
		return expr.OpMul, true
	case "div":
		return expr.OpDiv, true
	case "^", "**":
		return expr.OpPow, true
	}
	return expr.OpByName(strings.ToLower(name))
}

// ParseNested reads nested constraints "sin:sin=0,exp:exp=0;log=1": for the
// outer operator before the colon, how many times each inner operator may
// appear below it. Entries for one outer operator are separated by ";" or
// repeat the outer name.
func ParseNested(s string) (map[expr.Op]map[expr.Op]int, error) {
	const field = "symreg.Options.Nested"
	out := map[expr.Op]map[expr.Op]int{}
	for _, item := range listItems(s) {
		outerName, rest, ok := strings.Cut(item, ":")
		if !ok {
			return nil, inputerr.Field(field, "%q is not outer:inner=count", item)
		}
		outer, err := namedOp(field, outerName)
		if err != nil {
			return nil, err
		}
		for _, pair := range strings.Split(rest, ";") {
			innerName, cnt, ok := strings.Cut(pair, "=")
			if !ok {
				return nil, inputerr.Field(field, "%q is not inner=count", pair)
			}
			inner, err := namedOp(field, innerName)
			if err != nil {
				return nil, err
			}
			n, err := strconv.Atoi(strings.TrimSpace(cnt))
			if err != nil || n < 0 {
				return nil, inputerr.Field(field, "count %q is not a non-negative integer", cnt)
			}
			if out[outer] == nil {
				out[outer] = map[expr.Op]int{}
			}
			out[outer][inner] = n
		}
	}
	return out, nil
}

// ParseArgSize reads per-operator argument size limits "pow:-1:1,sin:9":
// the largest size of the left (and for binary operators the right)
// argument; -1 means unlimited.
func ParseArgSize(s string) (map[expr.Op][2]int, error) {
	out := map[expr.Op][2]int{}
	if strings.TrimSpace(s) == "" {
		return out, nil
	}
	for _, item := range strings.Split(s, ",") {
		parts := strings.Split(strings.TrimSpace(item), ":")
		if len(parts) < 2 || len(parts) > 3 {
			return nil, inputerr.Field("symreg.Options.ArgSize", "%q is not op:left[:right]", item)
		}
		op, err := namedOp("symreg.Options.ArgSize", parts[0])
		if err != nil {
			return nil, err
		}
		lim := [2]int{-1, -1}
		for i, p := range parts[1:] {
			n, err := strconv.Atoi(strings.TrimSpace(p))
			if err != nil || n < -1 {
				return nil, inputerr.Field("symreg.Options.ArgSize", "%q is not a size (-1 for unlimited)", p)
			}
			lim[i] = n
		}
		if op.Arity() == 1 && len(parts) == 3 {
			return nil, inputerr.Field("symreg.Options.ArgSize", "%s takes one argument", op.Name())
		}
		out[op] = lim
	}
	return out, nil
}

// opsString renders the operator list as ParseOps reads it.
func opsString(ops []expr.Op) string {
	names := make([]string, len(ops))
	for i, o := range ops {
		names[i] = o.Name()
	}
	return strings.Join(names, ",")
}

// DefaultPopulations is the island count for a thread count: enough islands
// per thread that migration has diversity to spread, at least 8.
func DefaultPopulations(threads int) int { return max(8, 4*threads) }

// Describe renders the settings that shape the result, for result files.
func (o *Options) Describe() map[string]string {
	f := func(v any) string { return fmt.Sprint(v) }
	return map[string]string{
		"ops": opsString(o.Ops), "complexity_weights": o.ComplexityWeights, "maxsize": f(o.MaxSize), "maxdepth": f(o.MaxDepth),
		"populations": f(o.Populations), "population_size": f(o.PopulationSize), "cycles": f(o.Cycles),
		"tournament_size": f(o.TournamentSize), "tournament_p": f(o.TournamentP), "crossover": f(o.Crossover),
		"annealing": f(o.Annealing), "alpha": f(o.Alpha), "parsimony": f(o.Parsimony), "adaptive_parsimony": f(o.Adaptive),
		"migrate_frac": f(o.MigrateFrac), "hof_migrate_frac": f(o.HofMigrateFrac), "optimize_prob": f(o.OptimizeProb),
		"optimize_iters": f(o.OptimizeIters), "child_optimize": f(o.ChildOptimize), "child_iters": f(o.ChildIters), "linear_scaling": f(o.LinearScaling), "loss": o.Loss.String(),
		"huber_delta": f(o.HuberDelta), "batch": f(o.Batch), "iterations": f(o.Iterations), "time": o.Time.String(),
		"max_evals": f(o.MaxEvals), "stop_loss": f(o.StopLoss), "stop_exact": f(o.StopExact), "stop_plateau": f(o.StopPlateau), "nested": nestedString(o.Nested), "argsize": argSizeString(o.ArgSize),
	}
}

// nestedString renders nested constraints as ParseNested reads them.
func nestedString(n map[expr.Op]map[expr.Op]int) string {
	var items []string
	for outer, inner := range n {
		var parts []string
		for op, c := range inner {
			parts = append(parts, fmt.Sprintf("%s=%d", op.Name(), c))
		}
		sort.Strings(parts)
		items = append(items, outer.Name()+":"+strings.Join(parts, ";"))
	}
	sort.Strings(items)
	return strings.Join(items, ",")
}

// argSizeString renders argument size limits as ParseArgSize reads them.
func argSizeString(a map[expr.Op][2]int) string {
	var items []string
	for op, l := range a {
		if op.Arity() == 1 {
			items = append(items, fmt.Sprintf("%s:%d", op.Name(), l[0]))
		} else {
			items = append(items, fmt.Sprintf("%s:%d:%d", op.Name(), l[0], l[1]))
		}
	}
	sort.Strings(items)
	return strings.Join(items, ",")
}
