// Package mpitest starts test programs under mpirun: tests of the mpi
// build run their own test binary (or the ansatz binary) on several ranks
// this way, so `go test -tags mpi ./...` needs no wrapper script.
package mpitest

import (
	"os"
	"os/exec"
	"strconv"
	"testing"
)

// Command is `mpirun -np np name args...` with --oversubscribe (CI machines
// have fewer cores than ranks) and, when running as root (containers),
// --allow-run-as-root. It skips the test when mpirun is not installed.
func Command(t testing.TB, np int, name string, args ...string) *exec.Cmd {
	t.Helper()
	mpirun, err := exec.LookPath("mpirun")
	if err != nil {
		t.Skip("mpirun not found: install openmpi-bin (or MPICH) to run the MPI tests")
	}
	return exec.Command(mpirun, append(Flags(np), append([]string{name}, args...)...)...)
}

// Flags are the mpirun flags Command uses, before the program name.
func Flags(np int) []string {
	f := []string{"--oversubscribe", "-np", strconv.Itoa(np)}
	if os.Geteuid() == 0 {
		f = append(f, "--allow-run-as-root")
	}
	return f
}
