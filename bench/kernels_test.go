package bench

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/ansatz/ansatz/kernels"
)

func runKernelsJSON(t *testing.T, only ...string) []map[string]any {
	t.Helper()
	var buf bytes.Buffer
	w := NewWriter(&buf, true)
	if err := RunKernels(w, KernelsOptions{Only: only, Time: time.Millisecond, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("bad JSON line %q: %v", line, err)
		}
		out = append(out, m)
	}
	return out
}

func TestRunKernelsBasisAndReduce(t *testing.T) {
	lines := runKernelsJSON(t, "basis", "reduce")
	seen := map[string]bool{}
	for _, m := range lines {
		bench, impl, metric := m["bench"].(string), m["impl"].(string), m["metric"].(string)
		if bench != "basis" && bench != "reduce" {
			t.Fatalf("family not asked for: %v", m)
		}
		if v, ok := m["value"].(float64); !ok || !(v > 0) {
			t.Fatalf("no positive value: %v", m)
		}
		seen[bench+"|"+impl+"|"+metric] = true
	}
	if !seen["basis|generic|elements/s"] || !seen["reduce|generic|elements/s"] {
		t.Fatalf("generic lines missing: %v", seen)
	}
	if best := kernels.Best(); best != kernels.Generic {
		if !seen["basis|"+best+"|elements/s"] || !seen["basis|"+best+"/generic|speedup"] {
			t.Fatalf("%s lines or ratio missing: %v", best, seen)
		}
	}
}

func TestRunKernelsGemmHasGonum(t *testing.T) {
	if testing.Short() {
		t.Skip("GEMM cases take a few hundred ms")
	}
	lines := runKernelsJSON(t, "gemm")
	gonum, ratio := false, false
	for _, m := range lines {
		gonum = gonum || m["impl"] == "gonum"
		ratio = ratio || strings.HasSuffix(m["impl"].(string), "/gonum")
	}
	if !gonum || !ratio {
		t.Fatalf("gonum line %v, ratio %v", gonum, ratio)
	}
}

func TestRunKernelsUnknownFamily(t *testing.T) {
	if err := RunKernels(NewWriter(&bytes.Buffer{}, true), KernelsOptions{Only: []string{"fft"}}); err == nil {
		t.Fatal("unknown family accepted")
	}
}
