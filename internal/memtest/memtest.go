// Package memtest measures what a piece of code allocates, for tests that
// check a loader's memory follows the bytes it is given rather than the
// sizes those bytes declare.
package memtest

import "runtime"

// Allocated runs f and returns the bytes the Go heap handed out meanwhile
// (cumulative, so memory freed again during f still counts). Other
// goroutines' allocations count too: bounds should leave room for them.
func Allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
