//go:build !unix

package kan

import "time"

// processCPU is unavailable here.
func processCPU() time.Duration { return -1 }
