package main

import (
	"strings"
	"time"

	"github.com/ansatz/ansatz/bench"
	"github.com/ansatz/ansatz/internal/inputerr"
)

// BenchEvalCmd measures compiled-expression evaluation in node·rows/s with
// Operon's protocol (1000 random trees of up to 64 nodes, 12 800 rows,
// 10 columns, float32, one thread), every available ISA in the same run.
type BenchEvalCmd struct {
	Trees     int           `help:"Random trees per case." default:"1000"`
	MaxSize   int           `name:"max-size" help:"Largest tree size (nodes); sizes are uniform in 1..max." default:"64"`
	Rows      int           `help:"Rows each tree is evaluated on." default:"12800"`
	Cols      int           `help:"Input columns." default:"10"`
	Precision int           `help:"Float precision: 32 or 64." default:"32" enum:"32,64"`
	Cases     string        `help:"Comma-separated operator mixes: arith (+ - * /), transcendental (also exp log sin cos sqrt tanh)." default:"arith"`
	Block     int           `help:"Rows per evaluation block (0: the evaluator's default, 512)." default:"0"`
	Impls     string        `help:"Comma-separated ISAs to compare (default: all available, e.g. avx2,generic)."`
	Time      time.Duration `help:"Measuring time per case and ISA, split over 3 interleaved rounds (best round counts)." default:"1s"`
	Quick     bool          `help:"Short measurements (0.2 s) for a smoke run."`
	JSON      bool          `name:"json" help:"One JSON object per measurement."`
}

// Run measures and prints the lines (table or JSON).
func (c *BenchEvalCmd) Run(g *Globals) error {
	if c.Trees < 1 || c.MaxSize < 1 || c.Rows < 1 || c.Cols < 1 || c.Block < 0 {
		return inputerr.New("--trees, --max-size, --rows and --cols must be positive (and --block not negative)")
	}
	cfg := bench.EvalConfig{Trees: c.Trees, MaxSize: c.MaxSize, Rows: c.Rows, Cols: c.Cols,
		Float64: c.Precision == 64, Seed: g.Seed, Target: c.Time, Block: c.Block, Cases: evalSplit(c.Cases)}
	if c.Quick {
		cfg.Target = 200 * time.Millisecond
	}
	for _, name := range cfg.Cases {
		if _, ok := bench.EvalCases[name]; !ok {
			return inputerr.New("--cases: unknown case %q (arith, transcendental)", name)
		}
	}
	if c.Impls != "" {
		avail := map[string]bool{}
		for _, a := range bench.ISAs() {
			avail[a] = true
		}
		for _, isa := range evalSplit(c.Impls) {
			if !avail[isa] {
				return inputerr.New("--impls: %q is not available here (available: %s)", isa, strings.Join(bench.ISAs(), ", "))
			}
			cfg.ISAs = append(cfg.ISAs, isa)
		}
	}
	lines, err := bench.EvalThroughput(cfg)
	if err != nil {
		return err
	}
	w := bench.NewWriter(g.Stdout, c.JSON)
	for _, l := range lines {
		if err := w.Write(l); err != nil {
			return err
		}
	}
	return w.Flush()
}

// evalSplit splits a comma-separated flag value, dropping blanks.
func evalSplit(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
