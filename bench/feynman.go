package bench

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/ansatz/ansatz/internal/feynman"
	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/symreg"
	"github.com/ansatz/ansatz/symreg/expr"
	"github.com/ansatz/ansatz/symreg/units"
)

// FeynmanConfig configures the Feynman recovery benchmark.
type FeynmanConfig struct {
	Table   string
	Only    []string // equation names; empty: all
	Time    time.Duration
	Rows    int
	Noise   float64 // Gaussian noise, as a fraction of the target's standard deviation
	Threads int
	Seed    uint64
	Options symreg.Options // search options (stopping and seed are set per equation)
	Log     io.Writer      // one line per equation as it finishes (nil: silent)
	Units   *units.Table   // dimensional analysis before each search (nil: off); see feynman_units.go
}

// FeynmanResult is the outcome for one equation.
type FeynmanResult struct {
	Eq         feynman.Equation
	Solved     bool
	RelErr     float64 // ‖f − truth‖₂ / ‖truth‖₂ on fresh points
	Seconds    float64
	Complexity int
	Formula    string
	Err        error // the search or the truth failed (counted unsolved)
}

// RecoveryTol is the recovery criterion: the chosen formula f counts as
// the truth g when ‖f − g‖₂ / ‖g‖₂ ≤ RecoveryTol over JudgePoints fresh
// points drawn uniformly from the equation's ranges (relative RMS error,
// which, unlike a per-point maximum, is not dominated by points where g
// crosses zero). A formula that simplifies to the same tree as the truth
// also counts (exact symbolic equivalence), whatever the numbers say.
const (
	RecoveryTol = 1e-6
	JudgePoints = 10000
)

// RunFeynman runs the benchmark; in JSON mode it writes three lines per
// equation as it finishes (metrics solved, seconds, complexity; Extra
// "formula"), otherwise PrintFeynman prints the results as a table.
func RunFeynman(ctx context.Context, cfg FeynmanConfig, w *Writer) ([]FeynmanResult, error) {
	eqs, err := feynman.Read(cfg.Table)
	if err != nil {
		return nil, err
	}
	if len(cfg.Only) > 0 {
		byName := map[string]feynman.Equation{}
		for _, e := range eqs {
			byName[e.Name] = e
		}
		var sel []feynman.Equation
		for _, n := range cfg.Only {
			e, ok := byName[strings.TrimSpace(n)]
			if !ok {
				return nil, inputerr.New("--only: no equation %q in %s", n, cfg.Table)
			}
			sel = append(sel, e)
		}
		eqs = sel
	}
	if cfg.Rows < 10 {
		return nil, inputerr.New("--rows must be ≥ 10, not %d", cfg.Rows)
	}
	var out []FeynmanResult
	for i, eq := range eqs {
		if ctx.Err() != nil {
			break
		}
		r := runFeynmanEq(ctx, cfg, eq, cfg.Seed+uint64(i)*1000003)
		out = append(out, r)
		solved := 0.0
		if r.Solved {
			solved = 1
		}
		extra := map[string]any{"formula": r.Formula, "rel_err": r.RelErr}
		if r.Err != nil {
			extra["error"] = r.Err.Error()
		}
		for _, m := range []struct {
			metric string
			v      float64
		}{{"solved", solved}, {"seconds", r.Seconds}, {"complexity", float64(r.Complexity)}} {
			if !w.JSON() {
				break
			}
			if err := w.Write(Line{Bench: "feynman", Case: eq.Name, Impl: "search", Metric: m.metric, Value: m.v, Extra: extra}); err != nil {
				return out, err
			}
		}
		if cfg.Log != nil {
			mark := "no "
			if r.Solved {
				mark = "YES"
			}
			fmt.Fprintf(cfg.Log, "%-10s %s %6.1fs  c=%-3d relerr=%-9.2g %s\n", eq.Name, mark, r.Seconds, r.Complexity, r.RelErr, r.Formula)
		}
	}
	return out, nil
}

// PrintFeynman prints one line per equation and the count solved.
func PrintFeynman(out io.Writer, res []FeynmanResult) {
	solved := 0
	fmt.Fprintf(out, "%-10s %-6s %8s %4s %10s  %s\n", "equation", "solved", "seconds", "cx", "rel.err", "formula")
	for _, r := range res {
		mark := "no"
		if r.Solved {
			mark = "yes"
			solved++
		}
		f := r.Formula
		if r.Err != nil {
			f = "error: " + r.Err.Error()
		}
		fmt.Fprintf(out, "%-10s %-6s %8.1f %4d %10.2g  %s\n", r.Eq.Name, mark, r.Seconds, r.Complexity, r.RelErr, f)
	}
	fmt.Fprintf(out, "solved %d of %d\n", solved, len(res))
}

// truthOf parses the equation's formula over its variable names.
func truthOf(eq feynman.Equation) (*expr.Node, []string, error) {
	names := eq.Names()
	t, err := expr.Parse(eq.Formula, names)
	if err != nil {
		return nil, nil, inputerr.New("%s (line %d): formula %q: %v", eq.Name, eq.Line, eq.Formula, err)
	}
	return t, names, nil
}

// sampleEq draws n points uniformly from the ranges and computes the truth.
func sampleEq(eq feynman.Equation, truth *expr.Node, n int, rng *rand.Rand) ([][]float64, []float64) {
	cols := make([][]float64, len(eq.Vars))
	for k, v := range eq.Vars {
		cols[k] = make([]float64, n)
		for i := range cols[k] {
			cols[k][i] = v.Lo + (v.Hi-v.Lo)*rng.Float64()
		}
	}
	y := make([]float64, n)
	var ev expr.Evaluator
	ev.Eval64(expr.Compile(truth), cols, y)
	return cols, y
}

func runFeynmanEq(ctx context.Context, cfg FeynmanConfig, eq feynman.Equation, seed uint64) FeynmanResult {
	r := FeynmanResult{Eq: eq, RelErr: math.Inf(1)}
	truth, names, err := truthOf(eq)
	if err != nil {
		r.Err = err
		return r
	}
	rng := rand.New(rand.NewPCG(seed, 0xfe1))
	x, y := sampleEq(eq, truth, cfg.Rows, rng)
	for i, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			r.Err = fmt.Errorf("%s: truth is not finite at sample %d", eq.Name, i)
			return r
		}
	}
	if cfg.Noise > 0 {
		sd := stddev(y)
		for i := range y {
			y[i] += cfg.Noise * sd * rng.NormFloat64()
		}
	}
	o := cfg.Options
	o.Time, o.Threads, o.Seed, o.StopExact = cfg.Time, cfg.Threads, seed, true
	start := time.Now()
	res, _, err := symreg.SearchWithUnits(ctx, &symreg.Data{X: x, Y: y, Names: names}, o, nil, cfg.Units, eq.Output)
	r.Seconds = time.Since(start).Seconds()
	if err != nil {
		r.Err = err
		return r
	}
	c := symreg.Choose(res.Front, symreg.SelectBest)
	best := res.Front[c]
	r.Complexity, r.Formula = best.Complexity, expr.Format(best.Tree, names)
	jx, jy := sampleEq(eq, truth, JudgePoints, rand.New(rand.NewPCG(seed, 0x70d6e)))
	r.RelErr = relErr(best.Tree, jx, jy)
	r.Solved = r.RelErr <= RecoveryTol || expr.Equal(expr.Simplify(best.Tree), expr.Simplify(truth))
	return r
}

// relErr is ‖f(x) − y‖₂ / ‖y‖₂ (NaN predictions count as +Inf).
func relErr(f *expr.Node, x [][]float64, y []float64) float64 {
	pred := make([]float64, len(y))
	var ev expr.Evaluator
	ev.Eval64(expr.Compile(f), x, pred)
	var num, den float64
	for i, v := range y {
		d := pred[i] - v
		if math.IsNaN(d) || math.IsInf(d, 0) {
			return math.Inf(1)
		}
		num += d * d
		den += v * v
	}
	if den == 0 {
		return math.Sqrt(num)
	}
	return math.Sqrt(num / den)
}

func stddev(y []float64) float64 {
	var m float64
	for _, v := range y {
		m += v
	}
	m /= float64(len(y))
	var s float64
	for _, v := range y {
		s += (v - m) * (v - m)
	}
	return math.Sqrt(s / float64(len(y)))
}
