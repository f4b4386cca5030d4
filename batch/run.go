package batch

import (
	"context"
	"sync"

	"github.com/ansatz/ansatz/internal/panics"
)

// Source hands out jobs to run. Next blocks until there is a job or
// there are none left (or ctx ended), and then returns false. It must be
// safe for concurrent use by the workers.
type Source interface {
	Next(ctx context.Context) (Job, bool)
}

// Sink takes each finished job's result (safe for concurrent use).
type Sink interface {
	Record(Result) error
}

// RunFunc runs one job with the given number of threads and says how it
// went; a job's failure is a Result, not an error. A panic (a bug) is
// caught by Run: see there.
type RunFunc func(ctx context.Context, job Job, threads int) Result

// List is the local Source: the given jobs, in order.
type List struct {
	mu   sync.Mutex
	jobs []Job
}

// NewList is a Source of the given jobs.
func NewList(jobs []Job) *List { return &List{jobs: jobs} }

// Next hands out the next job, or false when ctx ended or none are left.
func (l *List) Next(ctx context.Context) (Job, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if ctx.Err() != nil || len(l.jobs) == 0 {
		return Job{}, false
	}
	j := l.jobs[0]
	l.jobs = l.jobs[1:]
	return j, true
}

// Threads is each of `workers` concurrent jobs' share of `threads`
// threads (at least 1).
func Threads(threads, workers int) int { return max(1, threads/max(workers, 1)) }

// Run starts `workers` workers that take jobs from src until it is empty,
// run each with Threads(threads, workers) threads and record its result
// in sink. It returns when every worker is done: the number of jobs whose
// status was not ok, and the first error recording a result (the batch
// goes on after one, so later results are not lost).
//
// A job whose run panics is recorded as failed with the panic as its
// error, the other jobs go on, and when no result failed to be recorded
// err is the first such panic (a *panics.Caught, with the worker's
// stack), so the command reports an internal error.
func Run(ctx context.Context, src Source, workers, threads int, run RunFunc, sink Sink) (notOK int, err error) {
	per := Threads(threads, workers)
	var mu sync.Mutex
	var wg sync.WaitGroup
	var crash error
	for range max(workers, 1) {
		wg.Go(func() {
			for {
				job, ok := src.Next(ctx)
				if !ok {
					return
				}
				res, c := guard(ctx, run, job, per)
				rerr := sink.Record(res)
				mu.Lock()
				if res.Status != StatusOK {
					notOK++
				}
				if err == nil {
					err = rerr
				}
				if crash == nil && c != nil {
					crash = c
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if err == nil && crash != nil {
		err = crash
	}
	return notOK, err
}

// guard runs one job, turning a panic into a failed Result and the
// panic itself.
func guard(ctx context.Context, run RunFunc, job Job, threads int) (res Result, crash *panics.Caught) {
	defer func() {
		if r := recover(); r != nil {
			crash = panics.From(r)
			res = Result{Line: job.Line, Job: []byte(job.Key), Status: StatusFailed, Error: "internal error: " + crash.Error()}
		}
	}()
	panics.Point("batch.job")
	return run(ctx, job, threads), nil
}
