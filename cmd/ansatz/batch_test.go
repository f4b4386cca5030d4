package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/batch"
)

// batchDir writes a manifest of n quick discover jobs (tables y = x0·x1
// and friends) into a new directory; job k = broken gets a table with a
// text cell.
func batchDir(t *testing.T, n, broken int) (dir, manifest string) {
	dir = t.TempDir()
	var b strings.Builder
	for k := range n {
		data := filepath.Join(dir, fmt.Sprintf("t%d.csv", k))
		text, err := os.ReadFile(discoverTable(t))
		if err != nil {
			t.Fatal(err)
		}
		if k == broken {
			text = []byte(strings.Replace(string(text), "\n", "\noops,", 2))
		}
		if err := os.WriteFile(data, text, 0o644); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, `{"verb":"discover","data":%q,"target":"y","out":%q,"hidden":[8],"epochs":30,"repeats":1,"curve":0,"time":"0s","iterations":2}`+"\n",
			data, filepath.Join(dir, "runs", fmt.Sprint(k)))
	}
	manifest = filepath.Join(dir, "jobs.jsonl")
	if err := os.WriteFile(manifest, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, manifest
}

// results reads a results file.
func results(t *testing.T, path string) []batch.Result {
	t.Helper()
	r, err := batch.OpenResults(path)
	if err != nil {
		t.Fatal(err)
	}
	return r.All()
}

// TestBatchRecordsFailuresAndReruns is the batch criterion: five jobs,
// one with a broken table, give four results and one recorded error and
// exit 1; the rerun runs only the failed job.
func TestBatchRecordsFailuresAndReruns(t *testing.T) {
	if testing.Short() {
		t.Skip("a whole discovery or search: runs without -short (CI runs -short under the race detector)")
	}
	dir, manifest := batchDir(t, 5, 2)
	code, stdout, stderr := runT(t, "--quiet", "--threads", "2", "batch", manifest, "--jobs", "2")
	if code != 1 || !strings.Contains(stderr, "1 of 5 jobs failed") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	res := results(t, filepath.Join(dir, "results.jsonl"))
	ok, failed := 0, 0
	for _, r := range res {
		switch r.Status {
		case batch.StatusOK:
			ok++
			var s jobSummary
			if err := json.Unmarshal(r.Summary, &s); err != nil || s.Formula == "" || s.TestR2 == nil || r.Seconds <= 0 {
				t.Errorf("line %d: summary %s (%v), %g s", r.Line, r.Summary, err, r.Seconds)
			}
		case batch.StatusFailed:
			failed++
			if r.Line != 3 || !strings.Contains(r.Error, "t2.csv:") {
				t.Errorf("failed result %+v: want line 3 naming t2.csv", r)
			}
		}
	}
	if ok != 4 || failed != 1 || strings.Count(stdout, "\n") != 5 {
		t.Fatalf("%d ok and %d failed results; stdout:\n%s", ok, failed, stdout)
	}
	code, stdout, _ = runT(t, "--quiet", "--threads", "2", "batch", manifest, "--jobs", "2")
	if code != 1 || strings.Count(stdout, "\n") != 1 || !strings.Contains(stdout, "t2.csv") {
		t.Errorf("rerun: exit %d, stdout %q: want only the failed job", code, stdout)
	}
	if again := results(t, filepath.Join(dir, "results.jsonl")); len(again) != 5 || again[0].Seconds != res[0].Seconds {
		t.Errorf("rerun changed the done jobs' results: %+v", again)
	}
}

func TestBatchShard(t *testing.T) {
	dir, manifest := batchDir(t, 3, -1)
	code, stdout, stderr := runT(t, "--quiet", "batch", manifest, "--shard", "1/2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	res := results(t, filepath.Join(dir, "results.1-of-2.jsonl"))
	if len(res) != 1 || res[0].Line != 2 || !strings.Contains(stdout, filepath.Join("runs", "1")) {
		t.Errorf("shard 1/2 of 3 jobs ran %+v; want the second job only", res)
	}
	if _, err := os.Stat(filepath.Join(dir, "results.jsonl")); !os.IsNotExist(err) {
		t.Errorf("a shard wrote the unsharded results file")
	}
}

func TestBatchBadInputExit2(t *testing.T) {
	_, manifest := batchDir(t, 1, -1)
	badFlag := writeFile(t, "jobs.jsonl", `{"verb":"discover","data":"a.csv","out":"o","no-such-flag":1}`+"\n")
	owned := writeFile(t, "owned.jsonl", `{"verb":"discover","data":"a.csv","out":"o","cpuprofile":"p"}`+"\n")
	verb := writeFile(t, "verb.jsonl", `{"verb":"train","data":"a.csv","out":"o"}`+"\n")
	syntax := writeFile(t, "syntax.jsonl", `{"verb":"discover",}`+"\n")
	refuse(t, []badInput{
		{[]string{"batch", badFlag}, "jobs.jsonl:1"},
		{[]string{"batch", owned}, "for the whole batch"},
		{[]string{"batch", verb}, `not "train"`},
		{[]string{"batch", syntax}, "syntax.jsonl:1:"},
		{[]string{"batch", manifest, "--shard", "2/2"}, "--shard"},
		{[]string{"batch", manifest, "--jobs", "0"}, "--jobs"},
	})
}

// TestBatchJobInterrupted: a job whose batch is stopped writes what it
// has (discover's report of the finished stages) and is recorded as
// interrupted, so a restart runs it again.
func TestBatchJobInterrupted(t *testing.T) {
	dir, manifest := batchDir(t, 1, -1)
	jobs, err := batch.ReadManifest(manifest)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	g := &Globals{Threads: 1, Stdout: io.Discard, Stderr: io.Discard, Log: slog.New(slog.DiscardHandler)}
	res := (&BatchCmd{Manifest: manifest}).runJob(g)(ctx, jobs[0], 1)
	if res.Status != batch.StatusInterrupted || !strings.Contains(string(res.Summary), "interrupted during the signal stage") {
		t.Errorf("result %+v (summary %s)", res, res.Summary)
	}
	if _, err := os.Stat(filepath.Join(dir, "runs", "0", "report.html")); err != nil {
		t.Errorf("the interrupted job wrote no report: %v", err)
	}
}
