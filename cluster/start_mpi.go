//go:build mpi

package cluster

import (
	"fmt"
	"os"
	"time"

	"github.com/ansatz/ansatz/internal/mpi"
)

// Start joins the MPI job this process was launched in (mpirun, srun):
// World.Comm is then MPI_COMM_WORLD. A process not started by an MPI
// launcher runs alone. onFailure is called with a one-line description
// when this rank finds another dead or hung, just before the job is
// aborted. ANSATZ_MPI_TIMEOUT (a duration, default 5s) is how long a rank
// may stay silent.
func Start(onFailure func(error)) (*World, error) {
	w := &World{Compiled: true, Library: mpi.Library()}
	if !mpi.Launched() {
		return w, nil
	}
	timeout := mpi.DefaultTimeout
	if s := os.Getenv("ANSATZ_MPI_TIMEOUT"); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			return nil, fmt.Errorf("ANSATZ_MPI_TIMEOUT=%q is not a positive duration such as 30s", s)
		}
		timeout = d
	}
	mw, err := mpi.Start(mpi.Config{Timeout: timeout, OnFailure: onFailure})
	if err != nil {
		return nil, err
	}
	w.Comm = mw
	w.abort, w.finalize = mw.Abort, mw.Finalize
	return w, nil
}
