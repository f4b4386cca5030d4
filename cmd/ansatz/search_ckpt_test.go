package main

import (
	"path/filepath"
	"testing"
)

// A checkpoint that cannot be written must not cost the results: the
// search finishes, result.json is written, and the failure is reported
// afterwards as one error line with exit code 1.
func TestSearchCheckpointFailureKeepsResults(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "no-such-dir", "ck.json")
	code, _, errs := runT(t, "--threads", "1", "--quiet", "search", searchLaw, "--target", "y",
		"--ops", "+,-,*,sin", "--iterations", "2", "--maxsize", "10", "--out", dir, "--checkpoint", bad)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr %q", code, errs)
	}
	oneErrorLine(t, errs, "--checkpoint")
	if r := readSearchResult(t, filepath.Join(dir, "result.json")); len(r.Front) == 0 {
		t.Fatal("result.json has an empty front")
	}
}
