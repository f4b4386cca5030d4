package main

import (
	"slices"
	"strings"
	"time"

	"github.com/ansatz/ansatz/bench"
	"github.com/ansatz/ansatz/internal/inputerr"
)

// BenchKernelsCmd measures the kernels (GEMM, element-wise, basis,
// reductions) under every ISA this machine runs plus gonum for GEMM, all in
// one run, and prints the throughputs and the speed-up ratios. With an
// explicit --isa only that implementation (and gonum) is measured.
type BenchKernelsCmd struct {
	Only  string        `help:"Comma-separated families to run: gemm, elementwise, basis, reduce (default: all)."`
	Quick bool          `help:"Short measurements (3 rounds of about 40 ms each) for a smoke run."`
	Time  time.Duration `help:"Measuring time per case, implementation and round (3 rounds, best counts; overrides --quick)." default:"0s"`
	JSON  bool          `name:"json" help:"One JSON object per measurement."`
}

// Run measures and prints the lines (table, or JSON lines streamed as they
// are measured).
func (c *BenchKernelsCmd) Run(g *Globals) error {
	var only []string
	for _, f := range strings.Split(c.Only, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		if !slices.Contains(bench.KernelFamilies, f) {
			return inputerr.New("--only: unknown family %q (known: %s)", f, strings.Join(bench.KernelFamilies, ", "))
		}
		only = append(only, f)
	}
	if c.Time < 0 {
		return inputerr.New("--time must not be negative, not %v", c.Time)
	}
	w := bench.NewWriter(g.Stdout, c.JSON)
	opt := bench.KernelsOptions{Only: only, Quick: c.Quick, Time: c.Time, Seed: g.Seed,
		ISAs: forcedISA(g),
		Log: func(s string) {
			if g.Log != nil {
				g.Log.Info(s)
			}
		}}
	if err := bench.RunKernels(w, opt); err != nil {
		return err
	}
	return w.Flush()
}

// forcedISA is the one ISA to measure when --isa names one; nil (all
// available, so ratios can be reported) for auto.
func forcedISA(g *Globals) []string {
	if g.ISA == "" || g.ISA == "auto" {
		return nil
	}
	return []string{strings.ToLower(g.ISA)}
}
