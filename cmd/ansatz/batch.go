package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sync"

	"github.com/ansatz/ansatz/batch"
	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/internal/panics"
	"github.com/ansatz/ansatz/kernels"
)

// BatchCmd is `ansatz batch`: many jobs from a manifest, a few at a time,
// one result line each (package batch). Jobs run inside this process with
// their share of --threads; a job that fails is recorded and the batch
// goes on; a restart skips the jobs already done.
type BatchCmd struct {
	Manifest string `arg:"" help:"Jobs, one JSON object per line: a verb and its flags, e.g. {\"verb\":\"discover\",\"data\":\"a.csv\",\"target\":\"y\",\"out\":\"runs/a\"}."`
	Jobs     int    `help:"Jobs run at a time; --threads is split between them." default:"1"`
	Results  string `help:"Results file, one JSON line per job (default: results.jsonl beside the manifest; results.I-of-N.jsonl with --shard)." placeholder:"FILE"`
	Shard    string `help:"Run only shard I of N: the jobs at positions I, I+N, I+2N, ... of the manifest (0 ≤ I < N), e.g. a Slurm array task's $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT." placeholder:"I/N"`
}

// Run reads the manifest, checks every job's command line, runs the jobs
// not yet done and prints one line per job; the exit code is 1 when a
// job failed or was interrupted.
func (c *BatchCmd) Run(g *Globals) error {
	if c.Jobs < 1 {
		return inputerr.New("--jobs must be at least 1, not %d", c.Jobs)
	}
	shard := batch.All
	if c.Shard != "" {
		var err error
		if shard, err = batch.ParseShard(c.Shard); err != nil {
			return fromFlag("--shard", err)
		}
	}
	jobs, err := batch.ReadManifest(c.Manifest)
	if err != nil {
		return err
	}
	results, err := batch.OpenResults(c.resultsPath(shard))
	if err != nil {
		return fromFlag("--results", err)
	}
	var todo []batch.Job
	done := 0
	for _, j := range jobs {
		if !shard.Has(j) {
			continue
		}
		if _, err := jobArgs(c.Manifest, j); err != nil {
			return err
		}
		if results.Done(j) {
			done++
			continue
		}
		todo = append(todo, j)
	}
	workers := max(1, min(c.Jobs, len(todo)))
	per := batch.Threads(g.Threads, workers)
	g.Log.Info("batch", "manifest", c.Manifest, "shard", shard.String(), "jobs", len(todo)+done, "done before", done,
		"to run", len(todo), "at a time", workers, "threads each", per, "results", c.resultsPath(shard))
	kernels.SetThreads(per)
	defer kernels.SetThreads(g.Threads)
	ctx, release := onInterrupt(g.Log) // the first signal lets running jobs write what they have; a second one quits
	defer release()
	t := &tally{total: len(todo), board: g.board, out: g.board.writer(g.Stdout)}
	t.show()
	src := batch.NewList(todo)
	others := serveRanks(ctx, g, src, todo, t, results) // the other ranks of an MPI job take jobs from src too
	notOK, err := batch.Run(ctx, src, workers, g.Threads, t.wrap(c.runJob(g)), results)
	notOK, err = others.wait(notOK, err)
	if _, crashed := panics.As(err); crashed {
		return err // a job panicked: recorded as failed; run reports the panic
	}
	if err != nil {
		return fmt.Errorf("writing the results: %w", err)
	}
	if ctx.Err() != nil {
		return fmt.Errorf("interrupted: %d of %d jobs finished; run the batch again to do the rest", t.ok, len(todo))
	}
	if notOK > 0 {
		return fmt.Errorf("%d of %d jobs failed; their errors are in %s", notOK, len(todo), c.resultsPath(shard))
	}
	return nil
}

// resultsPath is --results, or the default beside the manifest (one file
// per shard, so array tasks on different nodes never write the same file).
func (c *BatchCmd) resultsPath(s batch.Shard) string {
	if c.Results != "" {
		return c.Results
	}
	name := "results.jsonl"
	if s != batch.All {
		name = fmt.Sprintf("results.%d-of-%d.jsonl", s.I, s.N)
	}
	return filepath.Join(filepath.Dir(c.Manifest), name)
}

// tally counts finished jobs for the board and prints each job's line.
type tally struct {
	mu               sync.Mutex
	total, ok, notOK int
	board            *board
	out              io.Writer
}

func (t *tally) show() {
	t.board.setHeader(fmt.Sprintf("batch: %d of %d jobs done, %d failed", t.ok+t.notOK, t.total, t.notOK))
}

// wrap counts and prints the results of run.
func (t *tally) wrap(run batch.RunFunc) batch.RunFunc {
	return func(ctx context.Context, j batch.Job, threads int) batch.Result {
		res := run(ctx, j, threads)
		t.add(j, res)
		return res
	}
}

// add counts and prints the result of job j.
func (t *tally) add(j batch.Job, res batch.Result) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if res.Status == batch.StatusOK {
		t.ok++
	} else {
		t.notOK++
	}
	t.show()
	fmt.Fprintln(t.out, resultLine(j, res))
}
