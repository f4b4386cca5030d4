// Package mpi is a thin cgo binding to the MPI C API, compiled only with
// the build tag mpi (the default build of ansatz is pure Go and this
// package is empty there). It offers what a distributed search needs and
// nothing more: rank and size, broadcast, gather, all-gather, sum, a ring
// shift, tagged point-to-point messages, abort and finalize.
//
// Every MPI call runs on one goroutine locked to the OS thread that
// initialised MPI (MPI_THREAD_FUNNELED), and every operation is
// non-blocking underneath (MPI_I* and MPI_Test, MPI_Iprobe), polled by that
// goroutine. So the caller's view is blocking, while the MPI thread stays
// free to exchange heartbeats with its ring neighbours and to abort the job
// when one goes silent (a dead or hung rank) instead of waiting forever.
// Errors are returned (MPI_ERRORS_RETURN), never fatal inside MPI.
//
// Build: `go build -tags mpi` finds the library with `pkg-config mpi`
// (Debian and Ubuntu install it with libopenmpi-dev or libmpich-dev); with
// `-tags mpi,mpicc` no pkg-config is used and CC=mpicc supplies the flags.
// Files: shim.c/shim.h the C side, world.go start and stop, thread.go the
// MPI goroutine and heartbeats, ops.go the operations.
package mpi
