package bench

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ansatz/ansatz/kernels"
)

// KernelFamilies are the groups `ansatz bench kernels --only` accepts, in
// the order they run.
var KernelFamilies = []string{"gemm", "elementwise", "basis", "reduce"}

// KernelsOptions configures the kernel suite.
type KernelsOptions struct {
	Only  []string      // families to run (nil: all of KernelFamilies)
	Quick bool          // shorter timings (3 rounds of about 40 ms instead of 300 ms each)
	Seed  uint64        // seed of the random inputs
	Log   func(string)  // progress messages (nil: none)
	Time  time.Duration // per-measurement time; 0 means the Quick/normal default
	ISAs  []string      // implementations to measure (nil: all of ISAs())
}

// kernelCase is one problem measured under every implementation: run(n)
// does the operation n times; units is the work of one operation in the
// metric's unit (flops for GFLOP/s, elements for elements/s). family is
// the kernels family that runs it (as kernels.Implementations names it),
// bench the group of KernelFamilies it is reported under.
type kernelCase struct {
	family, bench, name, metric string
	units                       float64
	run                         func(n int)
	// ref, when not nil, is a third-party implementation of the same
	// operation (gonum for GEMM), measured and reported as refImpl.
	ref     func(n int)
	refImpl string
}

// metricScale converts units/s into the metric: GFLOP/s are 1e9 flops/s.
func metricScale(metric string) float64 {
	if metric == "GFLOP/s" {
		return 1e-9
	}
	return 1
}

// RunKernels measures every selected kernel family under each ISA this
// machine runs (best first, generic last) and, where it applies, a third
// party reference (gonum for GEMM), all in this one run. Per case it writes
// one line per implementation and one "speedup" line per ratio: the best
// implementation over generic (impl "avx2/generic") and, for GEMM, over
// gonum ("avx2/gonum").
func RunKernels(w *Writer, opt KernelsOptions) error {
	only := opt.Only
	if len(only) == 0 {
		only = KernelFamilies
	}
	for _, f := range only {
		if !slices.Contains(KernelFamilies, f) {
			return fmt.Errorf("unknown kernel family %q (known: %s)", f, strings.Join(KernelFamilies, ", "))
		}
	}
	target := opt.Time
	if target == 0 {
		target = 300 * time.Millisecond
		if opt.Quick {
			target = 40 * time.Millisecond
		}
	}
	seed := opt.Seed
	for _, fam := range KernelFamilies {
		if !slices.Contains(only, fam) {
			continue
		}
		if opt.Log != nil {
			opt.Log("bench kernels: " + fam)
		}
		var cases []kernelCase
		switch fam {
		case "gemm":
			cases = gemmCases(seed)
		case "elementwise":
			cases = elementwiseCases(seed)
		case "basis":
			cases = basisCases(seed)
		case "reduce":
			cases = reduceCases(seed)
		}
		isas := opt.ISAs
		if len(isas) == 0 {
			isas = ISAs()
		}
		for _, c := range cases {
			if err := measureCase(w, c, target, isas); err != nil {
				return err
			}
		}
	}
	return nil
}

// measureRounds is how many times each implementation is timed, in turn;
// the best rate counts. Interleaving and taking the best keeps a busy
// machine (other processes stealing the CPU) from biasing one side of a
// ratio.
const measureRounds = 3

// measureCase times c under each ISA (and its reference, if any) and writes
// the lines and ratios.
func measureCase(w *Writer, c kernelCase, target time.Duration, isas []string) error {
	scale := metricScale(c.metric)
	rates := map[string]float64{}
	var order []string
	keep := func(impl string, r float64) {
		if _, ok := rates[impl]; !ok {
			order = append(order, impl)
		}
		rates[impl] = max(rates[impl], r)
	}
	for round := 0; round < measureRounds; round++ {
		done := map[string]bool{}
		err := ForEachISA(isas, func(isa string) error {
			// The family name may carry notes on other functions ("avx2
			// (pow64: generic)"); the function measured here runs the ISA.
			impl, _, _ := strings.Cut(Impl(c.family), " (")
			if done[impl] {
				return nil // this ISA falls back to an implementation already timed
			}
			done[impl] = true
			keep(impl, Time(target, c.run).Rate(c.units)*scale)
			return nil
		})
		if err != nil {
			return err
		}
		if c.ref != nil {
			keep(c.refImpl, Time(target, c.ref).Rate(c.units)*scale)
		}
	}
	for _, impl := range order {
		if err := w.Write(Line{Bench: c.bench, Case: c.name, Impl: impl, Metric: c.metric, Value: rates[impl]}); err != nil {
			return err
		}
	}
	best := order[0]
	for _, base := range []string{kernels.Generic, c.refImpl} {
		if base == "" || base == best || rates[base] == 0 {
			continue
		}
		if err := w.Write(Line{Bench: c.bench, Case: c.name, Impl: best + "/" + base, Metric: "speedup",
			Value: rates[best] / rates[base]}); err != nil {
			return err
		}
	}
	return nil
}
