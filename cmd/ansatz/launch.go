package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/alecthomas/kong"

	"github.com/ansatz/ansatz/cluster"
	"github.com/ansatz/ansatz/symreg"
)

// launch runs the command as this process's part of an MPI job when an
// MPI launcher started it (build tag mpi; see docs/hpc.md), else alone.
//
// In a job, rank 0 prints and writes everything; the other ranks print
// nothing. A rank that fails makes the whole job end at once (MPI_Abort)
// with one line on stderr, so no rank waits forever for it: rank 0 prints
// its own error; another rank waits errorGrace first, so that when every
// rank fails alike (a bad flag) rank 0's abort ends it before it prints.
func launch(args []string) int {
	world, err := cluster.Start(func(err error) { fmt.Fprintln(os.Stderr, "ansatz:", err) })
	if err != nil {
		fmt.Fprintln(os.Stderr, "ansatz: MPI:", oneLine(err.Error()))
		return exitInternal
	}
	if world.Size() == 1 {
		code := runIn(world, args, os.Stdout, os.Stderr)
		if err := world.Finalize(); err != nil && code == exitOK {
			fmt.Fprintln(os.Stderr, "ansatz: MPI:", oneLine(err.Error()))
			return exitInternal
		}
		return code
	}
	if world.Rank() == 0 {
		code := runIn(world, args, os.Stdout, os.Stderr)
		if code != exitOK {
			world.Abort(code)
		}
		return finalize(world)
	}
	var last lastLine
	code := runIn(world, args, io.Discard, &last)
	if code != exitOK {
		time.Sleep(errorGrace)
		msg := strings.TrimPrefix(last.String(), "ansatz: ")
		fmt.Fprintf(os.Stderr, "ansatz: rank %d: %s\n", world.Rank(), msg)
		world.Abort(code)
	}
	return finalize(world)
}

// errorGrace is how long a failed rank other than 0 waits before it
// reports and aborts (see launch).
const errorGrace = time.Second

// finalize leaves the MPI job; a failure there aborts it.
func finalize(world *cluster.World) int {
	if err := world.Finalize(); err != nil {
		fmt.Fprintf(os.Stderr, "ansatz: rank %d: %s\n", world.Rank(), oneLine(err.Error()))
		world.Abort(exitInternal)
	}
	return exitOK
}

// lastLine keeps the last line written to it: the error line of a rank
// other than 0, whose other messages are dropped.
type lastLine struct {
	mu   sync.Mutex
	line []byte
	cur  []byte
}

func (l *lastLine) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, b := range p {
		if b == '\n' {
			l.line, l.cur = append(l.line[:0], l.cur...), l.cur[:0]
			continue
		}
		l.cur = append(l.cur, b)
	}
	return len(p), nil
}

func (l *lastLine) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.cur) > 0 {
		return string(bytes.TrimSpace(l.cur))
	}
	return string(bytes.TrimSpace(l.line))
}

// servant is a verb whose work the other ranks of an MPI job share: they
// run Serve while rank 0 runs Run, and Dismiss (on rank 0, after a
// successful Run) ends their Serve.
type servant interface {
	Serve(g *Globals) error
	Dismiss(g *Globals) error
}

// runRank runs the selected verb as this rank's part: Run alone or on rank
// 0, Serve on the other ranks of a servant verb, nothing on the other
// ranks of the rest (train, eval, info: rank 0 does them alone).
func runRank(ctx *kong.Context, g *Globals) error {
	var sv servant
	if n := ctx.Selected(); n != nil && n.Target.CanAddr() {
		sv, _ = n.Target.Addr().Interface().(servant)
	}
	switch {
	case g.World.Size() == 1:
		return ctx.Run(g)
	case g.World.Rank() != 0 && sv != nil:
		return sv.Serve(g)
	case g.World.Rank() != 0:
		return nil
	}
	if err := ctx.Run(g); err != nil {
		return err
	}
	if sv != nil {
		return sv.Dismiss(g)
	}
	return nil
}

// peers are the ranks a search is distributed over (nil alone).
func (g *Globals) peers() symreg.Peers {
	if g.World.Size() < 2 {
		return nil
	}
	return g.World.Comm
}

// serveSearches is Serve for the verbs that search (search, discover): this
// rank runs its islands of every search rank 0 starts.
func serveSearches(g *Globals) error {
	ctx, release := onInterrupt(g.Log)
	defer release()
	return symreg.Serve(ctx, g.peers())
}

// dismissSearches ends serveSearches on the other ranks.
func dismissSearches(g *Globals) error { return symreg.Dismiss(g.peers()) }
