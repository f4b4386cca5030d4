package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/ansatz/ansatz/batch"
	"github.com/ansatz/ansatz/cluster"
	"github.com/ansatz/ansatz/kernels"
)

// A batch on the ranks of an MPI job: rank 0 reads the manifest, keeps
// the results file and prints, and hands the jobs out one at a time from
// a queue (cluster.ServeQueue) to its own workers and to every other rank,
// whose workers run them (each job alone, with the rank's --threads split
// over its --jobs) and send their result lines back. So a manifest of many
// tables fills an allocation however unequal the jobs are.

// rankQueue is rank 0's side: the queue serving the other ranks.
type rankQueue struct {
	done  chan struct{}
	notOK int
	err   error
}

// serveRanks starts handing the jobs of src to the other ranks (nothing
// to do alone); their results go to sink and the tally like rank 0's own.
func serveRanks(ctx context.Context, g *Globals, src *batch.List, todo []batch.Job, t *tally, sink batch.Sink) *rankQueue {
	q := &rankQueue{done: make(chan struct{})}
	if g.World.Size() < 2 {
		close(q.done)
		return q
	}
	byLine := map[int]batch.Job{}
	for _, j := range todo {
		byLine[j.Line] = j
	}
	next := func() ([]byte, bool) {
		j, ok := src.Next(ctx)
		if !ok {
			return nil, false
		}
		b, err := json.Marshal(j)
		return b, err == nil
	}
	record := func(from int, b []byte) {
		var res batch.Result
		err := json.Unmarshal(b, &res)
		if err == nil {
			err = sink.Record(res)
		}
		if err != nil {
			q.err = cmp.Or(q.err, fmt.Errorf("result from rank %d: %w", from, err))
		}
		if res.Status != batch.StatusOK {
			q.notOK++
		}
		t.add(byLine[res.Line], res)
	}
	go func() {
		defer close(q.done)
		if err := cluster.ServeQueue(g.World.Comm, next, record); err != nil {
			q.err = cmp.Or(q.err, err)
		}
	}()
	return q
}

// wait waits until every other rank is done and adds their failures and
// first error to rank 0's.
func (q *rankQueue) wait(notOK int, err error) (int, error) {
	<-q.done
	return notOK + q.notOK, cmp.Or(err, q.err)
}

// Serve is a rank's part of a batch other than rank 0's: its workers take
// jobs from rank 0's queue until there are none.
func (c *BatchCmd) Serve(g *Globals) error {
	q := cluster.QueueClient{Comm: g.World.Comm}
	ctx, release := onInterrupt(g.Log)
	defer release()
	workers := max(c.Jobs, 1)
	kernels.SetThreads(batch.Threads(g.Threads, workers))
	defer kernels.SetThreads(g.Threads)
	src := &queueSource{q: q}
	_, err := batch.Run(ctx, src, workers, g.Threads, c.runJob(g), queueSink{q})
	return cmp.Or(err, src.err, q.Done())
}

// Dismiss has nothing to do: the other ranks stop when the queue is empty.
func (c *BatchCmd) Dismiss(g *Globals) error { return nil }

// queueSource is the batch.Source of a rank other than 0: rank 0's queue.
type queueSource struct {
	q   cluster.QueueClient
	mu  sync.Mutex
	err error // the first failure to get a job (the rank then stops asking)
}

func (s *queueSource) Next(ctx context.Context) (batch.Job, bool) {
	if ctx.Err() != nil {
		return batch.Job{}, false
	}
	b, ok, err := s.q.Next()
	var j batch.Job
	if err == nil && ok {
		err = json.Unmarshal(b, &j)
	}
	if err != nil {
		s.mu.Lock()
		s.err = cmp.Or(s.err, err)
		s.mu.Unlock()
		return batch.Job{}, false
	}
	return j, ok
}

// queueSink sends each result to rank 0.
type queueSink struct{ q cluster.QueueClient }

func (s queueSink) Record(r batch.Result) error {
	r.Rank = s.q.Comm.Rank()
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return s.q.Result(b)
}
