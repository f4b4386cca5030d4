package batch

import (
	"context"
	"sync"
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
// went. It must not panic; a job's failure is a Result, not an error.
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
func Run(ctx context.Context, src Source, workers, threads int, run RunFunc, sink Sink) (notOK int, err error) {
	per := Threads(threads, workers)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range max(workers, 1) {
		wg.Go(func() {
			for {
				job, ok := src.Next(ctx)
				if !ok {
					return
				}
				res := run(ctx, job, per)
				rerr := sink.Record(res)
				mu.Lock()
				if res.Status != StatusOK {
					notOK++
				}
				if err == nil {
					err = rerr
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return notOK, err
}
