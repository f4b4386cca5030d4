//go:build mpi

package cluster

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/internal/mpi"
	"github.com/ansatz/ansatz/internal/mpitest"
)

func launched() bool { return mpi.Launched() }

// world is the MPI job this test binary runs in, when mpirun started it
// (see TestMain); nil otherwise.
var world *World

// TestMain joins the MPI job when mpirun started the test binary, runs the
// tests and benchmarks on every rank, and leaves the job.
func TestMain(m *testing.M) {
	if !launched() {
		os.Exit(m.Run())
	}
	var err error
	if world, err = Start(nil); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	if err := world.Finalize(); err != nil && code == 0 {
		fmt.Fprintln(os.Stderr, err)
		code = 1
	}
	os.Exit(code)
}

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
	if world == nil {
		t.Skip("not started by mpirun")
	}
	if !world.Compiled || !strings.Contains(world.Library, "MPI") {
		t.Errorf("Compiled %v, Library %q", world.Compiled, world.Library)
	}
	exercise(t, world.Comm)
}

// BenchmarkMPIIteration times what a distributed search exchanges per
// iteration (symreg's exchange and immigrants), with the sizes measured on
// the Feynman table I.6.2a with 8 islands per rank: a sum of 38 counters,
// two minima over 31 complexities (the best loss of each, then its rank),
// an all-gather of the winning hall-of-fame entries (770 bytes in all,
// spread over the ranks), and a ring shift of a 14 kB migration pool. Run
// it on R ranks with a fixed count, so that every rank runs the same
// number of rounds:
//
//	go test -tags mpi -c -o cluster.test ./cluster
//	mpirun -np R ./cluster.test -test.run '^$' -test.bench MPIIteration -test.benchtime 2000x
func BenchmarkMPIIteration(b *testing.B) {
	if world == nil {
		b.Skip("run under mpirun (see the doc comment)")
	}
	c := world.Comm
	sums, lows := make([]float64, 38), make([]float64, 31)
	hof := bytes.Repeat([]byte{'h'}, 770/c.Size())
	pool := bytes.Repeat([]byte{'p'}, 14000)
	for i := 0; b.Loop(); i++ {
		for _, err := range []error{c.AllSum(sums), c.AllMin(lows), c.AllMin(lows)} {
			if err != nil {
				b.Fatal(err)
			}
		}
		if _, err := c.AllGather(hof); err != nil {
			b.Fatal(err)
		}
		if _, err := c.Shift(1+i%max(c.Size()-1, 1), pool); err != nil {
			b.Fatal(err)
		}
	}
}
