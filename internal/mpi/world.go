//go:build mpi

package mpi

/*
#cgo !mpicc pkg-config: mpi
#cgo mpicc LDFLAGS: -lmpi
#include <stdlib.h>
#include "shim.h"
*/
import "C"

import (
	"fmt"
	"os"
	"strings"
	"time"
	"unsafe"
)

// World is MPI_COMM_WORLD as this process sees it.
type World struct {
	rank, size int
	tasks      chan *task
	// Heartbeats: every beatEvery this rank tells its right neighbour it
	// is alive; silence from the left neighbour for longer than timeout
	// is a failure (see thread.go).
	beatEvery, timeout time.Duration
	onFailure          func(error)
}

// Launched reports whether an MPI launcher (mpirun, mpiexec, srun with
// PMI or PMIx) started this process, from the environment variables they
// set; ANSATZ_MPI=1 forces MPI on (a singleton start).
func Launched() bool {
	for _, v := range []string{"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE", "MPI_LOCALNRANKS"} {
		if os.Getenv(v) != "" {
			return true
		}
	}
	return os.Getenv("ANSATZ_MPI") == "1"
}

// Config are the failure-detection settings of Start.
type Config struct {
	// Heartbeat is the interval between heartbeats; Timeout the silence
	// after which the left neighbour counts as dead or hung.
	Heartbeat, Timeout time.Duration
	// OnFailure is called on the MPI thread when a failure is detected
	// (silence, a failed send), just before the job is aborted; it should
	// print one line saying what happened.
	OnFailure func(error)
}

// DefaultTimeout is how long a rank may stay silent before the job is
// aborted, unless ANSATZ_MPI_TIMEOUT (a Go duration such as "30s") says
// otherwise.
const DefaultTimeout = 5 * time.Second

// Start initialises MPI on a goroutine of its own (see doc.go).
func Start(cfg Config) (*World, error) {
	w := &World{tasks: make(chan *task), beatEvery: cfg.Heartbeat, timeout: cfg.Timeout, onFailure: cfg.OnFailure}
	if w.beatEvery <= 0 {
		w.beatEvery = time.Second
	}
	if w.timeout <= 0 {
		w.timeout = DefaultTimeout
	}
	if w.onFailure == nil {
		w.onFailure = func(err error) { fmt.Fprintln(os.Stderr, "ansatz:", err) }
	}
	ready := make(chan error)
	go w.thread(ready)
	if err := <-ready; err != nil {
		return nil, err
	}
	return w, nil
}

// Rank is this process's rank in MPI_COMM_WORLD.
func (w *World) Rank() int { return w.rank }

// Size is the number of ranks.
func (w *World) Size() int { return w.size }

// Abort ends the whole job with exit code code (MPI_Abort). It does not
// return; if MPI does not end the process within a few seconds, it exits.
func (w *World) Abort(code int) {
	exitLater(code)
	w.do(&task{start: func() error {
		C.ans_abort(C.int(code))
		return nil
	}})
	select {}
}

// Finalize says goodbye to the ring neighbours, waits until the left one
// has said goodbye too (still watching it for silence), and ends MPI.
func (w *World) Finalize() error {
	return w.do(&task{finalize: true})
}

// mpiError turns an MPI return code into an error naming the call.
func mpiError(call string, rc C.int) error {
	if rc == 0 {
		return nil
	}
	buf := (*C.char)(C.malloc(512))
	defer C.free(unsafe.Pointer(buf))
	C.ans_error_string(rc, buf, 512)
	return fmt.Errorf("%s failed: %s", call, strings.TrimSpace(C.GoString(buf)))
}

// Library is the name and version MPI_Get_library_version starts with,
// e.g. "Open MPI v4.1.4"; it may be called before Start.
func Library() string {
	buf := (*C.char)(C.malloc(4096))
	defer C.free(unsafe.Pointer(buf))
	C.ans_library_version(buf, 4096)
	s, _, _ := strings.Cut(C.GoString(buf), ",") // "Open MPI v4.1.4, package: ..."
	s, _, _ = strings.Cut(s, "\n")
	return strings.TrimSpace(s)
}
