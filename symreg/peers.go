package symreg

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
)

// Peers joins the ranks of a distributed search (the processes of an MPI
// job, see package cluster). Rank 0 calls Search with Options.Peers set;
// it sends the data, the settings and the checkpoint to resume to the
// other ranks, which wait in Serve. Then every rank evolves islands of its
// own (Options.Populations per rank), and after every iteration the ranks
// exchange, in a fixed order so that a fixed number of ranks gives the
// same result for the same seed:
//
//   - the hall of fame's new entries, so every rank holds the same hall of
//     fame (rank 0 prints it; every rank migrates from it);
//   - the counters behind the stopping rules (evaluations, and whether a
//     rank is out of time or interrupted), so all ranks stop together;
//   - migrants: each rank sends its islands' best members to one other
//     rank, the ring stride changing every iteration (see shiftStride).
//
// Rank 0 writes the one checkpoint, holding every rank's islands; a
// resumed search spreads them over however many ranks it has.
//
// Every method is collective (called by every rank in the same order);
// cluster.Comm (MPI) and cluster/inproc (ranks in one process, for tests)
// implement Peers.
type Peers interface {
	Rank() int
	Size() int
	// Bcast returns rank 0's msg on every rank.
	Bcast(msg []byte) ([]byte, error)
	// AllGather returns every rank's msg, in rank order, on every rank.
	AllGather(msg []byte) ([][]byte, error)
	// Gather returns every rank's msg, in rank order, on rank 0.
	Gather(msg []byte) ([][]byte, error)
	// AllSum replaces v by its element-wise sum over the ranks.
	AllSum(v []float64) error
	// AllMin replaces v by its element-wise minimum over the ranks.
	AllMin(v []float64) error
	// Shift sends msg to rank (Rank()+k) mod Size() and returns the msg of
	// rank (Rank()−k) mod Size().
	Shift(k int, msg []byte) ([]byte, error)
}

// distributed reports whether o runs on more than one rank.
func (o *Options) distributed() bool { return o.Peers != nil && o.Peers.Size() > 1 }

// request is what rank 0 sends the other ranks to start a search. Progress
// and Peers are not sent (gob skips functions; Peers is cleared).
type request struct {
	Data   Data
	Opts   Options
	Resume *Checkpoint
}

// announce, on rank 0 of a distributed search, sends the search to the
// other ranks. Searches on other ranks start in Serve, never directly.
func announce(data *Data, opts Options, resume *Checkpoint) error {
	if !opts.distributed() {
		return nil
	}
	if r := opts.Peers.Rank(); r != 0 {
		return fmt.Errorf("Search called on rank %d: only rank 0 calls Search with Peers, the others call Serve", r)
	}
	peers := opts.Peers
	opts.Peers, opts.Progress = nil, nil
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(request{Data: *data, Opts: opts, Resume: resume}); err != nil {
		return fmt.Errorf("encoding the search for the other ranks: %w", err)
	}
	_, err := peers.Bcast(b.Bytes())
	return err
}

// Serve runs this rank's part of every search that rank 0 starts with
// Options.Peers, until rank 0 calls Dismiss. Call it on every rank but 0.
// Failures rank 0 meets as well (a search that finds no formula) are left
// to rank 0 to report.
func Serve(ctx context.Context, peers Peers) error {
	for {
		msg, err := peers.Bcast(nil)
		if err != nil {
			return err
		}
		if len(msg) == 0 {
			return nil // dismissed
		}
		var req request
		if err := gob.NewDecoder(bytes.NewReader(msg)).Decode(&req); err != nil {
			return fmt.Errorf("decoding the search rank 0 sent: %w", err)
		}
		req.Opts.Peers = peers
		e, err := newEngine(&req.Data, req.Opts, req.Resume)
		if err != nil {
			return err
		}
		if _, err := e.run(ctx); err != nil && !errors.Is(err, errEmptyFront) {
			return err
		}
	}
}

// Dismiss, on rank 0, ends Serve on the other ranks.
func Dismiss(peers Peers) error {
	if peers == nil || peers.Size() < 2 {
		return nil
	}
	_, err := peers.Bcast(nil)
	return err
}
