//go:build mpi

package cluster

import (
	"os"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/internal/mpi"
	"github.com/ansatz/ansatz/internal/mpitest"
)

func launched() bool { return mpi.Launched() }

// TestMPIOperationsOnFourRanks runs TestMPIOperations on four ranks under
// mpirun; every rank must pass.
func TestMPIOperationsOnFourRanks(t *testing.T) {
	if launched() {
		t.Skip("already under mpirun")
	}
	out, err := mpitest.Command(t, 4, os.Args[0], "-test.run", "^TestMPIOperations$", "-test.v").CombinedOutput()
	if err != nil {
		t.Fatalf("mpirun: %v\n%s", err, out)
	}
	if n := strings.Count(string(out), "--- PASS: TestMPIOperations"); n != 4 {
		t.Fatalf("%d of 4 ranks passed:\n%s", n, out)
	}
}

// TestMPIOperations is exercise on MPI_COMM_WORLD; it runs only under
// mpirun (see TestMPIOperationsOnFourRanks).
func TestMPIOperations(t *testing.T) {
	if !launched() {
		t.Skip("not started by mpirun")
	}
	w, err := Start(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !w.Compiled || !strings.Contains(w.Library, "MPI") {
		t.Errorf("Compiled %v, Library %q", w.Compiled, w.Library)
	}
	exercise(t, w.Comm)
	if err := w.Finalize(); err != nil {
		t.Error(err)
	}
}
