package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/ansatz/ansatz/internal/atomicfile"
	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/internal/panics"
	"github.com/ansatz/ansatz/symreg"
	"github.com/ansatz/ansatz/symreg/expr"
	"github.com/ansatz/ansatz/table"
)

// SearchCmd is `ansatz search`: evolve formulas for the target column and
// print the Pareto front of complexity against loss.
type SearchCmd struct {
	Data string `arg:"" help:"Table to search on (CSV, TSV, .gz, NPY)."`
	table.Flags
	Weights string `help:"Column of row weights (excluded from the features)." placeholder:"NAME"`

	Ops        string `help:"Operators to use, comma separated: + - * / pow neg abs square cube sqrt exp log sin cos tan tanh asin acos atan." default:"+,-,*,/,sqrt,exp,log,sin,cos"`
	Maxsize    int    `help:"Largest complexity of a formula." default:"30"`
	Complexity string `help:"Complexity cost per node kind, e.g. \"sin=3,exp=2,const=1\" (default: every node costs 1)." placeholder:"SPEC"`
	Maxdepth   int    `help:"Largest depth of a formula (0: unlimited)." default:"0"`
	Nested     string `help:"Nesting limits, e.g. \"sin:sin=0;cos=0,exp:exp=0\" (outer:inner=count)." placeholder:"SPEC"`
	Argsize    string `help:"Argument size limits, e.g. \"pow:-1:1,sin:9\" (op:left[:right], -1 unlimited)." placeholder:"SPEC"`

	Populations    int     `help:"Islands (0: 4 per thread, at least 8)." default:"0"`
	PopulationSize int     `name:"population-size" help:"Members per island." default:"33"`
	Parsimony      float64 `help:"Extra cost per unit of complexity (loss is normalised by the baseline loss)." default:"0"`
	Loss           string  `help:"Loss: mse, l1, huber, logcosh." default:"mse" enum:"mse,l1,huber,logcosh"`
	HuberDelta     float64 `name:"huber-delta" help:"Huber loss threshold." default:"1"`
	Batch          int     `help:"Rows per mini-batch during evolution (0: all rows, -1: 250 when the table has more than 1000 rows); the hall of fame is always scored on all rows." default:"-1"`
	LinearScaling  bool    `name:"linear-scaling" help:"Score a·f(x)+b with a, b fitted in closed form."`
	Score64        bool    `name:"score64" help:"Score evolution in float64 (default float32; constant fitting, the hall of fame and the front are always float64)."`
	Tournament     int     `help:"Tournament size (members drawn per selection; 0: default)." default:"0"`
	Cycles         int     `help:"Evolution steps per member of an island per iteration (0: default)." default:"0"`
	OptimizeProb   float64 `name:"optimize-prob" help:"Fraction of members whose constants are refitted (LM) each iteration (-1: default)." default:"-1"`
	Adaptive       float64 `name:"adaptive-parsimony" help:"Strength of the penalty on crowded complexities (-1: default, 0: off)." default:"-1"`
	Crossover      float64 `help:"Probability that a step is a crossover (-1: default)." default:"-1"`
	Annealing      bool    `help:"Simulated annealing: a worse child survives with probability exp(−Δcost/T·α) (default: every child survives, as in PySR)."`

	Iterations int           `help:"Stop after this many iterations (total, counting a resumed run's)." default:"0"`
	Time       time.Duration `help:"Stop after this much search time (total, counting a resumed run's; default 60s when no other limit is given)." default:"0s"`
	MaxEvals   int64         `name:"max-evals" help:"Stop after this many formula evaluations." default:"0"`
	StopLoss   float64       `name:"stop-loss" help:"Stop when the best loss is at most this." default:"0"`
	StopExact  bool          `name:"stop-exact" help:"Stop when a formula fits to rounding (relative RMS error ≤ 1e-12)."`

	Select          string        `help:"How the chosen formula is picked from the front: law (the simplest exact fit, else by cross-validation, within noise, holding at the data's edges, no interpolants; the output says why), best, accuracy, score." default:"law" enum:"law,best,accuracy,score"`
	Transforms      bool          `help:"When no formula fits exactly, also search 1/y, y², 1/y², √y, log y, sin y, cos y, tan y and invert (not with --checkpoint or --resume)." default:"true" negatable:""`
	Decompose       bool          `help:"When no formula fits exactly, fit a network to the table and split the problem where it is separable (f = g+h, f = g·h) or depends on x_i−x_j, x_i+x_j, x_i·x_j, x_i/x_j only; search the parts and recombine (AI Feynman; not with --checkpoint or --resume)." default:"true" negatable:""`
	Guess           []string      `help:"Warm-start formula (repeatable)." sep:"none"`
	Checkpoint      string        `help:"Write the search state to this file periodically and at the end." placeholder:"FILE"`
	CheckpointEvery time.Duration `name:"checkpoint-every" help:"Checkpoint interval." default:"30s"`
	Resume          string        `help:"Continue the search saved in this checkpoint." placeholder:"FILE"`
	Out             string        `help:"Directory for hall_of_fame.csv and result.json." placeholder:"DIR"`
	JSON            bool          `name:"json" help:"Print the result as JSON instead of a table."`
	Digits          int           `help:"Significant digits of constants in the printed table (0: all); JSON and --out files keep full precision." default:"6"`
	Units           string        `help:"Units table (Variable,Units,m,s,kg,...; the AI Feynman layout): search on dimensionless groups, print formulas over the original columns." placeholder:"FILE"`
}

// Run loads the table, searches (Ctrl-C / SIGTERM end the search early
// and everything is still written), prints the front and writes --out.
func (c *SearchCmd) Run(g *Globals) error {
	data, err := c.load()
	if err != nil {
		return err
	}
	opts, err := c.options(g, data)
	if err != nil {
		return err
	}
	var resume *symreg.Checkpoint
	if c.Resume != "" {
		if resume, err = symreg.LoadCheckpoint(c.Resume); err != nil {
			return fromFlag("--resume", err)
		}
	}
	ctx, release := onInterrupt(g.Log) // the first signal stops gracefully; a second one quits
	defer release()
	prog := newSearchProgress(g, data.Names)
	opts.Progress = prog.update
	if stepHook != nil {
		opts.Progress = func(p symreg.Progress) { prog.update(p); stepHook(p.Iteration) }
	}
	opts.Peers = g.peers()
	started := time.Now()
	res, err := searchMaybeUnits(ctx, g, c.Units, c.Target, data, opts, resume, c.Transforms && opts.Peers == nil, c.Decompose && opts.Peers == nil)
	prog.done()
	// A worker that panicked ends the search: the hall of fame it had is
	// still printed and written, then run reports the panic (exit 1).
	_, crashed := panics.As(err)
	if err != nil && (!crashed || res == nil || len(res.Front) == 0) {
		return err
	}
	rep := buildSearchReport(data, &res.Result, c.Select, opts, g)
	if c.Select == selectLaw {
		rep.Chosen, rep.Rule, rep.Why = res.Choice.Index, res.Choice.Rule, res.Choice.Why
		for i := range rep.Front {
			rep.Front[i].Chosen = i == rep.Chosen
		}
	}
	rep.Transforms, rep.Decomposition = res.Transforms, res.Decomposition
	rep.Command = "search"
	rep.Data = c.Data
	rep.Target = c.Target
	rep.WallSeconds = time.Since(started).Seconds()
	if c.Out != "" {
		if err := rep.write(c.Out); err != nil {
			return err
		}
	}
	if c.JSON {
		if err := printJSON(g.Stdout, rep); err != nil {
			return err
		}
	} else {
		rep.printTable(g.Stdout, c.Digits, expr.CanonOptions{Bounds: expr.BoundsOf(data.X)})
	}
	if crashed {
		return err
	}
	if res.CheckpointErr != nil {
		// The results above are complete; only the checkpoint is missing.
		return fmt.Errorf("--checkpoint %s: %w", c.Checkpoint, res.CheckpointErr)
	}
	return nil
}

// Serve runs this rank's islands of rank 0's search (MPI, see launch.go).
func (c *SearchCmd) Serve(g *Globals) error { return serveSearches(g) }

// Dismiss ends Serve on the other ranks.
func (c *SearchCmd) Dismiss(g *Globals) error { return dismissSearches(g) }

// selectLaw is the --select rule of symreg/solve.Select.
const selectLaw = "law"

// load reads the table, splitting off the weights column.
func (c *SearchCmd) load() (*symreg.Data, error) {
	f := c.Flags
	if c.Weights != "" && len(f.Features) > 0 && !slices.Contains(f.Features, c.Weights) {
		f.Features = append(slices.Clone(f.Features), c.Weights)
	}
	t, err := f.Load(c.Data)
	if err != nil {
		return nil, err
	}
	if c.Target == "" {
		c.Target = t.Target
	}
	d := &symreg.Data{Y: t.Y}
	for j, name := range t.Features {
		if name == c.Weights {
			d.W = t.X[j]
			continue
		}
		d.X = append(d.X, t.X[j])
		d.Names = append(d.Names, name)
	}
	if c.Weights != "" {
		if d.W == nil {
			return nil, inputerr.New("--weights: no numeric column %q in %s", c.Weights, c.Data)
		}
		for i, w := range d.W {
			if w < 0 {
				return nil, inputerr.At(c.Data, i+2, 0, "weight %g is negative", w)
			}
		}
	}
	return d, nil
}

// options turns the flags into search options.
func (c *SearchCmd) options(g *Globals, d *symreg.Data) (symreg.Options, error) {
	o := symreg.DefaultOptions()
	var err error
	if o.Ops, err = symreg.ParseOps(c.Ops); err != nil {
		return o, err
	}
	if o.Nested, err = symreg.ParseNested(c.Nested); err != nil {
		return o, err
	}
	if o.ArgSize, err = symreg.ParseArgSize(c.Argsize); err != nil {
		return o, err
	}
	if o.Loss, err = symreg.ParseLoss(c.Loss); err != nil {
		return o, err
	}
	o.MaxSize, o.MaxDepth, o.ComplexityWeights = c.Maxsize, c.Maxdepth, c.Complexity
	o.Threads, o.Seed = g.Threads, g.Seed
	o.Populations = c.Populations
	if o.Populations == 0 {
		o.Populations = symreg.DefaultPopulations(g.Threads)
	}
	o.PopulationSize = c.PopulationSize
	o.Parsimony, o.HuberDelta, o.Batch, o.LinearScaling = c.Parsimony, c.HuberDelta, c.Batch, c.LinearScaling
	if o.Batch == -1 {
		o.Batch = autoBatch(d.Rows())
	}
	if c.Tournament > 0 {
		o.TournamentSize = c.Tournament
	}
	if c.Cycles > 0 {
		o.Cycles = c.Cycles
	}
	if c.OptimizeProb >= 0 {
		o.OptimizeProb = c.OptimizeProb
	}
	if c.Adaptive >= 0 {
		o.Adaptive = c.Adaptive
	}
	if c.Crossover >= 0 {
		o.Crossover = c.Crossover
	}
	o.Annealing, o.Score64 = c.Annealing, c.Score64
	o.Iterations, o.Time, o.MaxEvals, o.StopLoss, o.StopExact = c.Iterations, c.Time, c.MaxEvals, c.StopLoss, c.StopExact
	if c.Digits < 0 {
		return o, inputerr.New("--digits must not be negative, not %d", c.Digits)
	}
	if o.Iterations == 0 && o.Time == 0 && o.MaxEvals == 0 {
		o.Time = 60 * time.Second
	}
	o.CheckpointPath, o.CheckpointEvery = c.Checkpoint, c.CheckpointEvery
	for _, src := range c.Guess {
		t, err := expr.Parse(src, d.Names)
		if err != nil {
			return o, expr.ParseError("--guess", err)
		}
		o.Guesses = append(o.Guesses, t)
	}
	return o, nil
}

// autoBatch is the default mini-batch: small tables are scored whole, big
// ones on 250 random rows per island and iteration (on the Feynman
// benchmark this more than doubled the equations solved in 20 s, since
// evolution gets ~8× more evaluations and the hall of fame is still
// judged on all rows).
func autoBatch(rows int) int {
	if rows > 1000 {
		return 250
	}
	return 0
}

// searchReport is result.json: the whole front with printings and metrics, the
// settings and how the search went.
type searchReport struct {
	Command   string   `json:"command"`
	Data      string   `json:"data,omitempty"`
	Target    string   `json:"target,omitempty"`
	Features  []string `json:"features"`
	Rows      int      `json:"rows"`
	Seed      uint64   `json:"seed"`
	Threads   int      `json:"threads"`
	Selection string   `json:"selection"`
	Chosen    int      `json:"chosen"`
	// Rule and Why say, for --select law, which rule chose the formula
	// and why (symreg/solve.Choice); Transforms what each search on a
	// transformed target gave; Decomposition what the decomposition into
	// separable parts decided (package decompose).
	Rule          string            `json:"rule,omitempty"`
	Why           string            `json:"why,omitempty"`
	Transforms    []string          `json:"transforms,omitempty"`
	Decomposition string            `json:"decomposition,omitempty"`
	Front         []searchFrontJSON `json:"front"`
	Iterations    int               `json:"iterations"`
	Evals         int64             `json:"evals"`
	Seconds       float64           `json:"search_seconds"`
	WallSeconds   float64           `json:"wall_seconds"`
	StopReason    symreg.StopReason `json:"stop_reason"`
	Baseline      jsonFloat         `json:"baseline_loss"`
	Settings      map[string]string `json:"settings"`
	// Ranks is the number of MPI ranks that searched and Migrants the
	// members that crossed between them (both left out alone).
	Ranks    int                  `json:"ranks,omitempty"`
	Migrants *symreg.RankMigrants `json:"migrants_between_ranks,omitempty"`
}

type searchFrontJSON struct {
	Complexity int       `json:"complexity"`
	Loss       jsonFloat `json:"loss"`
	Score      jsonFloat `json:"score"`
	R2         jsonFloat `json:"r2"`
	RMSE       jsonFloat `json:"rmse"`
	MaxError   jsonFloat `json:"max_error"`
	Infix      string    `json:"infix"`    // exact: expr.Parse reads it back bit for bit
	Readable   string    `json:"readable"` // as people read it: canonical form, simple constants spelled out (2*pi, 1/2)
	LaTeX      string    `json:"latex"`
	Sympy      string    `json:"sympy"`
	Chosen     bool      `json:"chosen,omitempty"`
	tree       *expr.Node
}

func buildSearchReport(d *symreg.Data, res *symreg.Result, rule string, o symreg.Options, g *Globals) *searchReport {
	canon := expr.CanonOptions{Bounds: expr.BoundsOf(d.X)}
	r := &searchReport{Features: d.Names, Rows: d.Rows(), Seed: g.Seed, Threads: g.Threads, Selection: rule,
		Chosen: symreg.Choose(res.Front, rule), Iterations: res.Iterations, Evals: res.Evals,
		Seconds: res.Elapsed.Seconds(), StopReason: res.StopReason, Baseline: jsonFloat(res.Baseline),
		Settings: o.Describe()}
	if res.Ranks > 1 {
		r.Ranks, r.Migrants = res.Ranks, &res.Migrants
	}
	for i, e := range res.Front {
		m := expr.Measure(e.Tree, d.X, d.Y, d.W)
		r.Front = append(r.Front, searchFrontJSON{
			Complexity: e.Complexity, Loss: jsonFloat(e.Loss), Score: jsonFloat(e.Score), R2: jsonFloat(m.R2), RMSE: jsonFloat(m.RMSE), MaxError: jsonFloat(m.MaxErr),
			Infix: expr.Format(e.Tree, d.Names), Readable: expr.Readable(e.Tree, d.Names, 0, canon), LaTeX: expr.FormatLaTeX(e.Tree, d.Names),
			tree:  e.Tree,
			Sympy: expr.FormatSympy(e.Tree, d.Names), Chosen: i == r.Chosen,
		})
	}
	return r
}

// write puts hall_of_fame.csv and result.json into dir, each atomically.
func (r *searchReport) write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return inputerr.New("--out: %v", err)
	}
	err := atomicfile.Write(filepath.Join(dir, "hall_of_fame.csv"), func(w io.Writer) error {
		fmt.Fprintln(w, "complexity,loss,score,r2,equation,chosen")
		for _, f := range r.Front {
			fmt.Fprintf(w, "%d,%.17g,%.17g,%.17g,%s,%t\n", f.Complexity, f.Loss, f.Score, f.R2, searchCSVQuote(f.Infix), f.Chosen)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return atomicfile.Write(filepath.Join(dir, "result.json"), func(w io.Writer) error { return printJSON(w, r) })
}

// printJSON writes v as indented JSON, the form of every --json output.
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func searchCSVQuote(s string) string {
	if strings.ContainsAny(s, ",\"\n") {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}

// printTable prints the front, marking the chosen formula with "*", the
// formulas as people read them with constants rounded to digits
// significant digits (0: all).
func (r *searchReport) printTable(w io.Writer, digits int, canon expr.CanonOptions) {
	fmt.Fprintf(w, "%-1s %10s %12s %10s  %s\n", "", "complexity", "loss", "R²", "formula")
	for _, f := range r.Front {
		mark := " "
		if f.Chosen {
			mark = "*"
		}
		fmt.Fprintf(w, "%-1s %10d %12.5g %10.6f  %s\n", mark, f.Complexity, f.Loss, f.R2, expr.Readable(f.tree, r.Features, digits, canon))
	}
	ranks := ""
	if r.Ranks > 1 {
		ranks = fmt.Sprintf(" on %d ranks, %d migrants between them", r.Ranks, r.Migrants.Placed)
	}
	fmt.Fprintf(w, "(* chosen by %q; %d iterations, %d evaluations%s, %.1fs, stopped: %s)\n",
		r.Selection, r.Iterations, r.Evals, ranks, r.Seconds, r.StopReason)
	if r.Rule != "" {
		fmt.Fprintf(w, "(rule %s: %s)\n", r.Rule, r.Why)
	}
}

// searchProgress shows the search's progress: a live line on a terminal,
// plain lines every few seconds on a pipe, nothing with --quiet.
type searchProgress struct {
	w        io.Writer
	names    []string
	live     bool
	off      bool
	last     time.Time
	printed  bool
	interval time.Duration
}

func newSearchProgress(g *Globals, names []string) *searchProgress {
	p := &searchProgress{w: g.Stderr, names: names, off: g.Quiet, interval: 5 * time.Second, last: time.Now()}
	// Under MPI the ranks' output is a pseudo-terminal even when the
	// job's output goes to a file: plain lines there.
	if isTerminal(g.Stdout) && g.World.Size() == 1 {
		p.live, p.interval = true, 250*time.Millisecond
	}
	return p
}

func (p *searchProgress) update(pr symreg.Progress) {
	if p.off || time.Since(p.last) < p.interval {
		return
	}
	p.last = time.Now()
	best := "-"
	loss := math.Inf(1)
	if pr.Chosen >= 0 {
		e := pr.Front[pr.Chosen]
		best, loss = expr.Format(e.Tree, p.names), e.Loss
	}
	line := fmt.Sprintf("iter %d  evals %d  %.0fs  front %d  best loss %.4g  %s", pr.Iteration, pr.Evals, pr.Elapsed.Seconds(), len(pr.Front), loss, best)
	if p.live {
		if len(line) > 150 {
			line = line[:147] + "..."
		}
		fmt.Fprintf(p.w, "\r\033[K%s", line)
		p.printed = true
		return
	}
	fmt.Fprintln(p.w, line)
}

func (p *searchProgress) done() {
	if p.live && p.printed {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
