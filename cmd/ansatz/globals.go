package main

import (
	"errors"
	"fmt"
	"io"
	"runtime"

	"github.com/alecthomas/kong"

	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/kernels"
)

// Globals are the flags every verb takes. Verbs receive them in Run.
type Globals struct {
	Threads int    `help:"Worker threads (0: all cores)." default:"0"`
	Seed    uint64 `help:"Random seed; same seed, data and threads give the same result." default:"1"`
	ISA     string `name:"isa" help:"Kernel implementation: auto, generic, avx2, neon." default:"auto" enum:"auto,generic,avx2,neon"`
	Quiet   bool   `help:"Print only results, no progress."`

	Stdout io.Writer `kong:"-"`
	Stderr io.Writer `kong:"-"`
}

// run parses args, runs the verb and maps errors to exit codes:
// 0 ok, 2 bad input or usage, 1 internal failure.
func run(args []string, stdout, stderr io.Writer) int {
	var cli CLI
	cli.Stdout, cli.Stderr = stdout, stderr
	exit := -1
	parser, err := kong.New(&cli,
		kong.Name("ansatz"),
		kong.Description("From a table of measurements to a law you can read."),
		kong.Writers(stdout, stderr),
		kong.Exit(func(code int) { exit = code }),
		kong.UsageOnError(),
	)
	if err != nil {
		fmt.Fprintln(stderr, "ansatz: internal error:", err)
		return 1
	}
	ctx, err := parser.Parse(args)
	if exit >= 0 {
		return exit
	}
	if err != nil {
		fmt.Fprintln(stderr, "ansatz:", err)
		return 2
	}
	if err := cli.Globals.setup(); err != nil {
		fmt.Fprintln(stderr, "ansatz:", err)
		return 2
	}
	if err := ctx.Run(&cli.Globals); err != nil {
		fmt.Fprintln(stderr, "ansatz:", err)
		var pe *kong.ParseError
		if inputerr.Is(err) || errors.As(err, &pe) {
			return 2
		}
		return 1
	}
	return 0
}

// setup applies the global flags before any verb runs.
func (g *Globals) setup() error {
	if g.Threads < 0 {
		return inputerr.New("--threads must be 0 (all cores) or positive, not %d", g.Threads)
	}
	if g.Threads == 0 {
		g.Threads = runtime.NumCPU()
	}
	if err := kernels.Use(g.ISA); err != nil {
		return inputerr.New("--isa: %v", err)
	}
	return nil
}
