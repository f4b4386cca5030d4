//go:build unix

package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/symreg/expr"
)

// interruptAt makes the step hook send this process SIGINT at step k and
// wait until the verb has taken the signal in hand (an event, not a
// pause), so the verb sees it at its next poll.
func interruptAt(t *testing.T, k int) {
	seen := make(chan struct{})
	signalSeen = func() { close(seen) }
	stepHook = func(step int) {
		if step == k {
			syscall.Kill(syscall.Getpid(), syscall.SIGINT)
			<-seen
		}
	}
	t.Cleanup(func() { stepHook, signalSeen = nil, nil })
}

// TestTrainInterrupt: SIGINT during `ansatz train` ends training at the
// next step; the best model so far is saved, the exit is 0 and stderr says
// what happened. Both network kinds.
func TestTrainInterrupt(t *testing.T) {
	data := synthCSV(t, 200, false)
	for _, kind := range []string{"mlp", "kan"} {
		t.Run(kind, func(t *testing.T) {
			mf := filepath.Join(t.TempDir(), "m.model")
			interruptAt(t, 3)
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
	interruptAt(t, 3)
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

// TestSnapInterrupt: SIGINT while snap retrains ends the retraining at the
// next poll; the formula as retrained so far is still printed (and
// parses), the exit is 0 and stderr says what happened.
func TestSnapInterrupt(t *testing.T) {
	mf, data := kanFixture(t)
	interruptAt(t, 2)
	signalled := stepHook
	polls := 0
	stepHook = func(step int) { polls = step; signalled(step) }
	code, out, errs := runT(t, "snap", mf, data, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var res struct{ Formula string }
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("stdout %q: %v", out, err)
	}
	if _, err := expr.Parse(res.Formula, []string{"a", "b"}); err != nil {
		t.Errorf("formula %q does not parse: %v", res.Formula, err)
	}
	if !strings.Contains(errs, "snap interrupted") {
		t.Errorf("stderr %q does not say snap was interrupted", errs)
	}
	if polls > 5 {
		t.Errorf("snap asked %d times whether to stop; the signal came at the 2nd", polls)
	}
}

// TestTrainSecondInterrupt: a second SIGINT ends a training run at once,
// even in the middle of a step that would never end on its own (the child
// process's step 1 blocks on its standard input). The first signal only
// asks training to stop at the next poll.
func TestTrainSecondInterrupt(t *testing.T) {
	if data := os.Getenv("ANSATZ_TRAIN_CHILD"); data != "" {
		once := false
		stepHook = func(int) {
			if !once {
				once = true
				fmt.Fprintln(os.Stderr, "child: in a long step")
				io.Copy(io.Discard, os.Stdin) // returns only when the parent closes it
			}
		}
		os.Exit(run([]string{"train", data, "--target", "y", "--model", "kan", "--hidden", "4", "--steps", "100",
			"--out", os.Getenv("ANSATZ_TRAIN_OUT")}, os.Stdout, os.Stderr))
	}
	out := filepath.Join(t.TempDir(), "m.model")
	cmd := exec.Command(os.Args[0], "-test.run=^TestTrainSecondInterrupt$")
	cmd.Env = append(os.Environ(), "ANSATZ_TRAIN_CHILD="+synthCSV(t, 200, false), "ANSATZ_TRAIN_OUT="+out)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stderr)
	waitLine(t, cmd, lines, "child: in a long step")
	cmd.Process.Signal(syscall.SIGINT)
	waitLine(t, cmd, lines, "interrupt again to quit at once")
	cmd.Process.Signal(syscall.SIGINT)
	io.Copy(io.Discard, stderr)
	err = cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("child: %v; want it ended by the second signal", err)
	}
	if ws, ok := ee.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGINT {
		t.Fatalf("child: %v; want it ended by the second SIGINT", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("a killed run wrote %s", out)
	}
}
