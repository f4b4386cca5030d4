package main

import (
	"context"
	"io"
	"log/slog"
	"runtime"
	"strconv"

	"github.com/ansatz/ansatz/cluster"
	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/kernels"
)

// Globals are the flags every verb takes. Verbs receive them in Run, after
// setup has resolved them: Threads > 0, kernels switched to ISA, Log ready.
type Globals struct {
	Threads    int        `help:"Worker threads (0: all cores)." default:"0"`
	Seed       uint64     `help:"Random seed; same seed, data and threads give the same result." default:"1"`
	ISA        string     `name:"isa" help:"Kernel implementation: auto, generic, avx2, neon." default:"auto" enum:"auto,generic,avx2,neon"`
	CPUProfile string     `name:"cpuprofile" help:"Write a CPU profile to FILE." placeholder:"FILE"`
	MemProfile string     `name:"memprofile" help:"Write a heap profile to FILE when the command ends." placeholder:"FILE"`
	Trace      string     `help:"Write an execution trace to FILE." placeholder:"FILE"`
	PprofAddr  string     `name:"pprof-addr" help:"Serve net/http/pprof on HOST:PORT while the command runs." placeholder:"HOST:PORT"`
	Quiet      bool       `help:"Print only results: no progress or info messages."`
	LogFormat  string     `name:"log-format" help:"Format of messages on stderr: text or json." default:"text" enum:"text,json"`
	Config     configFile `help:"JSON file setting any flag by name, e.g. {\"threads\": 2, \"target\": \"y\"}; the command line wins." placeholder:"FILE"`

	Stdout io.Writer      `kong:"-"`
	Stderr io.Writer      `kong:"-"`
	Log    *slog.Logger   `kong:"-"` // progress and diagnostics, to Stderr
	World  *cluster.World `kong:"-"` // the MPI job this process is a rank of (nil: alone)

	board  *board          // live status of long verbs (nil with --quiet)
	jobKey string          // this verb's name on the board ("" standalone; the job in a batch)
	ctx    context.Context // a batch job's context (nil: the verb's own, cancelled by a signal)
}

// setup applies the global flags before the verb runs. The returned stop
// function ends profiling and restores process state; it must be called
// (also after a failed verb) and its error reported.
func (g *Globals) setup() (stop func() error, err error) {
	if g.Threads < 0 {
		return nil, inputerr.New("--threads must be 0 (all cores) or positive, not %d", g.Threads)
	}
	if g.Threads == 0 {
		g.Threads = runtime.NumCPU()
	}
	if err := kernels.Use(g.ISA); err != nil {
		return nil, inputerr.New("--isa: %v", err)
	}
	g.board = newBoard(g.Stderr, g.Quiet)
	g.Log = newLogger(g.board.writer(g.Stderr), g.LogFormat, g.Quiet)
	if g.board != nil {
		g.board.log = g.Log
	}
	g.perRank()
	kernels.SetThreads(g.Threads)
	oldProcs := runtime.GOMAXPROCS(g.Threads)
	prof, err := startProfiling(g)
	if err != nil {
		runtime.GOMAXPROCS(oldProcs)
		return nil, err
	}
	return func() error {
		err := prof.stop()
		runtime.GOMAXPROCS(oldProcs)
		return err
	}, nil
}

// newLogger writes leveled messages to w; --quiet keeps only warnings and
// errors.
func newLogger(w io.Writer, format string, quiet bool) *slog.Logger {
	opt := &slog.HandlerOptions{Level: slog.LevelInfo}
	if quiet {
		opt.Level = slog.LevelWarn
	}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opt))
	}
	return slog.New(slog.NewTextHandler(w, opt))
}

// perRank keeps the ranks of an MPI job from writing the same profile
// files or serving pprof on the same port: ranks other than 0 write
// FILE.rankN and serve no pprof.
func (g *Globals) perRank() {
	r := g.World.Rank()
	if r == 0 {
		return
	}
	for _, f := range []*string{&g.CPUProfile, &g.MemProfile, &g.Trace} {
		if *f != "" {
			*f += ".rank" + strconv.Itoa(r)
		}
	}
	g.PprofAddr = ""
}
