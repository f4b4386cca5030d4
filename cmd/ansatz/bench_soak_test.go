package main

import (
	"context"
	"encoding/json"
	"os/exec"
	"testing"
)

// TestBenchSoak: a short soak (this test binary as the ansatz binary)
// runs its runs, every one within the rules.
func TestBenchSoak(t *testing.T) {
	asChild()
	if testing.Short() {
		t.Skip("starts child processes")
	}
	soakCommand = func(ctx context.Context, args []string) *exec.Cmd { return childCommand(ctx, "TestBenchSoak", args) }
	code, out, errs := runT(t, "--seed", "2", "bench", "soak", "--runs", "12", "--minutes", "10", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errs, out)
	}
	var r struct{ Runs, Crashes, Internal, Broken int }
	if err := json.Unmarshal([]byte(out), &r); err != nil || r.Runs != 12 {
		t.Fatalf("report %q: %v", out, err)
	}
}
