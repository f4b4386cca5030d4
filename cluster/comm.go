package cluster

import "github.com/ansatz/ansatz/symreg"

// Comm joins the ranks of a job: the collectives of symreg.Peers (called
// by every rank in the same order) and tagged point-to-point messages.
type Comm interface {
	symreg.Peers
	// Send sends msg to rank to with tag (≥ 0).
	Send(to, tag int, msg []byte) error
	// Recv waits for a message with tag from any rank.
	Recv(tag int) (from int, msg []byte, err error)
}

// World is how this process was started.
type World struct {
	// Comm joins the job's ranks; nil when the process runs alone.
	Comm Comm
	// Compiled reports whether MPI support is built in (build tag mpi);
	// Library names the MPI library then.
	Compiled bool
	Library  string
	abort    func(code int)
	finalize func() error
}

// Rank is this process's rank (0 when alone).
func (w *World) Rank() int {
	if w == nil || w.Comm == nil {
		return 0
	}
	return w.Comm.Rank()
}

// Size is the number of ranks (1 when alone).
func (w *World) Size() int {
	if w == nil || w.Comm == nil {
		return 1
	}
	return w.Comm.Size()
}

// Abort ends the whole job with exit code code; alone, it returns and the
// caller exits as usual.
func (w *World) Abort(code int) {
	if w != nil && w.abort != nil {
		w.abort(code)
	}
}

// Finalize leaves the job normally; alone it does nothing.
func (w *World) Finalize() error {
	if w == nil || w.finalize == nil {
		return nil
	}
	return w.finalize()
}
