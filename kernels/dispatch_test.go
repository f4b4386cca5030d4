package kernels

import (
	"flag"
	"fmt"
	"math"
	"os"
	"sync"
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

// TestUseWhileKernelsRun switches ISAs back and forth while other
// goroutines run kernels of every family. Under -race it fails if Use
// writes anything those calls read without synchronisation; in any build
// each result must be what every implementation gives.
func TestUseWhileKernelsRun(t *testing.T) {
	defer Use(Current())
	isas := Available()
	const workers, rounds = 2, 300
	start, done := make(chan struct{}), make(chan struct{})
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for range rounds {
				if msg := callEveryFamily(); msg != "" {
					t.Error(msg)
					return
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(done)
	}()
	for i := 0; ; i++ {
		if err := Use(isas[i%len(isas)]); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			close(start)
		}
		select {
		case <-done:
			return
		default:
		}
	}
}

// callEveryFamily runs one small kernel of each family on inputs whose
// results are exact in every implementation, and describes the first wrong
// one ("" when all are right).
func callEveryFamily() string {
	a, b, d := []float64{1, 2, 3, 4, 5}, []float64{0.5, 0.25, 2, 8, 1}, make([]float64, 5)
	Add(d, a, b)
	if d[4] != 6 {
		return fmt.Sprintf("Add: %v", d)
	}
	Exp(d, []float64{0, 0, 0, 0, 0})
	if d[0] != 1 {
		return fmt.Sprintf("Exp(0): %v", d)
	}
	if s := Sum(a); s != 15 {
		return fmt.Sprintf("Sum: %v", s)
	}
	c := make([]float32, 4)
	Gemm(false, false, 2, 2, 1, 1, []float32{1, 2}, 1, []float32{3, 4}, 2, 0, c, 2)
	if c[3] != 8 {
		return fmt.Sprintf("Gemm: %v", c)
	}
	idx, val := make([]int32, 1), make([]float64, 4)
	BasisLocal([]float64{-1}, Grid{Lo: -1, Hi: 1, G: 4, K: 3}, idx, val, nil)
	if idx[0] != 0 || math.Abs(val[0]-1.0/6) > 1e-15 {
		return fmt.Sprintf("BasisLocal: %v %v", idx, val)
	}
	return ""
}
