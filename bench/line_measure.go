package bench

import (
	"time"

	"github.com/ansatz/ansatz/kernels"
)

// Result is one timing: the operation ran N times in Elapsed.
type Result struct {
	N       int
	Elapsed time.Duration
}

// NsPerOp is the mean time of one operation in nanoseconds.
func (r Result) NsPerOp() float64 {
	if r.N == 0 {
		return 0
	}
	return float64(r.Elapsed.Nanoseconds()) / float64(r.N)
}

// Rate converts the timing into a throughput: units processed per second,
// when one operation processes unitsPerOp units (elements, flops, rows).
func (r Result) Rate(unitsPerOp float64) float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return unitsPerOp * float64(r.N) / r.Elapsed.Seconds()
}

// Time measures fn the way testing.Benchmark does, but with a chosen
// duration: fn(n) must run the operation n times; Time calls it with a
// growing n (after a warm-up call with n=1) until one call lasts at least
// target, and returns that last call's count and duration. A short target
// (the suites' --quick) trades precision for speed.
func Time(target time.Duration, fn func(n int)) Result {
	fn(1) // warm-up: page in code and data, fill caches
	n := 1
	for {
		start := time.Now()
		fn(n)
		el := time.Since(start)
		if el >= target || n >= 1<<40 {
			return Result{N: n, Elapsed: el}
		}
		// Predict the n that reaches the target with 20% headroom; grow at
		// least 2x and at most 100x per round, as the testing package does.
		next := n * 100
		if el > 0 {
			pred := int(float64(n) * 1.2 * float64(target) / float64(el))
			if pred < next {
				next = pred
			}
		}
		if next < 2*n {
			next = 2 * n
		}
		n = next
	}
}

// ISAs lists the kernel implementations this machine can run, best first,
// ending with "generic" (kernels.Available).
func ISAs() []string { return kernels.Available() }

// ForEachISA switches the kernels to each ISA in turn, calls fn, and
// restores the ISA that was in force before, even when fn fails. It stops
// at the first error. Measuring every implementation in one run is what
// makes the reported speed-up ratios comparable.
func ForEachISA(isas []string, fn func(isa string) error) (err error) {
	before := kernels.Current()
	defer func() {
		if rerr := kernels.Use(before); rerr != nil && err == nil {
			err = rerr
		}
	}()
	for _, isa := range isas {
		if err := kernels.Use(isa); err != nil {
			return err
		}
		if err := fn(isa); err != nil {
			return err
		}
	}
	return nil
}

// Impl reports the implementation a kernel family runs now (for example
// "generic" when a family has no code for the ISA in force), so a line is
// labelled with what was really measured.
func Impl(family string) string {
	_, impl := kernels.Implementations()
	if s, ok := impl[family]; ok {
		return s
	}
	return kernels.Current()
}
