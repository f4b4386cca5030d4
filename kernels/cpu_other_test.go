//go:build !unix

package kernels

import "time"

// processCPU is unavailable here.
func processCPU() time.Duration { return -1 }
