package kernels

import (
	"flag"
	"os"
	"testing"
)

// -isa runs the whole kernel test suite against one implementation, e.g.
// `go test ./kernels -isa generic`. By default the best one runs and the
// tests compare it with the references.
var testISA = flag.String("isa", "auto", "kernel implementation to test: auto, generic, avx2, neon")

// startImpl is what the families chose at package initialisation, before
// TestMain's Use call.
var startImpl map[string]string

func TestMain(m *testing.M) {
	_, startImpl = Implementations()
	flag.Parse()
	if err := Use(*testISA); err != nil {
		println(err.Error())
		os.Exit(2)
	}
	os.Exit(m.Run())
}

func TestUseUnknown(t *testing.T) {
	before := Current()
	if err := Use("sse9"); err == nil {
		t.Fatal("Use accepted an unknown ISA")
	}
	if Current() != before {
		t.Fatalf("a failed Use changed the ISA from %s to %s", before, Current())
	}
}

func TestAvailableEndsWithGeneric(t *testing.T) {
	a := Available()
	if a[len(a)-1] != Generic {
		t.Fatalf("Available() = %v, want generic last", a)
	}
}

// Without any Use call every family must start on the best ISA: families
// register from init functions, which run after the package's variables.
func TestFamiliesStartOnBest(t *testing.T) {
	for n, impl := range startImpl {
		if Best() != Generic && impl == Generic {
			t.Errorf("family %s started on generic although %s is available", n, Best())
		}
	}
}
