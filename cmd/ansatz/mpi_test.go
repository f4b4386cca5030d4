//go:build mpi

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ansatz/ansatz/internal/mpitest"
	"github.com/ansatz/ansatz/symreg/expr"
	"github.com/ansatz/ansatz/table"
)

// The MPI tests run this test binary as ansatz on several ranks: with
// ANSATZ_AS_MAIN=1 in the environment (mpirun passes it on), TestMain is
// ansatz's main.
func TestMain(m *testing.M) {
	if os.Getenv("ANSATZ_AS_MAIN") == "1" {
		os.Exit(launch(os.Args[1:]))
	}
	os.Exit(m.Run())
}

// feynmanTable is the AI Feynman equation I.6.2a, f = exp(−θ²/2)/√(2π),
// sampled at 300 points (testdata/README.md).
const feynmanTable = "../../testdata/feynman/I.6.2a.csv"

// mpiAnsatz is `mpirun --oversubscribe -np n ansatz args...`.
func mpiAnsatz(t *testing.T, n int, args ...string) *exec.Cmd {
	cmd := mpitest.Command(t, n, os.Args[0], args...)
	cmd.Env = append(os.Environ(), "ANSATZ_AS_MAIN=1")
	return cmd
}

// mpiRun runs mpiAnsatz to the end and returns stdout, failing the test
// if the job fails.
func mpiRun(t *testing.T, n int, args ...string) []byte {
	t.Helper()
	cmd := mpiAnsatz(t, n, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("mpirun -np %d ansatz %s: %v\n%s", n, strings.Join(args, " "), err, errb.String())
	}
	return out.Bytes()
}

// decodeOne decodes out as exactly one JSON document: ranks other than 0
// print nothing.
func decodeOne(t *testing.T, out []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(out, v); err != nil {
		t.Fatalf("output is not one JSON document (%v):\n%s", err, out)
	}
}

func TestMPIInfo(t *testing.T) {
	var rep struct {
		MPI mpiInfo `json:"mpi"`
	}
	decodeOne(t, mpiRun(t, 3, "info", "--json"), &rep)
	if m := rep.MPI; !m.Compiled || !m.Launched || m.Rank != 0 || m.Size != 3 || m.Library == "" {
		t.Errorf("info under mpirun -np 3: %+v", m)
	}
}

// TestMPISearchFindsTheLawOfOneProcess searches the Feynman table on four
// ranks and alone: both must find the law (exactly, and the same function
// of θ), the ranks must have exchanged migrants, and two runs on four
// ranks with the same seed must give the same front.
func TestMPISearchFindsTheLawOfOneProcess(t *testing.T) {
	base := []string{"--threads", "1", "--quiet", "search", feynmanTable, "--json"}
	code, out, errs := runT(t, append(base, "--iterations", "40", "--stop-exact")...)
	if code != 0 {
		t.Fatalf("alone: code %d: %s", code, errs)
	}
	var alone, mpi, again searchResultJSON
	decodeOne(t, []byte(out), &alone)
	decodeOne(t, mpiRun(t, 4, append(base, "--iterations", "2")...), &mpi)
	decodeOne(t, mpiRun(t, 4, append(base, "--iterations", "2")...), &again)

	if mpi.Ranks != 4 || mpi.Migrants == nil || mpi.Migrants.Placed == 0 || mpi.Migrants.Sent < mpi.Migrants.Placed {
		t.Errorf("4 ranks: ranks %d, migrants %+v", mpi.Ranks, mpi.Migrants)
	}
	if alone.Ranks != 0 || alone.Migrants != nil {
		t.Errorf("alone: ranks %d, migrants %+v", alone.Ranks, alone.Migrants)
	}
	infix := func(r searchResultJSON) []string {
		var s []string
		for _, f := range r.Front {
			s = append(s, f.Infix)
		}
		return s
	}
	if !slices.Equal(infix(mpi), infix(again)) || mpi.Evals != again.Evals {
		t.Errorf("same seed, same ranks, different fronts:\n%q\n%q", infix(mpi), infix(again))
	}

	tab, err := (&table.Flags{}).Load(feynmanTable)
	if err != nil {
		t.Fatal(err)
	}
	law := func(r searchResultJSON) []float64 {
		f := r.Front[r.Chosen]
		if *f.Loss > 1e-28 {
			t.Errorf("chosen formula %s is not exact: loss %g", f.Infix, *f.Loss)
		}
		tree, err := expr.Parse(f.Infix, tab.Features)
		if err != nil {
			t.Fatal(err)
		}
		y := make([]float64, len(tab.Y))
		var ev expr.Evaluator
		ev.Eval64(expr.Compile(tree), tab.X, y)
		return y
	}
	a, b := law(alone), law(mpi)
	for i := range a {
		if math.Abs(a[i]-b[i]) > 1e-12*math.Abs(a[i]) {
			t.Fatalf("different laws: %s alone, %s on 4 ranks (row %d: %g vs %g)",
				alone.Front[alone.Chosen].Infix, mpi.Front[mpi.Chosen].Infix, i+2, a[i], b[i])
		}
	}
	t.Logf("alone: %s (%d iterations); 4 ranks: %s (%d iterations, migrants %+v)",
		alone.Front[alone.Chosen].Infix, alone.Iterations, mpi.Front[mpi.Chosen].Infix, mpi.Iterations, *mpi.Migrants)
}

// TestMPIResumeOnOtherRankCounts checkpoints a search of four ranks and
// resumes it on two, then alone: one checkpoint holds every rank's islands.
func TestMPIResumeOnOtherRankCounts(t *testing.T) {
	dir := t.TempDir()
	ck, ck2 := filepath.Join(dir, "four.json"), filepath.Join(dir, "two.json")
	base := []string{"--threads", "1", "--quiet", "search", feynmanTable, "--json"}
	mpiRun(t, 4, append(base, "--iterations", "1", "--checkpoint", ck)...)
	var two searchResultJSON
	decodeOne(t, mpiRun(t, 2, append(base, "--iterations", "2", "--resume", ck, "--checkpoint", ck2)...), &two)
	if two.Iterations != 2 || two.Ranks != 2 {
		t.Fatalf("resumed on 2 ranks: %d iterations, %d ranks", two.Iterations, two.Ranks)
	}
	code, out, errs := runT(t, append(base, "--iterations", "3", "--resume", ck2)...)
	if code != 0 {
		t.Fatalf("resumed alone: code %d: %s", code, errs)
	}
	var alone searchResultJSON
	decodeOne(t, []byte(out), &alone)
	if alone.Iterations != 3 || alone.Evals <= two.Evals {
		t.Fatalf("resumed alone: %d iterations, %d evaluations (before: %d)", alone.Iterations, alone.Evals, two.Evals)
	}
	for _, p := range []string{ck, ck2} {
		var c struct {
			Islands []json.RawMessage `json:"islands"`
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		decodeOne(t, b, &c)
		if len(c.Islands) != 4*8 {
			t.Errorf("%s holds %d islands, want 32 (8 per rank of the first run)", filepath.Base(p), len(c.Islands))
		}
	}
}

// TestMPIRankFailureEndsJob stops or kills rank 2 of four in the middle of
// a long search: the job must end within 10 s, fail, and say which rank.
// Killed, the launcher sees it die and says so; stopped (hung), the
// launcher sees nothing and ansatz's heartbeat must notice.
func TestMPIRankFailureEndsJob(t *testing.T) {
	for _, c := range []struct {
		name string
		sig  syscall.Signal
		// line is a line stderr must hold; ours is whether it must hold
		// exactly one line of ansatz's.
		line string
		ours bool
	}{
		{"killed", syscall.SIGKILL, "process rank 2 with PID", false},
		{"hung", syscall.SIGSTOP, "ansatz: rank 3: rank 2 has not been heard from for 5s (dead or hung); aborting the job", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			ck := filepath.Join(t.TempDir(), "ck.json")
			cmd := mpiAnsatz(t, 4, "--threads", "1", "--quiet", "search", feynmanTable, "--time", "5m",
				"--checkpoint", ck, "--checkpoint-every", "1ns")
			var errb bytes.Buffer
			cmd.Stderr = &errb
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer cmd.Process.Kill()
			waitFor(t, func() bool { _, err := os.Stat(ck); return err == nil }) // an iteration is done
			victim := rankPID(t, cmd.Process.Pid, 2)
			start := time.Now()
			if err := syscall.Kill(victim, c.sig); err != nil {
				t.Fatal(err)
			}
			err := cmd.Wait()
			took := time.Since(start)
			t.Logf("%s rank 2: the job ended after %.1fs (%v); stderr:\n%s", c.name, took.Seconds(), err, errb.String())
			if err == nil {
				t.Errorf("the job succeeded")
			}
			if took > 10*time.Second {
				t.Errorf("the job took %.1fs to end", took.Seconds())
			}
			if !strings.Contains(errb.String(), c.line) {
				t.Errorf("stderr lacks %q", c.line)
			}
			if n := strings.Count("\n"+errb.String(), "\nansatz:"); c.ours && n != 1 {
				t.Errorf("%d lines of ansatz on stderr, want 1", n)
			}
		})
	}
}

// waitFor polls cond (an event another process causes) for up to a minute.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); !cond(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting for the job to start searching")
		}
	}
}

// rankPID finds the process of rank under mpirun (Open MPI starts local
// ranks as its children, each with OMPI_COMM_WORLD_RANK set).
func rankPID(t *testing.T, mpirun, rank int) int {
	t.Helper()
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	for _, d := range dirs {
		stat, err := os.ReadFile(filepath.Join(d, "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...: comm may hold spaces, so split after ')'.
		fields := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
		if len(fields) < 2 || fields[1] != strconv.Itoa(mpirun) {
			continue
		}
		env, _ := os.ReadFile(filepath.Join(d, "environ"))
		if slices.Contains(strings.Split(string(env), "\x00"), fmt.Sprint("OMPI_COMM_WORLD_RANK=", rank)) {
			pid, _ := strconv.Atoi(filepath.Base(d))
			return pid
		}
	}
	t.Fatalf("no child of mpirun (pid %d) is rank %d", mpirun, rank)
	return 0
}

// TestMPIBatchSpreadsJobs runs a manifest of six short searches on three
// ranks: every job is done once, rank 0 writes every result line, and
// ranks other than 0 ran some of them.
func TestMPIBatchSpreadsJobs(t *testing.T) {
	dir := t.TempDir()
	table, err := filepath.Abs(feynmanTable)
	if err != nil {
		t.Fatal(err)
	}
	var m strings.Builder
	for i := range 6 {
		fmt.Fprintf(&m, `{"verb":"search","data":%q,"iterations":1,"seed":%d,"out":%q}`+"\n", table, i+1, filepath.Join(dir, fmt.Sprint("run", i)))
	}
	manifest := filepath.Join(dir, "manifest.jsonl")
	if err := os.WriteFile(manifest, []byte(m.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := mpiRun(t, 3, "--threads", "1", "--quiet", "batch", manifest)
	ok := 0
	for _, l := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(l, "ok ") {
			ok++
		}
	}
	if ok != 6 {
		t.Errorf("%d ok lines, want 6:\n%s", ok, out)
	}
	b, err := os.ReadFile(filepath.Join(dir, "results.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	lines := map[int]bool{}
	ranks := map[int]bool{}
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var r struct {
			Line   int    `json:"line"`
			Status string `json:"status"`
			Rank   int    `json:"rank"`
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil || r.Status != "ok" || lines[r.Line] {
			t.Errorf("result line %q (%v)", l, err)
		}
		lines[r.Line], ranks[r.Rank] = true, true
		if _, err := os.Stat(filepath.Join(dir, fmt.Sprint("run", r.Line-1), "result.json")); err != nil {
			t.Errorf("job %d wrote no result.json: %v", r.Line, err)
		}
	}
	if len(lines) != 6 || len(ranks) < 2 {
		t.Errorf("results of lines %v by ranks %v", lines, ranks)
	}
}

// TestMPIDiscoverSearchesOnAllRanks runs discover on three ranks: the
// report is written once, by rank 0, and each search of the law stage ran
// on all three ranks.
func TestMPIDiscoverSearchesOnAllRanks(t *testing.T) {
	dir := t.TempDir()
	out := mpiRun(t, 3, "--threads", "1", "--quiet", "discover", "../../testdata/examples/pendulum.csv", "--target", "period_s",
		"--out", dir, "--time", "0", "--iterations", "2", "--repeats", "1", "--shuffles", "1", "--epochs", "30", "--json")
	var res struct {
		Law struct {
			Runs []struct {
				Label string `json:"label"`
				Ranks int    `json:"ranks"`
			} `json:"runs"`
			Formula string `json:"formula"`
		} `json:"law"`
	}
	decodeOne(t, out, &res)
	if len(res.Law.Runs) == 0 || res.Law.Formula == "" {
		t.Fatalf("no law: %s", out)
	}
	for _, r := range res.Law.Runs {
		if r.Ranks != 3 {
			t.Errorf("search %q ran on %d ranks, want 3", r.Label, r.Ranks)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "report.html")); err != nil {
		t.Error(err)
	}
}
