package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/ansatz/ansatz/pipeline"
	discoverreport "github.com/ansatz/ansatz/report"
	"github.com/ansatz/ansatz/symreg/units"
	"github.com/ansatz/ansatz/table"
)

// DiscoverCmd is `ansatz discover`: the whole path from a table to a law
// in one command (package pipeline), with a report (package report).
type DiscoverCmd struct {
	Data string `arg:"" help:"Table to explore (CSV, TSV, .gz, NPY)."`
	table.Flags
	Model    string        `help:"Network for the signal and attribution stages: mlp or kan." enum:"mlp,kan" default:"mlp"`
	Task     string        `help:"auto (integer targets with few values are classes), regression or classification." enum:"auto,regression,classification" default:"auto"`
	Hidden   []int         `help:"Hidden layer widths (default: MLP 64,64; KAN 5)." placeholder:"W"`
	Epochs   int           `help:"MLP training epochs (0: enough for about 3000 steps)." default:"0"`
	Steps    int           `help:"KAN L-BFGS steps." default:"100"`
	Repeats  int           `help:"Models (seeds) the attribution averages over." default:"3"`
	Shuffles int           `help:"Permutation importance: shuffles per feature." default:"3"`
	Top      int           `help:"Focus on this many top features (0: chosen on the validation rows among the top features holding --coverage of the saliency, at most --max-top; see --keep)." default:"0"`
	Coverage float64       `help:"Share of the saliency the automatic focus set must hold." default:"0.9"`
	MaxTop   int           `name:"max-top" help:"Largest automatic focus set." default:"5"`
	Keep     float64       `help:"Automatic focus: the fewest top features whose network keeps this share of the best validation skill among networks on the top 1..N features." default:"0.98"`
	Curve    int           `help:"Inputs-kept curve: also retrain on the top 1..N features (0: only what the focus rule needs)." default:"8"`
	TestFrac float64       `name:"test" help:"Fraction of rows held out for testing." default:"0.25"`
	ValFrac  float64       `name:"val" help:"Fraction of the remaining rows used for validation." default:"0.1"`
	Time     time.Duration `help:"Symbolic search time, split over the searches (0: only --iterations)." default:"60s"`
	Iters    int           `name:"iterations" help:"Symbolic search iterations per search (0: only --time); with --time 0 the run is reproducible to the bit." default:"0"`
	Ops      string        `help:"Search operators, comma separated." default:"+,-,*,/,sqrt,exp,log,sin,cos"`
	Maxsize  int           `help:"Largest formula complexity." default:"25"`
	Units    string        `help:"Units table (Variable,Units,m,s,kg,...): search on dimensionless groups." placeholder:"FILE"`
	Digits   int           `help:"Significant digits of constants in the formulas shown in the report and summary (0: all; result.json's infix keeps full precision)." default:"6"`
	Out      string        `required:"" help:"Directory for result.json, report.md and report.html." placeholder:"DIR"`
	JSON     bool          `name:"json" help:"Print result.json to stdout instead of a summary."`
}

// Run loads the table, runs the pipeline (Ctrl-C / SIGTERM stop it and the
// report still covers what was done) and writes the report.
func (c *DiscoverCmd) Run(g *Globals) error {
	tab, err := c.Flags.Load(c.Data)
	if err != nil {
		return err
	}
	cfg := pipeline.DefaultConfig()
	t := &cfg.Train
	t.Model, t.Task, t.Hidden, t.Epochs, t.Steps = c.Model, taskOf(c.Task), c.Hidden, c.Epochs, c.Steps
	t.TestFrac, t.ValFrac, t.Seed = c.TestFrac, c.ValFrac, g.Seed
	cfg.Repeats, cfg.Shuffles, cfg.Top, cfg.Coverage, cfg.MaxTop = c.Repeats, c.Shuffles, c.Top, c.Coverage, c.MaxTop
	cfg.Keep, cfg.CurveMax = c.Keep, c.Curve
	cfg.SearchTime, cfg.Iterations, cfg.Ops, cfg.MaxSize = c.Time, c.Iters, c.Ops, c.Maxsize
	cfg.Threads, cfg.Log, cfg.Digits, cfg.Peers = g.Threads, g.Log, c.Digits, g.peers()
	if c.Units != "" {
		if cfg.Units, err = units.Load(c.Units); err != nil {
			return err
		}
		cfg.UnitsFile = c.Units
	}
	key := cmp.Or(g.jobKey, "discover")
	end := g.board.begin(key)
	defer end()
	cfg.Progress = g.board.reporter(key)
	ctx, release := onInterrupt(g.Log) // the first signal stops gracefully; a second one quits
	defer release()
	if g.ctx != nil {
		ctx = g.ctx // a batch job stops with the batch
	}
	res, runErr := pipeline.Run(ctx, tab, cfg)
	end() // the status line goes before the summary is printed
	if res == nil {
		return runErr
	}
	if err := discoverreport.Write(c.Out, res); err != nil {
		return fromFlag("--out", err)
	}
	if runErr != nil {
		return runErr
	}
	if c.JSON {
		enc := json.NewEncoder(g.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	printDiscover(g.Stdout, res, c.Out)
	return nil
}

// Serve runs this rank's islands of the searches of rank 0's law stage
// (MPI, see launch.go).
func (c *DiscoverCmd) Serve(g *Globals) error { return serveSearches(g) }

// Dismiss ends Serve on the other ranks.
func (c *DiscoverCmd) Dismiss(g *Globals) error { return dismissSearches(g) }

// printDiscover prints a few lines: one per stage and where the report is.
func printDiscover(w io.Writer, r *pipeline.Result, out string) {
	if s := r.Signal; s != nil {
		fmt.Fprintf(w, "signal:      test %s %.4f (baseline %.4f). %s\n", s.Metric, s.Model.Value, s.Baseline.Value, s.Verdict)
	}
	if a := r.Attribution; a != nil {
		fmt.Fprintf(w, "attribution:")
		for i, f := range a.Saliency[:min(len(a.Saliency), 5)] {
			fmt.Fprintf(w, " %d. %s %.3f±%.3f", i+1, f.Feature, f.Score, f.Spread)
		}
		fmt.Fprintln(w)
	}
	if f := r.Focus; f != nil {
		fmt.Fprintf(w, "focus:       %v: test %.4f (all features %.4f)\n", f.Features, f.Score.Value, f.Full.Value)
	}
	if l := r.Law; l != nil {
		switch {
		case l.Skipped != "":
			fmt.Fprintf(w, "law:         skipped (class labels that are not numbers)\n")
		case l.Chosen >= 0 && l.Metric == "accuracy":
			fmt.Fprintf(w, "law:         %s = %s  (test accuracy rounded to the classes %.4f, R² %.4f, complexity %d)\n",
				r.Target, l.Short, l.TestAcc, l.TestR2, l.Complexity)
		case l.Chosen >= 0:
			fmt.Fprintf(w, "law:         %s = %s  (test R² %.6f, complexity %d)\n", r.Target, l.Short, l.TestR2, l.Complexity)
		default:
			fmt.Fprintf(w, "law:         no formula found\n")
		}
	}
	if r.Interrupted != "" {
		fmt.Fprintf(w, "interrupted during the %s stage; the report covers what was done\n", r.Interrupted)
	}
	fmt.Fprintf(w, "report:      %s (%.1fs)\n", filepath.Join(out, "report.html"), r.Seconds)
}
