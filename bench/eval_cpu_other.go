//go:build !linux

package bench

import "time"

// threadCPU is unavailable off Linux; the benchmark then reports wall time only.
func threadCPU() time.Duration { return -1 }

// processCPU is unavailable off Linux.
func processCPU() time.Duration { return -1 }
