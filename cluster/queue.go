package cluster

import (
	"errors"
	"fmt"
)

// A work queue on rank 0: the other ranks ask for items one at a time and
// send back one result per item, so a list of jobs fills every rank of an
// allocation however long each job takes. Items and results are opaque
// bytes. Messages to rank 0 share one tag, so each rank's ask, results and
// goodbye arrive in the order sent; the first byte says which it is.
const (
	tagToQueue   = 101
	tagFromQueue = 102
)

const (
	msgAsk    = 'a'
	msgResult = 'r'
	msgBye    = 'b'
)

// ServeQueue runs on rank 0 while the other ranks work through
// QueueClients: every ask gets next()'s item, or "no more" once next
// reports none; every result goes to record with its sender. It returns
// when every other rank has said it is done (QueueClient.Done).
func ServeQueue(c Comm, next func() ([]byte, bool), record func(from int, result []byte)) error {
	if c.Rank() != 0 {
		return fmt.Errorf("ServeQueue runs on rank 0, not %d", c.Rank())
	}
	for left := c.Size() - 1; left > 0; {
		from, msg, err := c.Recv(tagToQueue)
		if err != nil {
			return err
		}
		if len(msg) == 0 {
			return fmt.Errorf("empty queue message from rank %d", from)
		}
		switch msg[0] {
		case msgAsk:
			reply := []byte{0} // no more
			if item, ok := next(); ok {
				reply = append([]byte{1}, item...)
			}
			if err := c.Send(from, tagFromQueue, reply); err != nil {
				return err
			}
		case msgResult:
			record(from, msg[1:])
		case msgBye:
			left--
		default:
			return fmt.Errorf("unknown queue message %q from rank %d", msg[0], from)
		}
	}
	return nil
}

// QueueClient takes work from ServeQueue on rank 0. A rank's workers may
// share one: each ask is answered once, and any worker may take any item.
type QueueClient struct{ Comm Comm }

// Next asks rank 0 for an item; ok is false when there are no more.
func (q QueueClient) Next() (item []byte, ok bool, err error) {
	if err := q.Comm.Send(0, tagToQueue, []byte{msgAsk}); err != nil {
		return nil, false, err
	}
	_, reply, err := q.Comm.Recv(tagFromQueue)
	if err != nil {
		return nil, false, err
	}
	if len(reply) == 0 {
		return nil, false, errors.New("empty reply from the queue on rank 0")
	}
	return reply[1:], reply[0] == 1, nil
}

// Result sends the result of an item to rank 0.
func (q QueueClient) Result(b []byte) error {
	return q.Comm.Send(0, tagToQueue, append([]byte{msgResult}, b...))
}

// Done tells rank 0 that this rank will ask no more, once all its
// workers have finished.
func (q QueueClient) Done() error { return q.Comm.Send(0, tagToQueue, []byte{msgBye}) }
