//go:build unix

package kan

import (
	"syscall"
	"time"
)

// processCPU is the user+system CPU time of the process (all threads), or
// -1: on a shared machine the wall time of a benchmark grows with the
// other processes' load, its CPU time much less.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return -1
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
