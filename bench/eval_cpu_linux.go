package bench

import (
	"syscall"
	"time"
)

// threadCPU is the CPU time the calling OS thread has used (Linux
// RUSAGE_THREAD), or -1 if unavailable. On a shared machine the wall-clock
// rate of a single-threaded benchmark drops with the load of other
// processes; the CPU-time rate does not.
func threadCPU() time.Duration {
	const rusageThread = 1
	var ru syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return -1
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
