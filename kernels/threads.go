package kernels

import (
	"runtime"
	"sync/atomic"
)

// threadBudget is how many goroutines a large kernel call (GEMM) may use.
var threadBudget atomic.Int64

func init() { threadBudget.Store(int64(runtime.NumCPU())) }

// SetThreads sets how many goroutines large kernel calls may use; n <= 0
// restores the default, runtime.NumCPU(). Results never depend on it: work
// is split into disjoint output blocks and no sum is split across threads.
func SetThreads(n int) {
	if n <= 0 {
		n = runtime.NumCPU()
	}
	threadBudget.Store(int64(n))
}

// Threads reports the goroutine budget set with SetThreads.
func Threads() int { return int(threadBudget.Load()) }
