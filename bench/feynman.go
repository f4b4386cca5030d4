package bench

import (
	"context"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/ansatz/ansatz/decompose"
	"github.com/ansatz/ansatz/internal/feynman"
	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/internal/lawjudge"
	"github.com/ansatz/ansatz/symreg"
	"github.com/ansatz/ansatz/symreg/expr"
	"github.com/ansatz/ansatz/symreg/solve"
	"github.com/ansatz/ansatz/symreg/units"
)

// FeynmanConfig configures the Feynman recovery benchmark.
type FeynmanConfig struct {
	Table string
	Only  []string // equation names; empty: all
	// Time is the search time per equation. A time-limited search goes as
	// far as the machine gets in that time, so its result depends on the
	// machine's speed and load; Options.Iterations gives a run that is the
	// same everywhere.
	Time time.Duration
	Rows int
	// Noise adds Gaussian noise of Noise·std(y) to the training target
	// (never to the judge's points); the judge then allows a relative
	// error of lawjudge.NoiseFactor·Noise.
	Noise   float64
	Threads int
	Seed    uint64
	Options symreg.Options // search options (stopping and seed are set per equation)
	Log     io.Writer      // one line per equation as it finishes (nil: silent)
	Digits  int            // significant digits of constants in the printed formulas (0: all; JSON keeps full precision)
	Units   *units.Table   // dimensional analysis before each search (nil: off); see feynman_units.go
	// Decompose tries separability and symmetries when the first search
	// finds no exact fit (package decompose).
	Decompose bool
}

// FeynmanResult is the outcome for one equation.
type FeynmanResult struct {
	Eq         feynman.Equation
	Judged     lawjudge.Report // the verdict (law, fit or none) and its evidence
	Seconds    float64
	Complexity int
	Formula    string // the chosen formula, full precision (expr.Format: reads back exactly)
	// Readable is the chosen formula as people read it (expr.Readable:
	// canonical form over the sampled ranges, simple constants spelled
	// out), constants in full precision; Digits rounds them for tables.
	Readable string
	// Nodes and TextbookNodes are the syntax-tree sizes (names, numbers,
	// operators, calls) of Readable and of the table's formula.
	Nodes, TextbookNodes int
	// Rule is the selection rule that chose the formula (solve.Choice)
	// and Why its reason in words ("" for rejudged records).
	Rule, Why string
	// Decomposition is what the decomposition decided ("" if not run).
	Decomposition string
	Err           error // the search or the truth failed (verdict none)
	tree          *expr.Node
	canon         expr.CanonOptions
}

// Law reports whether the judge found the chosen formula to be the law.
func (r FeynmanResult) Law() bool { return r.Err == nil && r.Judged.Verdict == lawjudge.Law }

// EquationSeed is the seed of one equation's sampling and search: a hash
// of its name mixed with the run's seed, so that `--only NAME` reruns
// exactly what a full run ran for NAME (with an iteration limit; a time
// limit depends on the machine).
func EquationSeed(seed uint64, name string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(name))
	return h.Sum64() ^ (seed * 0x9e3779b97f4a7c15)
}

// RunFeynman runs the benchmark; in JSON mode it writes the equation's
// lines (see WriteFeynmanLines) as each finishes, otherwise PrintFeynman
// prints the results as a table.
func RunFeynman(ctx context.Context, cfg FeynmanConfig, w *Writer) ([]FeynmanResult, error) {
	eqs, err := selectEquations(cfg.Table, cfg.Only)
	if err != nil {
		return nil, err
	}
	if cfg.Rows < 10 {
		return nil, inputerr.New("--rows must be ≥ 10, not %d", cfg.Rows)
	}
	var out []FeynmanResult
	for _, eq := range eqs {
		if ctx.Err() != nil {
			break
		}
		r := runFeynmanEq(ctx, cfg, eq, EquationSeed(cfg.Seed, eq.Name))
		out = append(out, r)
		if err := WriteFeynmanLines(w, r); err != nil {
			return out, err
		}
		logFeynman(cfg.Log, r, cfg.Digits)
	}
	return out, nil
}

// selectEquations reads the table and keeps the equations named in only
// (all when empty), in the order given.
func selectEquations(table string, only []string) ([]feynman.Equation, error) {
	eqs, err := feynman.Read(table)
	if err != nil || len(only) == 0 {
		return eqs, err
	}
	byName := map[string]feynman.Equation{}
	for _, e := range eqs {
		byName[e.Name] = e
	}
	var sel []feynman.Equation
	for _, n := range only {
		e, ok := byName[strings.TrimSpace(n)]
		if !ok {
			return nil, inputerr.New("--only: no equation %q in %s", n, table)
		}
		sel = append(sel, e)
	}
	return sel, nil
}

// JudgeRule says in one line how results are judged at the given noise.
func JudgeRule(noise float64) string {
	c := lawjudge.Config{Noise: noise}
	return fmt.Sprintf("law: simplifies to the truth, or relative RMS error ≤ %g on %d fresh points in range and on %d from ranges widened ×0.5…×2 "+
		"(by half the width for ranges not positive); fit: in range only", c.Tolerance(), lawjudge.DefaultPoints, lawjudge.DefaultPoints)
}

// WriteFeynmanLines writes, in JSON mode, three lines for the equation:
// metrics law (1 or 0), seconds and complexity, each carrying the verdict,
// the formula and the judge's relative errors.
func WriteFeynmanLines(w *Writer, r FeynmanResult) error {
	if !w.JSON() {
		return nil
	}
	law := 0.0
	if r.Law() {
		law = 1
	}
	extra := map[string]any{"verdict": r.Judged.Verdict.String(), "formula": r.Formula, "readable": r.Readable,
		"nodes": r.Nodes, "textbook_nodes": r.TextbookNodes, "rel_err": r.Judged.InRange, "rel_err_widened": r.Judged.Widened}
	if r.Rule != "" {
		extra["rule"], extra["why"] = r.Rule, r.Why
	}
	if r.Err != nil {
		extra["error"] = r.Err.Error()
	}
	for _, m := range []struct {
		metric string
		v      float64
	}{{"law", law}, {"seconds", r.Seconds}, {"complexity", float64(r.Complexity)}} {
		if err := w.Write(Line{Bench: "feynman", Case: r.Eq.Name, Impl: "search", Metric: m.metric, Value: m.v, Extra: extra}); err != nil {
			return err
		}
	}
	return nil
}

// logFeynman writes the equation's progress line.
func logFeynman(log io.Writer, r FeynmanResult, digits int) {
	if log == nil {
		return
	}
	fmt.Fprintf(log, "%-10s %-4s %6.1fs  c=%-3d err=%-9.2g wide=%-9.2g %-5s %s\n", r.Eq.Name, r.Judged.Verdict,
		r.Seconds, r.Complexity, r.Judged.InRange, r.Judged.Widened, r.Rule, r.display(digits))
	if r.Decomposition != "" {
		fmt.Fprintf(log, "%-10s decomposition: %s\n", "", r.Decomposition)
	}
}

// display is the formula for tables: readable, constants rounded to
// digits significant digits.
func (r FeynmanResult) display(digits int) string {
	switch {
	case r.Err != nil:
		return "error: " + r.Err.Error()
	case r.tree != nil:
		return expr.Readable(r.tree, r.Eq.Names(), digits, r.canon)
	}
	return r.Formula
}

// PrintFeynman prints one line per equation, the count of laws, the fits
// (formulas that hold inside the sampled ranges only) by name, and how
// the laws read against the textbook (see Readability). Constants are
// rounded to digits significant digits (0: all).
func PrintFeynman(out io.Writer, res []FeynmanResult, digits int) {
	laws := 0
	var fits []string
	fmt.Fprintf(out, "%-10s %-7s %8s %4s %10s %10s %9s  %s\n", "equation", "verdict", "seconds", "cx", "rel.err", "widened", "size/book", "formula")
	for _, r := range res {
		switch {
		case r.Law():
			laws++
		case r.Err == nil && r.Judged.Verdict == lawjudge.Fit:
			fits = append(fits, r.Eq.Name)
		}
		size := "-"
		if r.TextbookNodes > 0 && r.Nodes > 0 {
			size = fmt.Sprintf("%d/%d", r.Nodes, r.TextbookNodes)
		}
		fmt.Fprintf(out, "%-10s %-7s %8.1f %4d %10.2g %10.2g %9s  %s\n", r.Eq.Name, r.Judged.Verdict, r.Seconds, r.Complexity,
			r.Judged.InRange, r.Judged.Widened, size, r.display(digits))
	}
	fmt.Fprintf(out, "laws %d of %d\n", laws, len(res))
	if len(fits) > 0 {
		fmt.Fprintf(out, "fits (hold inside the sampled ranges only) %d: %s\n", len(fits), strings.Join(fits, ", "))
	}
	if rd := Readability(res); rd.Laws > 0 {
		fmt.Fprintf(out, "readability (printed law / textbook formula, syntax-tree nodes) over %d laws: median %.2f, worst %.2f (%s); above %.1f: %d%s\n",
			rd.Laws, rd.Median, rd.Worst, rd.WorstName, ReadableRatio, len(rd.Over), listSuffix(rd.Over))
	}
}

// listSuffix is " (a, b)" for a non-empty list.
func listSuffix(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return " (" + strings.Join(names, ", ") + ")"
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
	r := FeynmanResult{Eq: eq, Judged: unjudged}
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
	if cfg.Noise > 0 {
		// Measured data: stop each search once its front has flattened at
		// the noise (an exact fit cannot end it).
		o.StopPlateau = solve.PlateauBand(cfg.Rows)
	}
	start := time.Now()
	data := &symreg.Data{X: x, Y: y, Names: names}
	p := solve.Problem{Data: data, Options: o, Units: cfg.Units, Target: eq.Output, Select: solve.SelectConfig{Seed: seed}}
	if cfg.Decompose {
		p.Decompose = decompose.Solve
	}
	res, err := solve.Solve(ctx, p)
	r.Seconds = time.Since(start).Seconds()
	if err != nil {
		r.Err = err
		return r
	}
	r.Decomposition = res.Decomposition
	best := res.Front[res.Choice.Index]
	r.Rule, r.Why = res.Choice.Rule, res.Choice.Why
	r.Complexity = best.Complexity
	r.setFormula(best.Tree, truth, expr.CanonOptions{Bounds: expr.BoundsOf(x), Tiny: cfg.Noise})
	r.Judged = judgeEq(eq, best.Tree, truth, cfg.Noise, seed)
	return r
}

// setFormula records the chosen tree f and its printings and sizes; canon
// is how the readable form may be simplified (the sampled ranges'
// bounds, and with noise the tiny-argument rule up to the noise level).
func (r *FeynmanResult) setFormula(f, truth *expr.Node, canon expr.CanonOptions) {
	names := r.Eq.Names()
	r.tree, r.canon = f, canon
	r.Formula = expr.Format(f, names)
	r.Readable = expr.Readable(f, names, 0, canon)
	r.Nodes, r.TextbookNodes = printedSize(r.Readable, names), truth.Size()
}

// printedSize is the syntax-tree size of a printed formula (0 if it does
// not parse).
func printedSize(src string, names []string) int {
	t, err := expr.Parse(src, names)
	if err != nil {
		return 0
	}
	return t.Size()
}

// unjudged is the report of a formula that could not be judged.
var unjudged = lawjudge.Report{InRange: math.Inf(1), Widened: math.Inf(1)}

// judgeEq runs the law judge on a formula for eq over its ranges, with
// points of its own (seeded from the equation's seed, not the training
// sample).
func judgeEq(eq feynman.Equation, f, truth *expr.Node, noise float64, seed uint64) lawjudge.Report {
	ranges := make([]lawjudge.Range, len(eq.Vars))
	for k, v := range eq.Vars {
		ranges[k] = lawjudge.Range{Lo: v.Lo, Hi: v.Hi}
	}
	return lawjudge.Judge(f, truth, ranges, lawjudge.Config{Noise: noise, Seed: seed ^ 0x70d6e})
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
