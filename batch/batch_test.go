package batch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func write(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadManifest(t *testing.T) {
	p := write(t, "jobs.jsonl", `{"verb":"discover","data":"a.csv","out":"runs/a","top":2}

# a comment
{"out":"runs/b","verb":"search","data":"b.csv"}
`)
	jobs, err := ReadManifest(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(jobs) != 2 || jobs[0].Line != 1 || jobs[1].Line != 4 || jobs[1].Index != 1 || jobs[1].Verb != "search" {
		t.Fatalf("jobs %+v", jobs)
	}
	if _, ok := jobs[0].Flags["verb"]; ok || jobs[0].Name() != "runs/a" {
		t.Errorf("flags %v, name %q", jobs[0].Flags, jobs[0].Name())
	}
	if want := `{"data":"a.csv","out":"runs/a","top":2,"verb":"discover"}`; jobs[0].Key != want {
		t.Errorf("key %s, want %s", jobs[0].Key, want)
	}
}

func TestReadManifestRefuses(t *testing.T) {
	for _, c := range []struct{ name, text, want string }{
		{"bad json", "{\"verb\":\"discover\"}\n{\"verb\": discover}\n", "jobs.jsonl:2:10: not a JSON object"},
		{"no verb", `{"data":"a.csv"}`, `jobs.jsonl:1: each job needs a "verb"`},
		{"two objects", `{"verb":"a"} {"verb":"b"}`, "jobs.jsonl:1:14: one JSON object per line"},
		{"empty", "\n# nothing\n", "no jobs"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadManifest(write(t, "jobs.jsonl", c.text))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
}

func TestShardsPartition(t *testing.T) {
	for _, bad := range []string{"", "3", "2/2", "-1/2", "a/b", "0/0"} {
		if _, err := ParseShard(bad); err == nil {
			t.Errorf("ParseShard(%q) accepted", bad)
		}
	}
	var jobs []Job
	for i := range 10 {
		jobs = append(jobs, Job{Index: i})
	}
	seen := map[int]int{}
	for i := range 3 {
		s, err := ParseShard(fmt.Sprintf("%d/3", i))
		if err != nil {
			t.Fatal(err)
		}
		for _, j := range jobs {
			if s.Has(j) {
				seen[j.Index]++
			}
		}
	}
	for _, j := range jobs {
		if seen[j.Index] != 1 {
			t.Errorf("job %d is in %d shards", j.Index, seen[j.Index])
		}
	}
}

func TestResultsRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "results.jsonl")
	a := Job{Line: 1, Key: `{"data":"a.csv","verb":"discover"}`}
	b := Job{Line: 2, Key: `{"data":"b.csv","verb":"discover"}`}
	r, err := OpenResults(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range []Result{{Line: 1, Job: []byte(a.Key), Status: StatusOK}, {Line: 2, Job: []byte(b.Key), Status: StatusFailed, Error: "boom"}} {
		if err := r.Record(res); err != nil {
			t.Fatal(err)
		}
	}
	again, err := OpenResults(path)
	if err != nil {
		t.Fatal(err)
	}
	if !again.Done(a) || again.Done(b) {
		t.Fatalf("after a restart: done(a)=%v done(b)=%v", again.Done(a), again.Done(b))
	}
	// The same job written with other spacing and key order is the same job.
	if err := again.Record(Result{Line: 2, Job: []byte(`{ "verb": "discover", "data": "b.csv" }`), Status: StatusOK}); err != nil {
		t.Fatal(err)
	}
	final, _ := OpenResults(path)
	if all := final.All(); len(all) != 2 || !final.Done(b) || all[1].Error != "" {
		t.Errorf("results %+v: the rerun should replace the failed line", all)
	}
	if _, err := OpenResults(write(t, "other.jsonl", "hello\n")); err == nil || !strings.Contains(err.Error(), "other.jsonl:1") {
		t.Errorf("a foreign file: %v", err)
	}
}

// sink collects results in memory.
type sink struct {
	mu  sync.Mutex
	got []Result
}

func (s *sink) Record(r Result) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.got = append(s.got, r)
	return nil
}

func TestRunSplitsThreadsAndRunsJobsConcurrently(t *testing.T) {
	var jobs []Job
	for i := range 5 {
		jobs = append(jobs, Job{Line: i + 1, Index: i, Key: fmt.Sprint(i)})
	}
	// The first two jobs wait until both have started: with two workers
	// they meet, with one the test would stop at the deadline.
	started := make(chan int, 5)
	release := make(chan struct{})
	var mu sync.Mutex
	threads := map[int]bool{}
	run := func(ctx context.Context, j Job, n int) Result {
		mu.Lock()
		threads[n] = true
		mu.Unlock()
		started <- j.Index
		if j.Index < 2 {
			<-release
		}
		status := StatusOK
		if j.Index == 3 {
			status = StatusFailed
		}
		return Result{Line: j.Line, Job: []byte(j.Key), Status: status}
	}
	out := &sink{}
	done := make(chan struct{})
	var notOK int
	var err error
	go func() {
		notOK, err = Run(context.Background(), NewList(jobs), 2, 5, run, out)
		close(done)
	}()
	deadline := time.After(30 * time.Second)
	for range 2 {
		select {
		case <-started:
		case <-deadline:
			t.Fatal("two jobs never ran at once")
		}
	}
	close(release)
	<-done
	if err != nil || notOK != 1 || len(out.got) != 5 {
		t.Fatalf("notOK %d, err %v, %d results", notOK, err, len(out.got))
	}
	if len(threads) != 1 || !threads[2] {
		t.Errorf("threads per job %v, want 2 (5 threads over 2 workers)", threads)
	}
}

func TestRunStopsTakingJobsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	jobs := []Job{{Key: "a"}, {Key: "b"}, {Key: "c"}}
	out := &sink{}
	ran := 0
	_, err := Run(ctx, NewList(jobs), 1, 1, func(context.Context, Job, int) Result {
		ran++
		cancel()
		return Result{Status: StatusInterrupted}
	}, out)
	if err != nil || ran != 1 || len(out.got) != 1 {
		t.Errorf("after a cancel: ran %d, %d results, err %v", ran, len(out.got), err)
	}
}
