package main

import (
	"context"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"slices"
	"time"

	"github.com/ansatz/ansatz/bench/soak"
	"github.com/ansatz/ansatz/internal/inputerr"
)

// BenchSoakCmd is `ansatz bench soak`: random verbs of this binary on
// random valid and corrupted tables and models for a while; every run
// must end with exit 0 or 2, one line on stderr when it fails, and
// output that parses (package bench/soak). The exit is 1 when a run
// crashed, hung, failed internally or broke a rule.
type BenchSoakCmd struct {
	Minutes float64       `help:"How long to soak." default:"1"`
	Runs    int           `help:"Stop after this many runs (0: only --minutes)." default:"0"`
	Timeout time.Duration `help:"Longest a single run may take before it counts as a hang." default:"2m"`
	JSON    bool          `help:"Print the report as JSON."`
}

// soakCommand starts the binary for a soak run (tests replace it).
var soakCommand = func(ctx context.Context, args []string) *exec.Cmd {
	exe, err := os.Executable()
	if err != nil {
		exe = os.Args[0]
	}
	return exec.CommandContext(ctx, exe, args...)
}

// Run implements the verb.
func (c *BenchSoakCmd) Run(g *Globals) error {
	if !(c.Minutes > 0) || c.Runs < 0 || c.Timeout <= 0 {
		return inputerr.New("--minutes and --timeout must be positive and --runs not negative")
	}
	dir, err := os.MkdirTemp("", "ansatz-soak-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	ctx, release := onInterrupt(g.Log)
	defer release()
	rep, err := soak.Run(ctx, soak.Config{Duration: time.Duration(c.Minutes * float64(time.Minute)), Runs: c.Runs,
		Seed: g.Seed, Timeout: c.Timeout, Command: soakCommand, Dir: dir,
		OnRun: func(e soak.RunError) { g.Log.Warn("soak: " + e.String()) }})
	if err != nil {
		return err
	}
	if c.JSON {
		if err := printJSON(g.Stdout, rep); err != nil {
			return err
		}
	} else {
		printSoak(g, rep)
	}
	if n := rep.Crashes + rep.Internal + rep.Broken; n > 0 {
		return fmt.Errorf("soak: %d of %d runs broke a rule (%d crashes, %d internal errors)", n, rep.Runs, rep.Crashes, rep.Internal)
	}
	return nil
}

func printSoak(g *Globals, r *soak.Report) {
	w := g.Stdout
	fmt.Fprintf(w, "soak: %d runs in %.0fs (%d on corrupted input): %d crashes, %d internal errors, %d other broken rules\n",
		r.Runs, r.Seconds, r.Corrupted, r.Crashes, r.Internal, r.Broken)
	for _, v := range slices.Sorted(maps.Keys(r.ByVerb)) {
		fmt.Fprintf(w, "  %-10s %6d runs\n", v, r.ByVerb[v])
	}
	for _, code := range slices.Sorted(maps.Keys(r.ByExit)) {
		fmt.Fprintf(w, "  exit %-5d %6d runs\n", code, r.ByExit[code])
	}
	for _, e := range r.Errors {
		fmt.Fprintln(w, "  "+e.String())
	}
}
