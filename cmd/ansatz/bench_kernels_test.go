package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestBenchKernelsJSON(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"--quiet", "bench", "kernels", "--only", "basis", "--time", "1ms", "--json"}, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) < 2 {
		t.Fatalf("want a line per precision at least, got:\n%s", out.String())
	}
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("not JSON: %q", l)
		}
		for _, k := range []string{"bench", "case", "impl", "metric", "value"} {
			if _, ok := m[k]; !ok {
				t.Fatalf("line %q lacks %q", l, k)
			}
		}
		if m["bench"] != "basis" {
			t.Fatalf("unexpected bench in %q", l)
		}
	}
}

func TestBenchKernelsBadFamily(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"bench", "kernels", "--only", "fft"}, &out, &errb); code != 2 {
		t.Fatalf("exit %d, want 2 (bad flag): %s", code, errb.String())
	}
	if !strings.Contains(errb.String(), "fft") {
		t.Fatalf("error does not name the family: %s", errb.String())
	}
}
