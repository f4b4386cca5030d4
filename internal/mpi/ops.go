//go:build mpi

package mpi

/*
#include <stdlib.h>
#include <string.h>
#include "shim.h"
*/
import "C"

import (
	"fmt"
	"math"
	"unsafe"
)

// cbytes copies b into C memory (at least one byte, so the pointer is
// never NULL); the caller frees it.
func cbytes(b []byte) unsafe.Pointer {
	p := C.malloc(C.size_t(max(len(b), 1)))
	if len(b) > 0 {
		C.memcpy(p, unsafe.Pointer(&b[0]), C.size_t(len(b)))
	}
	return p
}

// cints allocates n C ints (at least one).
func cints(n int) *C.int {
	return (*C.int)(C.malloc(C.size_t(max(n, 1)) * C.size_t(unsafe.Sizeof(C.int(0)))))
}

func intsOf(p *C.int, n int) []C.int { return unsafe.Slice(p, n) }

// fits checks that a message length fits MPI's int counts.
func fits(n int) error {
	if n > math.MaxInt32 {
		return fmt.Errorf("message of %d bytes is larger than MPI's 2 GiB limit", n)
	}
	return nil
}

// call runs a non-blocking operation on the MPI thread and waits until its
// request completes.
func (w *World) call(name string, start func(r *C.ans_req) C.int) error {
	r := C.ans_req_new()
	defer C.ans_req_free(r)
	return w.do(&task{
		start: func() error { return mpiError(name, start(r)) },
		poll: func() (bool, error) {
			var done C.int
			rc := C.ans_test(r, &done)
			return done != 0, mpiError(name, rc)
		},
	})
}

// Bcast sends rank 0's msg to every rank and returns it (the msg argument
// of other ranks is ignored).
func (w *World) Bcast(msg []byte) ([]byte, error) {
	if err := fits(len(msg)); err != nil {
		return nil, err
	}
	n := cints(1)
	defer C.free(unsafe.Pointer(n))
	*n = C.int(len(msg))
	if err := w.call("MPI_Ibcast", func(r *C.ans_req) C.int { return C.ans_ibcast(unsafe.Pointer(n), C.int(unsafe.Sizeof(*n)), r) }); err != nil {
		return nil, err
	}
	size := int(*n)
	var buf unsafe.Pointer
	if w.rank == 0 {
		buf = cbytes(msg)
	} else {
		buf = C.malloc(C.size_t(max(size, 1)))
	}
	defer C.free(buf)
	if err := w.call("MPI_Ibcast", func(r *C.ans_req) C.int { return C.ans_ibcast(buf, C.int(size), r) }); err != nil {
		return nil, err
	}
	return C.GoBytes(buf, C.int(size)), nil
}

// AllGather returns every rank's msg, in rank order, on every rank.
func (w *World) AllGather(msg []byte) ([][]byte, error) {
	return w.gather(msg, true)
}

// Gather returns every rank's msg, in rank order, on rank 0 and nil on
// the others.
func (w *World) Gather(msg []byte) ([][]byte, error) {
	return w.gather(msg, false)
}

// gather is AllGather (all) or Gather: the lengths first, then the bytes.
func (w *World) gather(msg []byte, all bool) ([][]byte, error) {
	if err := fits(len(msg)); err != nil {
		return nil, err
	}
	in := cints(1)
	defer C.free(unsafe.Pointer(in))
	*in = C.int(len(msg))
	lens := cints(w.size)
	defer C.free(unsafe.Pointer(lens))
	name, collect := "MPI_Iallgather", func(r *C.ans_req) C.int { return C.ans_iallgather_int(in, lens, r) }
	if !all {
		name, collect = "MPI_Igather", func(r *C.ans_req) C.int { return C.ans_igather_int(in, lens, r) }
	}
	if err := w.call(name, collect); err != nil {
		return nil, err
	}
	root := all || w.rank == 0
	displs := cints(w.size)
	defer C.free(unsafe.Pointer(displs))
	total := 0
	if root {
		for i, n := range intsOf(lens, w.size) {
			intsOf(displs, w.size)[i] = C.int(total)
			total += int(n)
		}
		if err := fits(total); err != nil {
			return nil, err
		}
	}
	send := cbytes(msg)
	defer C.free(send)
	recv := C.malloc(C.size_t(max(total, 1)))
	defer C.free(recv)
	name, collect = "MPI_Iallgatherv", func(r *C.ans_req) C.int { return C.ans_iallgatherv(send, *in, recv, lens, displs, r) }
	if !all {
		name, collect = "MPI_Igatherv", func(r *C.ans_req) C.int { return C.ans_igatherv(send, *in, recv, lens, displs, r) }
	}
	if err := w.call(name, collect); err != nil {
		return nil, err
	}
	if !root {
		return nil, nil
	}
	out := make([][]byte, w.size)
	for i, n := range intsOf(lens, w.size) {
		out[i] = C.GoBytes(unsafe.Add(recv, int(intsOf(displs, w.size)[i])), n)
	}
	return out, nil
}

// AllSum replaces v by its element-wise sum over the ranks (v must have the
// same length everywhere).
func (w *World) AllSum(v []float64) error { return w.allReduce(v, 0) }

// AllMin replaces v by its element-wise minimum over the ranks.
func (w *World) AllMin(v []float64) error { return w.allReduce(v, 1) }

// allReduce is MPI_Iallreduce on doubles with op 0 (sum) or 1 (min).
func (w *World) allReduce(v []float64, op C.int) error {
	if len(v) == 0 {
		return nil
	}
	bytes := C.size_t(len(v)) * C.size_t(unsafe.Sizeof(C.double(0)))
	in, out := (*C.double)(C.malloc(bytes)), (*C.double)(C.malloc(bytes))
	defer C.free(unsafe.Pointer(in))
	defer C.free(unsafe.Pointer(out))
	for i, x := range v {
		unsafe.Slice(in, len(v))[i] = C.double(x)
	}
	if err := w.call("MPI_Iallreduce", func(r *C.ans_req) C.int { return C.ans_iallreduce(in, out, C.int(len(v)), op, r) }); err != nil {
		return err
	}
	for i, x := range unsafe.Slice(out, len(v)) {
		v[i] = float64(x)
	}
	return nil
}

// Shift sends msg to rank (rank+k) mod size and returns what rank
// (rank−k) mod size sent: a ring exchange with stride k. Every rank must
// call it with the same k.
func (w *World) Shift(k int, msg []byte) ([]byte, error) {
	k = ((k % w.size) + w.size) % w.size
	if k == 0 {
		return append([]byte(nil), msg...), nil
	}
	return w.exchange(C.ANS_SHIFT, (w.rank+k)%w.size, (w.rank-k+w.size)%w.size, 0, msg)
}

// Send sends msg to rank to with tag (≥ 0); it returns once the message is
// on its way.
func (w *World) Send(to, tag int, msg []byte) error {
	if err := fits(len(msg)); err != nil {
		return err
	}
	buf := cbytes(msg)
	defer C.free(buf)
	return w.call("MPI_Isend", func(r *C.ans_req) C.int {
		return C.ans_isend(C.ANS_P2P, buf, C.int(len(msg)), C.int(to), C.int(tag), r)
	})
}

// Recv waits for a message with tag from any rank and returns the sender
// and the message.
func (w *World) Recv(tag int) (from int, msg []byte, err error) {
	rv := newReceiver(C.ANS_P2P, -1, C.int(tag))
	err = w.do(&task{poll: rv.poll})
	return rv.from, rv.msg, err
}

// exchange sends msg to dest and receives one message from src, both with
// tag on comm, in one task so neither side can block the other.
func (w *World) exchange(comm C.int, dest, src, tag int, msg []byte) ([]byte, error) {
	if err := fits(len(msg)); err != nil {
		return nil, err
	}
	buf := cbytes(msg)
	defer C.free(buf)
	r := C.ans_req_new()
	defer C.ans_req_free(r)
	sent := false
	rv := newReceiver(comm, C.int(src), C.int(tag))
	err := w.do(&task{
		start: func() error {
			return mpiError("MPI_Isend", C.ans_isend(comm, buf, C.int(len(msg)), C.int(dest), C.int(tag), r))
		},
		poll: func() (bool, error) {
			if !sent {
				var done C.int
				if err := mpiError("MPI_Test", C.ans_test(r, &done)); err != nil {
					return false, err
				}
				sent = done != 0
			}
			got, err := rv.poll()
			return sent && got, err
		},
	})
	return rv.msg, err
}

// receiver receives one message matching src and tag (−1: any) on comm,
// probing first so the length need not be known in advance.
type receiver struct {
	comm, src, tag C.int
	done           bool
	from           int
	msg            []byte
}

func newReceiver(comm, src, tag C.int) *receiver { return &receiver{comm: comm, src: src, tag: tag} }

// poll runs on the MPI thread; it reports whether the message is in.
func (rv *receiver) poll() (bool, error) {
	if rv.done {
		return true, nil
	}
	var found, from, tag, count C.int
	if err := mpiError("MPI_Iprobe", C.ans_iprobe(rv.comm, rv.src, rv.tag, &found, &from, &tag, &count)); err != nil || found == 0 {
		return false, err
	}
	buf := C.malloc(C.size_t(max(count, 1)))
	defer C.free(buf)
	if err := mpiError("MPI_Recv", C.ans_recv(rv.comm, buf, count, from, tag)); err != nil {
		return false, err
	}
	rv.done, rv.from, rv.msg = true, int(from), C.GoBytes(buf, count)
	return true, nil
}
