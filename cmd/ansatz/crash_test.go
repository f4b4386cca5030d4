package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/internal/panics"
	"github.com/ansatz/ansatz/model"
)

// injectAt makes stepHook inject a panic at site from step k on (search:
// iteration k), so the worker panics in the step after.
func injectAt(t *testing.T, k int, site string) {
	restore := func() {}
	stepHook = func(step int) {
		if step == k {
			restore = panics.Inject(site)
		}
	}
	t.Cleanup(func() { stepHook = nil; restore() })
}

// A panic in a search island worker: the hall of fame of the whole
// iterations is printed and written (stop reason "crashed"), stderr is one
// line, the exit is 1; with ANSATZ_TRACEBACK=1 the worker's stack follows.
func TestSearchWorkerPanic(t *testing.T) {
	for _, trace := range []string{"", "1"} {
		t.Run("traceback="+trace, func(t *testing.T) { searchWorkerPanic(t, trace) })
	}
}

func searchWorkerPanic(t *testing.T, trace string) {
	{
		t.Setenv("ANSATZ_TRACEBACK", trace)
		dir := t.TempDir()
		injectAt(t, 2, "symreg.island")
		code, out, errs := runT(t, "--quiet", "--threads", "2", "search", searchLaw, "--target", "y",
			"--iterations", "50", "--out", dir)
		if code != exitInternal {
			t.Fatalf("exit %d, want %d; stderr %q", code, exitInternal, errs)
		}
		if trace == "" {
			oneErrorLine(t, errs, "internal error: panic: injected panic in symreg.island")
		} else if !strings.Contains(errs, "panics.Point") {
			t.Errorf("ANSATZ_TRACEBACK=1: stderr has no worker stack: %q", errs)
		}
		if !strings.Contains(out, "crashed") {
			t.Errorf("stdout lacks the front and the stop reason: %q", out)
		}
		r := readSearchResult(t, filepath.Join(dir, "result.json"))
		if r.StopReason != "crashed" || r.Iterations != 2 || len(r.Front) == 0 {
			t.Errorf("result.json: stop %q, %d iterations, %d front entries", r.StopReason, r.Iterations, len(r.Front))
		}
	}
}

// A panic in a KAN row worker (and, for the MLP, in a GEMM worker) during
// training: the model of the last whole step is saved and loads, stderr
// is one line, the exit is 1.
func TestTrainWorkerPanic(t *testing.T) {
	t.Setenv("ANSATZ_TRACEBACK", "")
	data := synthCSV(t, 3000, false)
	for _, c := range []struct{ kind, site string }{{"kan", "kan.rows"}, {"mlp", "kernels.gemm"}} {
		t.Run(c.kind, func(t *testing.T) {
			mf := filepath.Join(t.TempDir(), "m.model")
			injectAt(t, 3, c.site)
			code, _, errs := runT(t, "--threads", "2", "train", data, "--target", "y", "--model", c.kind,
				"--hidden", "64", "--batch", "1000", "--steps", "100", "--patience", "0", "--out", mf)
			if code != exitInternal {
				t.Fatalf("exit %d, want %d; stderr %q", code, exitInternal, errs)
			}
			if !strings.Contains(errs, "saved the model of the last whole step") {
				t.Errorf("stderr does not say the model was saved: %q", errs)
			}
			if n := strings.Count(errs, "ansatz: "); n != 1 || !strings.Contains(errs, "ansatz: internal error: panic: injected panic in "+c.site) {
				t.Errorf("stderr: %q", errs)
			}
			if _, err := os.Stat(mf); err != nil {
				t.Fatal(err)
			}
			if _, err := model.Load(mf); err != nil {
				t.Errorf("crashed run saved no usable model: %v", err)
			}
		})
	}
}

// A panic in a search worker during discover's law stage: the report of
// the stages before it is written, the law stage says it failed, stderr
// is one line and the exit is 1.
func TestDiscoverWorkerPanic(t *testing.T) {
	t.Setenv("ANSATZ_TRACEBACK", "")
	defer panics.Inject("symreg.island")()
	out := t.TempDir()
	code, _, errs := runT(t, "--quiet", "--threads", "2", "discover", synthCSV(t, 200, false), "--target", "y", "--out", out,
		"--time", "0", "--iterations", "3", "--repeats", "1", "--shuffles", "1", "--epochs", "2", "--curve", "0")
	if code != exitInternal {
		t.Fatalf("exit %d, want %d: %s", code, exitInternal, errs)
	}
	oneErrorLine(t, errs, "internal error: panic: injected panic in symreg.island")
	b, err := os.ReadFile(filepath.Join(out, "result.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Stages []struct{ Name, Status, Note string }
	}
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, s := range r.Stages {
		got[s.Name] = s.Status
	}
	if got["signal"] != "done" || got["law"] != "failed" {
		t.Errorf("stages %+v", r.Stages)
	}
}
