//go:build mpi

package mpi

/*
#include <stdlib.h>
#include "shim.h"
*/
import "C"

import (
	"fmt"
	"os"
	"runtime"
	"slices"
	"time"
	"unsafe"
)

// task is work for the MPI thread: start runs once, then poll runs on
// every turn of the thread's loop until it reports done or fails; then the
// waiting caller gets the error (nil on success). finalize marks the last
// task (see World.Finalize).
type task struct {
	start    func() error
	poll     func() (bool, error)
	finalize bool
	done     chan error
}

// do hands t to the MPI thread and waits for it.
func (w *World) do(t *task) error {
	t.done = make(chan error, 1)
	w.tasks <- t
	return <-t.done
}

// thread is the MPI goroutine: it initialises MPI on its locked OS thread,
// then loops: beat the heart, poll the tasks in flight, take new ones.
// With tasks in flight it polls at once while they progress and backs off
// to at most maxPause when they do not; with none it sleeps until the next
// heartbeat is due or a task arrives.
func (w *World) thread(ready chan<- error) {
	runtime.LockOSThread() // for good: MPI is funnelled through this thread
	var rank, size C.int
	if rc := C.ans_init(&rank, &size); rc != 0 {
		ready <- mpiError("MPI_Init_thread", rc)
		return
	}
	w.rank, w.size = int(rank), int(size)
	h := newHeart(w)
	ready <- nil

	var active []*task
	var last *task      // the finalize task, once asked for
	var quiet time.Time // since when tasks in flight have made no progress
	timer := time.NewTimer(time.Hour)
	for {
		now := time.Now()
		if err := h.turn(now); err != nil {
			w.fail(err)
		}
		progressed := false
		for i := 0; i < len(active); {
			t := active[i]
			done, err := t.poll()
			if !done && err == nil {
				i++
				continue
			}
			t.done <- err
			active = slices.Delete(active, i, i+1)
			progressed = true
		}
		if last != nil && len(active) == 0 && h.finished() {
			last.done <- mpiError("MPI_Finalize", C.ans_finalize())
			return
		}
		var pause time.Duration
		switch {
		case progressed:
			quiet = now
		case len(active) > 0 || last != nil:
			pause = pollPause(now.Sub(quiet))
		default:
			pause = min(h.nextDue(now), 100*time.Millisecond)
		}
		var t *task
		if pause == 0 {
			select {
			case t = <-w.tasks:
			default:
				if !progressed {
					C.ans_yield()
				}
			}
		} else {
			timer.Reset(pause)
			select {
			case t = <-w.tasks:
				if !timer.Stop() {
					<-timer.C
				}
			case <-timer.C:
			}
		}
		if t == nil {
			continue
		}
		quiet = time.Now()
		if t.finalize {
			last = t
			h.sayGoodbye()
			continue
		}
		if t.start != nil {
			if err := t.start(); err != nil {
				t.done <- err
				continue
			}
		}
		if t.poll == nil {
			t.done <- nil
			continue
		}
		active = append(active, t)
	}
}

// Polling: tasks in flight are polled without pause (but yielding the
// core to any other process that wants it) for spinFor after their last
// progress (an exchange between ranks that are all there completes within
// microseconds, and Open MPI's non-blocking collectives advance only while
// some MPI call runs), then with pauses of an eighth
// of the time waited so far, at most maxPause: a rank waiting for a slow
// one costs little CPU and notices it at most 12% (or maxPause) late.
const (
	spinFor  = 200 * time.Microsecond
	maxPause = time.Millisecond
)

func pollPause(waited time.Duration) time.Duration {
	if waited < spinFor && !oversubscribed {
		return 0
	}
	return min(waited/8, maxPause)
}

// oversubscribed is set when Open MPI runs more ranks than cores here:
// a spinning rank would then hold up the very ranks it waits for.
var oversubscribed = os.Getenv("OMPI_MCA_mpi_oversubscribe") == "1"

// fail reports a failure this rank detected and aborts the job.
func (w *World) fail(err error) {
	w.onFailure(fmt.Errorf("rank %d: %w; aborting the job", w.rank, err))
	exitLater(1)
	C.ans_abort(1)
	select {}
}

// exitLater exits the process with code after a few seconds, in case
// MPI_Abort cannot end it (the launcher is gone already).
func exitLater(code int) {
	go func() {
		time.Sleep(5 * time.Second)
		os.Exit(code)
	}()
}

// Heartbeat tags on the ANS_HEART communicator.
const (
	tagBeat    = 1
	tagGoodbye = 2
)

// heart sends heartbeats to the right neighbour (rank+1) and watches the
// left one (rank−1), so every rank is watched by exactly one other. A
// rank leaving normally says goodbye first, which ends the watch.
type heart struct {
	w           *World
	on          bool // more than one rank
	left, right int
	next        time.Time // next beat due
	heard       time.Time // last message from the left neighbour
	lastTurn    time.Time
	leftGone    bool // the left neighbour said goodbye
	saidBye     bool
	sends       []*C.ans_req // beats in flight
	byte1       unsafe.Pointer
}

func newHeart(w *World) *heart {
	now := time.Now()
	return &heart{w: w, on: w.size > 1, left: (w.rank + w.size - 1) % w.size, right: (w.rank + 1) % w.size,
		next: now, heard: now, lastTurn: now, byte1: C.malloc(1)}
}

// nextDue is how long until the heart needs the thread again.
func (h *heart) nextDue(now time.Time) time.Duration {
	if !h.on {
		return time.Hour
	}
	return max(h.next.Sub(now), 0) + time.Millisecond
}

// turn completes beats in flight, sends one when due, reads what the left
// neighbour sent, and fails if it has been silent for longer than the
// timeout. A rank that was itself away (stopped, descheduled) since its
// last turn cannot judge the silence, so it gives the neighbour a new
// timeout instead of accusing it.
func (h *heart) turn(now time.Time) error {
	if !h.on {
		return nil
	}
	if now.Sub(h.lastTurn) > h.w.timeout/2 {
		h.heard = now
	}
	h.lastTurn = now
	for i := 0; i < len(h.sends); {
		var done C.int
		if err := mpiError("heartbeat MPI_Test", C.ans_test(h.sends[i], &done)); err != nil {
			return fmt.Errorf("rank %d cannot be reached: %v", h.right, err)
		}
		if done == 0 {
			i++
			continue
		}
		C.ans_req_free(h.sends[i])
		h.sends = slices.Delete(h.sends, i, i+1)
	}
	if !h.saidBye && !now.Before(h.next) {
		if err := h.send(tagBeat); err != nil {
			return err
		}
		h.next = now.Add(h.w.beatEvery)
	}
	for !h.leftGone {
		var found, from, tag, count C.int
		if err := mpiError("heartbeat MPI_Iprobe", C.ans_iprobe(C.ANS_HEART, C.int(h.left), -1, &found, &from, &tag, &count)); err != nil {
			return fmt.Errorf("rank %d cannot be reached: %v", h.left, err)
		}
		if found == 0 {
			break
		}
		if err := mpiError("heartbeat MPI_Recv", C.ans_recv(C.ANS_HEART, h.byte1, 1, C.int(h.left), tag)); err != nil {
			return fmt.Errorf("rank %d cannot be reached: %v", h.left, err)
		}
		h.heard = now
		h.leftGone = tag == tagGoodbye
	}
	if !h.leftGone && now.Sub(h.heard) > h.w.timeout {
		return fmt.Errorf("rank %d has not been heard from for %s (dead or hung)", h.left, h.w.timeout)
	}
	return nil
}

func (h *heart) send(tag C.int) error {
	r := C.ans_req_new()
	if err := mpiError("heartbeat MPI_Isend", C.ans_isend(C.ANS_HEART, h.byte1, 1, C.int(h.right), tag, r)); err != nil {
		C.ans_req_free(r)
		return fmt.Errorf("rank %d cannot be reached: %v", h.right, err)
	}
	h.sends = append(h.sends, r)
	return nil
}

// sayGoodbye tells the right neighbour to stop watching this rank.
func (h *heart) sayGoodbye() {
	if !h.on || h.saidBye {
		return
	}
	if err := h.send(tagGoodbye); err != nil {
		h.w.fail(err)
	}
	h.saidBye = true
}

// finished reports whether the heart may stop: goodbye sent and delivered,
// goodbye received.
func (h *heart) finished() bool {
	return !h.on || h.saidBye && len(h.sends) == 0 && h.leftGone
}
