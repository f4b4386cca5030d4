//go:build unix

package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ansatz/ansatz/model"
)

// interruptAt returns a step hook that sends this process SIGINT at step
// k and waits a moment for its delivery.
func interruptAt(k int) func(int) {
	return func(step int) {
		if step == k {
			syscall.Kill(syscall.Getpid(), syscall.SIGINT)
			time.Sleep(100 * time.Millisecond)
		}
	}
}

// TestTrainInterrupt: SIGINT during `ansatz train` ends training at the
// next step; the best model so far is saved, the exit is 0 and stderr says
// what happened. Both network kinds.
func TestTrainInterrupt(t *testing.T) {
	data := synthCSV(t, 200, false)
	for _, kind := range []string{"mlp", "kan"} {
		t.Run(kind, func(t *testing.T) {
			mf := filepath.Join(t.TempDir(), "m.model")
			stepHook = interruptAt(3)
			defer func() { stepHook = nil }()
			code, out, errs := runT(t, "train", data, "--target", "y", "--model", kind, "--hidden", "8",
				"--steps", "100000", "--patience", "0", "--out", mf, "--json")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			var r struct {
				Steps   int
				Stopped string
			}
			if err := json.Unmarshal([]byte(out), &r); err != nil {
				t.Fatalf("stdout %q: %v", out, err)
			}
			if r.Stopped != "stopped" || r.Steps < 3 || r.Steps >= 100000 {
				t.Errorf("steps %d, stopped %q: want an early stop after step 3", r.Steps, r.Stopped)
			}
			if !strings.Contains(errs, "interrupted") {
				t.Errorf("stderr %q does not say training was interrupted", errs)
			}
			if _, err := model.Load(mf); err != nil {
				t.Errorf("interrupted run saved no usable model: %v", err)
			}
		})
	}
}

// TestRefineInterrupt: SIGINT during the retraining of `ansatz refine`
// stops it; the refined model is saved and stderr says so.
func TestRefineInterrupt(t *testing.T) {
	mf, data := kanFixture(t)
	out := filepath.Join(t.TempDir(), "r.kan")
	stepHook = interruptAt(3)
	defer func() { stepHook = nil }()
	code, _, errs := runT(t, "refine", mf, data, "--grid", "8", "--steps", "100000", "--out", out, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "interrupted") {
		t.Errorf("stderr %q does not say refine was interrupted", errs)
	}
	if _, err := model.Load(out); err != nil {
		t.Errorf("interrupted refine saved no usable model: %v", err)
	}
}
