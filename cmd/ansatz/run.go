package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/alecthomas/kong"

	"github.com/ansatz/ansatz/cluster"
	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/internal/panics"
)

// Exit codes: scripts tell "fix your input" from "report a bug".
const (
	exitOK       = 0
	exitInternal = 1
	exitInput    = 2
)

// run parses args, runs the verb and maps errors to exit codes. Every
// error is one line on stderr: "ansatz: <what went wrong>".
func run(args []string, stdout, stderr io.Writer) (code int) {
	return runIn(nil, args, stdout, stderr)
}

// runIn is run as one rank of world (nil: alone). Rank 0 runs the verb;
// the other ranks serve it (see servant) or do nothing.
func runIn(world *cluster.World, args []string, stdout, stderr io.Writer) (code int) {
	var cli CLI
	cli.Stdout, cli.Stderr, cli.World = stdout, stderr, world
	exit := -1
	parser, err := newParser(&cli, stdout, stderr, func(c int) { exit = c })
	if err != nil {
		fmt.Fprintln(stderr, "ansatz: internal error:", err)
		return exitInternal
	}
	ctx, err := parser.Parse(args)
	if exit >= 0 { // --help, or kong gave up after printing
		return exit
	}
	if err != nil {
		fmt.Fprintf(stderr, "ansatz: %s (see ansatz --help)\n", oneLine(err.Error()))
		return exitInput
	}
	stop, err := cli.Globals.setup()
	if err != nil {
		return report(stderr, err)
	}
	defer func() {
		if r := recover(); r != nil {
			stop()
			if c, ok := r.(*panics.Caught); ok { // from a worker: its stack is the one to show
				code = report(stderr, c)
				return
			}
			fmt.Fprintf(stderr, "ansatz: internal error: panic: %s\n", oneLine(fmt.Sprint(r)))
			if os.Getenv("ANSATZ_TRACEBACK") != "" {
				panic(r)
			}
			code = exitInternal
		}
	}()
	err = runRank(ctx, &cli.Globals)
	if serr := stop(); err == nil {
		err = serr
	}
	if err != nil {
		return report(stderr, err)
	}
	return exitOK
}

// newParser is the command line parser filling cli; exit is called
// (instead of os.Exit) after --help or a parse failure kong printed.
func newParser(cli *CLI, stdout, stderr io.Writer, exit func(int)) (*kong.Kong, error) {
	return kong.New(cli,
		kong.Name("ansatz"),
		kong.Description("From a table of measurements to a law you can read."),
		kong.Writers(stdout, stderr),
		kong.Exit(exit),
		kong.ConfigureHelp(kong.HelpOptions{Compact: true}),
	)
}

// report prints err as one line, settings named by their flags (see
// flagOf), and picks the exit code: 2 for bad input (inputerr) or usage, 1
// for everything else.
//
// A panic caught in a worker (panics.Caught) is an internal error; what
// the verb had was written before it returned. Its line says so, and with
// ANSATZ_TRACEBACK set the worker's stack follows.
func report(stderr io.Writer, err error) int {
	if c, ok := panics.As(err); ok {
		fmt.Fprintf(stderr, "ansatz: internal error: %s\n", oneLine(c.Error()))
		if os.Getenv("ANSATZ_TRACEBACK") != "" {
			stderr.Write(c.Stack)
		}
		return exitInternal
	}
	fmt.Fprintln(stderr, "ansatz:", oneLine(userMessage(err)))
	var pe *kong.ParseError
	if inputerr.Is(err) || errors.As(err, &pe) {
		return exitInput
	}
	return exitInternal
}

func oneLine(msg string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(msg, "\n", " ")), " ")
}
