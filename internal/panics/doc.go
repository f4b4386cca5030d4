// Package panics carries a panic from a worker goroutine to the goroutine
// that waits for it. A panic in a goroutine of its own kills the process
// with a traceback, before any deferred code of the command runs; caught
// in the worker and raised again in the waiting goroutine (Group.Wait), it
// climbs the command's own stack instead, where the search, training or
// batch loop writes what it has and the CLI prints one line and exits 1.
//
// Inject is the test hook that makes a named worker panic, so each
// recovery path has a test that fails without it.
//
// It imports only the standard library; every package with workers may
// import it.
package panics
