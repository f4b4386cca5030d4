package kernels

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// ISA names an implementation of the kernels.
const (
	Generic = "generic" // the plain-Go references; always available
	AVX2    = "avx2"    // amd64 with AVX2 and FMA3
	NEON    = "neon"    // arm64 Advanced SIMD (ASIMD)
)

// kernelSet is everything Use switches at once: the table of each
// precision and the implementation name of each family (for Implementations).
// A set is built once per ISA and never changed after, so a call that has
// loaded it runs one consistent implementation even while Use publishes
// another.
type kernelSet struct {
	isa  string
	f32  table[float32]
	f64  table[float64]
	impl map[string]string // family -> implementation
}

var (
	active  atomic.Pointer[kernelSet] // the set in force, read by every call
	setsMu  sync.Mutex
	setsFor = map[string]*kernelSet{} // built sets, by ISA
)

// The best ISA is in force from the start, before any init function of a
// package that imports this one could call a kernel.
func init() { active.Store(buildSet(Best())) }

// buildSet returns the kernel set of an available ISA, building it on
// first use: the ISA's assembly tables completed from the generic ones.
func buildSet(isa string) *kernelSet {
	setsMu.Lock()
	defer setsMu.Unlock()
	if s := setsFor[isa]; s != nil {
		return s
	}
	a32, a64 := &table[float32]{}, &table[float64]{}
	if isa != Generic {
		a32, a64 = archTables()
	}
	c := newCoverage()
	t32 := a32.withGeneric(genericTable(basisLocalGeneric32), c)
	t64 := a64.withGeneric(genericTable(basisLocalGeneric64), c)
	s := &kernelSet{isa: isa, f32: *t32, f64: *t64, impl: c.names(isa)}
	setsFor[isa] = s
	return s
}

// tableOf returns the table in force for T. Every exported kernel starts
// here: one atomic load and one comparison of types, a few nanoseconds.
func tableOf[T Float]() *table[T] { return tableIn[T](active.Load()) }

// tableIn returns the table for T of set s.
func tableIn[T Float](s *kernelSet) *table[T] {
	if t, ok := any(&s.f32).(*table[T]); ok {
		return t
	}
	return any(&s.f64).(*table[T])
}

// Available lists the ISAs this build and this CPU can run, best first.
// It always ends with "generic".
func Available() []string {
	var out []string
	if hasAVX2() {
		out = append(out, AVX2)
	}
	if hasNEON() {
		out = append(out, NEON)
	}
	return append(out, Generic)
}

// Best is the ISA chosen at start: the first of Available.
func Best() string { return Available()[0] }

// Use switches every kernel family to the named ISA. "auto" or "" means
// Best. Asking for an ISA the CPU or build lacks is an error and changes
// nothing, so a forced --isa never silently runs something else. Use may
// be called while other goroutines run kernels: each call runs wholly on
// the tables in force when it started.
func Use(name string) error {
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" || name == "auto" {
		name = Best()
	}
	if !slices.Contains(Available(), name) {
		return fmt.Errorf("isa %q is not available on this machine/build (available: %s)",
			name, strings.Join(Available(), ", "))
	}
	active.Store(buildSet(name))
	return nil
}

// Current reports the ISA last selected with Use (or at start).
func Current() string { return active.Load().isa }

// Implementations maps each kernel family to the implementation it runs now,
// sorted by family name in the returned keys slice.
func Implementations() (names []string, impl map[string]string) {
	impl = maps.Clone(active.Load().impl)
	return slices.Sorted(maps.Keys(impl)), impl
}
