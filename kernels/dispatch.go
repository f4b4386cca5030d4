package kernels

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// ISA names an implementation of the kernels.
const (
	Generic = "generic" // the plain-Go references; always available
	AVX2    = "avx2"    // amd64 with AVX2 and FMA3
	NEON    = "neon"    // arm64 Advanced SIMD (ASIMD)
)

// A family is one group of kernels (say "gemm") that switches
// implementation as a unit. Each family registers itself from an init
// function of its own file, so this file never needs to know the families.
type family struct {
	name string
	// use switches the family to the named ISA and reports the
	// implementation it now runs ("generic" when the family has no code
	// for that ISA, for example a NEON-less function on arm64).
	use func(isa string) string
}

var (
	mu       sync.Mutex
	families []family
	current  = map[string]string{} // family name -> implementation in use
	// isa is initialised here, not in an init function: package variables
	// are set before any init runs, and the families register from init
	// functions in other files, which must already see the best ISA.
	isa = Best()
)

// register adds a family and switches it at once to the ISA in force,
// so families registered after a Use call still follow it.
func register(name string, use func(isa string) string) {
	mu.Lock()
	defer mu.Unlock()
	families = append(families, family{name, use})
	current[name] = use(isa)
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
// nothing, so a forced --isa never silently runs something else.
func Use(name string) error {
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" || name == "auto" {
		name = Best()
	}
	ok := false
	for _, a := range Available() {
		if a == name {
			ok = true
		}
	}
	if !ok {
		return fmt.Errorf("isa %q is not available on this machine/build (available: %s)",
			name, strings.Join(Available(), ", "))
	}
	mu.Lock()
	defer mu.Unlock()
	isa = name
	for _, f := range families {
		current[f.name] = f.use(name)
	}
	return nil
}

// Current reports the ISA last selected with Use (or at start).
func Current() string {
	mu.Lock()
	defer mu.Unlock()
	return isa
}

// Implementations maps each kernel family to the implementation it runs now,
// sorted by family name in the returned keys slice.
func Implementations() (names []string, impl map[string]string) {
	mu.Lock()
	defer mu.Unlock()
	impl = make(map[string]string, len(current))
	for k, v := range current {
		impl[k] = v
		names = append(names, k)
	}
	sort.Strings(names)
	return names, impl
}
