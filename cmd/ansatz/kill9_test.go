package main

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/symreg"
)

// asChild runs the command line in ANSATZ_CHILD_ARGS (fields separated
// by newlines) when this test binary was started by childCommand.
func asChild() {
	if a := os.Getenv("ANSATZ_CHILD_ARGS"); a != "" {
		os.Exit(run(strings.Split(a, "\n"), os.Stdout, os.Stderr))
	}
}

// childCommand starts this test binary as `ansatz args...`: the test
// named test calls asChild first.
func childCommand(ctx context.Context, test string, args []string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^"+test+"$")
	cmd.Env = append(os.Environ(), "ANSATZ_CHILD_ARGS="+strings.Join(args, "\n"))
	return cmd
}

// killCycles starts the command line args (plus the resume flags after
// the first round) 20 times as a child, waits until progress(), the
// steps in its checkpoint, exceeds what the last round left (an event,
// not a pause), lets it run a random while longer and kills it with
// SIGKILL. After each kill the checkpoint must load (checked by progress,
// which fails the test otherwise) and the next round resumes from it. A
// child that finishes before the kill is fine: its checkpoint is final.
// It returns the steps the checkpoint holds at the end.
func killCycles(t *testing.T, name string, args, resume []string, progress func() int) int {
	rng := rand.New(rand.NewPCG(9, 9))
	last := 0
	for round := range 20 {
		a := args
		if round > 0 {
			a = append(append([]string(nil), args...), resume...)
		}
		cmd := childCommand(context.Background(), name, a)
		var errb strings.Builder
		cmd.Stderr = &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		ended := false
		for deadline := time.Now().Add(time.Minute); !ended; {
			if progress() > last {
				break
			}
			select {
			case err := <-exited:
				if err != nil {
					t.Fatalf("round %d: child failed before the kill: %v\n%s", round, err, errb.String())
				}
				ended = true
			case <-time.After(5 * time.Millisecond): // poll the checkpoint again
			}
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				t.Fatalf("round %d: no progress in a minute", round)
			}
		}
		if !ended {
			time.Sleep(time.Duration(rng.IntN(150)) * time.Millisecond) // a random moment
			cmd.Process.Kill()
			if err := <-exited; err == nil {
				t.Logf("round %d: the child finished before the kill", round)
			} else if ee := (*exec.ExitError)(nil); !errors.As(err, &ee) {
				t.Fatalf("round %d: %v", round, err)
			}
		}
		steps := progress()
		if steps < last {
			t.Fatalf("round %d: the checkpoint went back from %d to %d steps", round, last, steps)
		}
		last = steps
	}
	return last
}

// loadsAt is killCycles' progress: the steps in the checkpoint at path
// as load reads them (0 while there is none); a checkpoint that does not
// load fails the test.
func loadsAt(t *testing.T, path string, load func(string) (int, error)) func() int {
	return func() int {
		if _, err := os.Stat(path); err != nil {
			return 0
		}
		n, err := load(path)
		if err != nil {
			t.Fatalf("checkpoint does not load: %v", err)
		}
		return n
	}
}

// TestKill9SearchCheckpoint: a search with --checkpoint killed with
// SIGKILL at random moments, 20 times, each time resumed from its
// checkpoint, which must always load; a last resume runs to its limit.
func TestKill9SearchCheckpoint(t *testing.T) {
	asChild()
	if testing.Short() {
		t.Skip("starts 20 child processes")
	}
	dir := t.TempDir()
	ck := filepath.Join(dir, "ck.json")
	progress := loadsAt(t, ck, func(path string) (int, error) {
		c, err := symreg.LoadCheckpoint(path)
		if err != nil {
			return 0, err
		}
		return c.Iteration, nil
	})
	args := []string{"--quiet", "--threads", "1", "search", searchLaw, "--target", "y", "--populations", "4",
		"--time", "10m", "--checkpoint", ck, "--checkpoint-every", "1ms"}
	iters := killCycles(t, "TestKill9SearchCheckpoint", args, []string{"--resume", ck}, progress)
	t.Logf("20 kills; the checkpoint holds %d iterations", iters)
	code, _, errs := runT(t, "--quiet", "--threads", "1", "search", searchLaw, "--target", "y", "--resume", ck,
		"--iterations", strconv.Itoa(iters+2), "--out", dir)
	if code != 0 {
		t.Fatalf("last resume: exit %d: %s", code, errs)
	}
	if r := readSearchResult(t, filepath.Join(dir, "result.json")); r.Iterations != iters+2 || len(r.Front) == 0 {
		t.Fatalf("last resume: %d iterations, %d front entries; want %d", r.Iterations, len(r.Front), iters+2)
	}
}

// TestKill9TrainCheckpoint: the same for `train --checkpoint`, checkpointing
// after every step: the checkpoint always loads as a model, and the last
// resume trains to the run's step budget and saves a usable model.
func TestKill9TrainCheckpoint(t *testing.T) {
	asChild()
	if testing.Short() {
		t.Skip("starts 20 child processes")
	}
	dir := t.TempDir()
	ck := filepath.Join(dir, "ck.model")
	progress := loadsAt(t, ck, func(path string) (int, error) {
		m, err := model.Load(path)
		if err != nil {
			return 0, err
		}
		var cfg model.TrainConfig
		err = json.Unmarshal(m.Config, &cfg)
		return cfg.DoneSteps, err
	})
	const budget = 3000
	data := synthCSV(t, 300, false)
	out := filepath.Join(dir, "m.model")
	args := []string{"--threads", "1", "train", data, "--target", "y", "--model", "mlp", "--hidden", "8",
		"--steps", strconv.Itoa(budget), "--patience", "0", "--checkpoint", ck, "--checkpoint-every", "0s", "--out", out}
	steps := killCycles(t, "TestKill9TrainCheckpoint", args, []string{"--resume", ck}, progress)
	t.Logf("20 kills; the checkpoint holds %d of %d steps", steps, budget)
	code, stdout, errs := runT(t, "--threads", "1", "train", data, "--target", "y", "--resume", ck, "--out", out, "--json")
	if code != 0 {
		t.Fatalf("last resume: exit %d: %s", code, errs)
	}
	var r struct{ Steps int }
	if err := json.Unmarshal([]byte(stdout), &r); err != nil || r.Steps != budget {
		t.Fatalf("last resume: %q (%v); want %d steps", stdout, err, budget)
	}
	if _, err := model.Load(out); err != nil {
		t.Fatal(err)
	}
}

// A checkpoint that is no model file, or one trained on another table, is
// refused with one line naming --resume (exit 2).
func TestTrainResumeRefusesBadCheckpoint(t *testing.T) {
	dir := t.TempDir()
	data := synthCSV(t, 200, false)
	ck := filepath.Join(dir, "ck.model")
	out := filepath.Join(dir, "m.model")
	if code, _, errs := runT(t, "train", data, "--target", "y", "--hidden", "4", "--steps", "5", "--checkpoint", ck, "--out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	junk := filepath.Join(dir, "junk.model")
	os.WriteFile(junk, []byte("not a model"), 0o644)
	code, _, errs := runT(t, "train", data, "--target", "y", "--resume", junk, "--out", out)
	if code != exitInput {
		t.Errorf("junk checkpoint: exit %d", code)
	}
	oneErrorLine(t, errs, "--resume: "+junk)
	code, _, errs = runT(t, "train", data, "--target", "b", "--resume", ck, "--out", out)
	if code != exitInput {
		t.Errorf("other target: exit %d", code)
	}
	oneErrorLine(t, errs, "the checkpoint does not match this table: the columns differ")
}
