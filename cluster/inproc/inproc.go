// Package inproc gives ranks that live in one process, joined by
// in-memory mailboxes: they implement cluster.Comm (and so symreg.Peers)
// without MPI, for tests of the distributed search and the batch queue.
// It imports neither, so the packages it serves can use it in their own
// tests.
package inproc

import (
	"encoding/binary"
	"fmt"
	"math"
	"sync"
)

// Ranks returns n ranks joined by in-memory mailboxes: rank i is
// Ranks(n)[i], to be used from its own goroutine. They behave as the MPI
// implementation must: collectives in the same order on every rank,
// messages first in first out per sender, receiver and kind.
func Ranks(n int) []*Rank {
	h := &hub{box: map[mailKey][][]byte{}}
	h.cond = sync.NewCond(&h.mu)
	out := make([]*Rank, n)
	for i := range out {
		out[i] = &Rank{h: h, rank: i, size: n}
	}
	return out
}

// Message kinds: each has its own mailboxes, as each MPI operation kind
// has its own communicator.
const (
	kindColl = iota
	kindShift
	kindP2P
)

type mailKey struct{ from, to, kind, tag int }

// hub holds the messages in flight, first in first out per sender,
// receiver, kind and tag (MPI's non-overtaking rule).
type hub struct {
	mu   sync.Mutex
	cond *sync.Cond
	box  map[mailKey][][]byte
}

func (h *hub) put(k mailKey, msg []byte) {
	h.mu.Lock()
	h.box[k] = append(h.box[k], append([]byte{}, msg...))
	h.mu.Unlock()
	h.cond.Broadcast()
}

// take waits for a message to rank to of kind and tag, from rank from or,
// when from < 0, from the lowest rank that has one.
func (h *hub) take(from, to, kind, tag, size int) (int, []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for {
		for f := range size {
			if from >= 0 && f != from {
				continue
			}
			k := mailKey{f, to, kind, tag}
			if q := h.box[k]; len(q) > 0 {
				h.box[k] = q[1:]
				return f, q[0]
			}
		}
		h.cond.Wait()
	}
}

// Rank is one in-process rank.
type Rank struct {
	h          *hub
	rank, size int
}

func (l *Rank) Rank() int { return l.rank }
func (l *Rank) Size() int { return l.size }

func (l *Rank) send(to, kind, tag int, msg []byte) {
	l.h.put(mailKey{l.rank, to, kind, tag}, msg)
}

func (l *Rank) recv(from, kind, tag int) (int, []byte) {
	return l.h.take(from, l.rank, kind, tag, l.size)
}

func (l *Rank) Bcast(msg []byte) ([]byte, error) {
	if l.rank == 0 {
		for to := 1; to < l.size; to++ {
			l.send(to, kindColl, 0, msg)
		}
		return append([]byte{}, msg...), nil
	}
	_, m := l.recv(0, kindColl, 0)
	return m, nil
}

func (l *Rank) AllGather(msg []byte) ([][]byte, error) {
	for to := range l.size {
		if to != l.rank {
			l.send(to, kindColl, 0, msg)
		}
	}
	out := make([][]byte, l.size)
	for from := range l.size {
		if from == l.rank {
			out[from] = append([]byte{}, msg...)
			continue
		}
		_, out[from] = l.recv(from, kindColl, 0)
	}
	return out, nil
}

func (l *Rank) Gather(msg []byte) ([][]byte, error) {
	if l.rank != 0 {
		l.send(0, kindColl, 0, msg)
		return nil, nil
	}
	out := make([][]byte, l.size)
	out[0] = append([]byte{}, msg...)
	for from := 1; from < l.size; from++ {
		_, out[from] = l.recv(from, kindColl, 0)
	}
	return out, nil
}

// AllSum gathers every rank's vector and adds them in rank order, so all
// ranks get bit-identical sums.
func (l *Rank) AllSum(v []float64) error {
	return l.allReduce(v, func(a, b float64) float64 { return a + b })
}

// AllMin is the element-wise minimum over the ranks.
func (l *Rank) AllMin(v []float64) error {
	return l.allReduce(v, func(a, b float64) float64 { return min(a, b) })
}

// allReduce folds every rank's vector into v with op, in rank order.
func (l *Rank) allReduce(v []float64, op func(a, b float64) float64) error {
	buf := make([]byte, 8*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint64(buf[8*i:], math.Float64bits(x))
	}
	all, _ := l.AllGather(buf)
	for from, b := range all {
		if len(b) != len(buf) {
			return fmt.Errorf("rank %d sent %d values to reduce, rank %d has %d", from, len(b)/8, l.rank, len(v))
		}
		for i := range v {
			x := math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
			if from == 0 {
				v[i] = x
			} else {
				v[i] = op(v[i], x)
			}
		}
	}
	return nil
}

func (l *Rank) Shift(k int, msg []byte) ([]byte, error) {
	k = ((k % l.size) + l.size) % l.size
	l.send((l.rank+k)%l.size, kindShift, 0, msg)
	_, m := l.recv((l.rank-k+l.size)%l.size, kindShift, 0)
	return m, nil
}

func (l *Rank) Send(to, tag int, msg []byte) error {
	if to < 0 || to >= l.size {
		return fmt.Errorf("Send: no rank %d of %d", to, l.size)
	}
	l.send(to, kindP2P, tag, msg)
	return nil
}

func (l *Rank) Recv(tag int) (int, []byte, error) {
	from, m := l.recv(-1, kindP2P, tag)
	return from, m, nil
}
