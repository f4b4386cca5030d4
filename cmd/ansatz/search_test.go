package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/ansatz/ansatz/symreg"
	"github.com/ansatz/ansatz/symreg/expr"
)

const searchLaw = "../../testdata/examples/search_law.csv"

type searchResultJSON struct {
	Chosen     int    `json:"chosen"`
	Rule       string `json:"rule"`
	Why        string `json:"why"`
	Iterations int    `json:"iterations"`
	StopReason string `json:"stop_reason"`
	Front      []struct {
		Complexity int      `json:"complexity"`
		Loss       *float64 `json:"loss"`
		R2         *float64 `json:"r2"`
		Infix      string   `json:"infix"`
		LaTeX      string   `json:"latex"`
		Sympy      string   `json:"sympy"`
	} `json:"front"`
	Evals    int64                `json:"evals"`
	Ranks    int                  `json:"ranks"`
	Migrants *symreg.RankMigrants `json:"migrants_between_ranks"`
}

func readSearchResult(t *testing.T, path string) searchResultJSON {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var r searchResultJSON
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return r
}

func TestSearchVerbWritesResults(t *testing.T) {
	if testing.Short() {
		t.Skip("a whole discovery or search: runs without -short (CI runs -short under the race detector)")
	}
	dir := t.TempDir()
	code, out, errs := runT(t, "--threads", "2", "--quiet", "search", searchLaw, "--target", "y",
		"--ops", "+,-,*,sin", "--iterations", "3", "--maxsize", "12", "--out", dir)
	if code != 0 {
		t.Fatalf("code %d, stderr %q", code, errs)
	}
	if !strings.Contains(out, "complexity") || !strings.Contains(out, "*") {
		t.Fatalf("no front table with a chosen mark:\n%s", out)
	}
	r := readSearchResult(t, filepath.Join(dir, "result.json"))
	if r.Iterations != 3 || r.StopReason != "iterations" || len(r.Front) == 0 || r.Chosen < 0 || r.Chosen >= len(r.Front) {
		t.Fatalf("result.json: %+v", r)
	}
	// The default --select law says which rule chose and why.
	if r.Rule == "" || r.Why == "" || !strings.Contains(out, "(rule "+r.Rule+": ") {
		t.Errorf("rule %q, why %q, table:\n%s", r.Rule, r.Why, out)
	}
	for _, f := range r.Front {
		if f.Infix == "" || f.LaTeX == "" || f.Sympy == "" || f.Complexity < 1 || f.Complexity > 12 {
			t.Fatalf("front entry %+v", f)
		}
	}
	csv, err := os.ReadFile(filepath.Join(dir, "hall_of_fame.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(string(csv), "\n"); lines != len(r.Front)+1 {
		t.Fatalf("hall_of_fame.csv has %d lines for %d front entries", lines, len(r.Front))
	}
	// Same seed and iterations: the same front.
	code, out2, _ := runT(t, "--threads", "1", "--quiet", "search", searchLaw, "--target", "y",
		"--ops", "+,-,*,sin", "--iterations", "3", "--maxsize", "12")
	if code != 0 || tableRows(out2) != tableRows(out) {
		t.Fatalf("not reproducible across runs/threads:\n%s\n%s", out, out2)
	}
}

// tableRows drops the timing line of the front table.
func tableRows(out string) string {
	i := strings.LastIndex(out, "(* chosen")
	if i < 0 {
		return out
	}
	return out[:i]
}

func TestSearchVerbBadInput(t *testing.T) {
	search := func(flags ...string) []string {
		return append([]string{"--quiet", "search", searchLaw, "--target", "y", "--iterations", "1"}, flags...)
	}
	refuse(t, []badInput{
		{search("--ops", "+,frob"), "frob"},
		{search("--guess", "x0*("), "--guess"},
		{search("--guess", "nosuch*x0"), "nosuch"},
		{search("--nested", "sin"), "--nested"},
		{search("--weights", "nosuch"), "nosuch"},
		{search("--resume", "/nonexistent/ckpt.json"), "--resume"},
		{search("--maxsize", "0"), "--maxsize: must be ≥ 1, not 0"},
		{search("--complexity", "sin=0"), "--complexity: complexity weight"},
	})
	code, _, errs := runT(t, "search", "/nonexistent.csv", "--iterations", "1")
	if code != 2 {
		t.Errorf("missing file: code %d (%q)", code, errs)
	}
}

func TestSearchVerbCheckpointResume(t *testing.T) {
	dir := t.TempDir()
	ck := filepath.Join(dir, "ck.json")
	base := []string{"--quiet", "search", searchLaw, "--target", "y", "--ops", "+,-,*,sin", "--maxsize", "12"}
	if code, _, errs := runT(t, append(base, "--iterations", "2", "--checkpoint", ck)...); code != 0 {
		t.Fatalf("first run: %d %q", code, errs)
	}
	code, _, errs := runT(t, append(base, "--iterations", "4", "--resume", ck, "--out", dir)...)
	if code != 0 {
		t.Fatalf("resume: %d %q", code, errs)
	}
	if r := readSearchResult(t, filepath.Join(dir, "result.json")); r.Iterations != 4 {
		t.Fatalf("resumed run reports %d iterations, want 4 (2 + 2)", r.Iterations)
	}
}

// TestSearchVerbSIGINT interrupts a long search in a child process once it
// has finished an iteration (it says so on stderr: an event, not a pause)
// and checks that it still writes a complete result.json and exits 0.
func TestSearchVerbSIGINT(t *testing.T) {
	if os.Getenv("ANSATZ_SEARCH_CHILD") != "" {
		var once sync.Once
		stepHook = func(int) { once.Do(func() { fmt.Fprintln(os.Stderr, "child: iterating") }) }
		os.Exit(run([]string{"--threads", "1", "--quiet", "search", searchLaw, "--target", "y",
			"--time", "10m", "--out", os.Getenv("ANSATZ_SEARCH_CHILD")}, os.Stdout, os.Stderr))
	}
	if testing.Short() {
		t.Skip("starts a child process")
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestSearchVerbSIGINT$")
	cmd.Env = append(os.Environ(), "ANSATZ_SEARCH_CHILD="+dir)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitLine(t, cmd, bufio.NewScanner(stderr), "child: iterating")
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, stderr)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v", err)
	}
	r := readSearchResult(t, filepath.Join(dir, "result.json"))
	if r.StopReason != "interrupted" || len(r.Front) == 0 {
		t.Fatalf("result after SIGINT: stop %q, %d front entries", r.StopReason, len(r.Front))
	}
}

// waitLine reads the child's lines until one contains s; if the child
// ends first, it fails the test.
func waitLine(t *testing.T, cmd *exec.Cmd, lines *bufio.Scanner, s string) {
	t.Helper()
	for lines.Scan() {
		if strings.Contains(lines.Text(), s) {
			return
		}
	}
	cmd.Process.Kill()
	t.Fatalf("the child ended before printing %q", s)
}

func TestSearchVerbWeightsColumn(t *testing.T) {
	var b strings.Builder
	b.WriteString("a,w,y\n")
	for i := 0; i < 60; i++ {
		a := float64(i)/10 + 1
		b.WriteString(strings.Join([]string{ftoa(a), ftoa(float64(i%3 + 1)), ftoa(3*a + 1)}, ",") + "\n")
	}
	path := filepath.Join(t.TempDir(), "w.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	code, _, errs := runT(t, "--quiet", "search", path, "--target", "y", "--weights", "w", "--loss", "huber",
		"--iterations", "2", "--out", dir)
	if code != 0 {
		t.Fatalf("code %d: %s", code, errs)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "result.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Features []string          `json:"features"`
		Settings map[string]string `json:"settings"`
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Features) != 1 || r.Features[0] != "a" || r.Settings["loss"] != "huber" {
		t.Fatalf("features %v, settings %v", r.Features, r.Settings)
	}
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func TestSearchProgressOnPipe(t *testing.T) {
	var out, errb strings.Builder
	g := &Globals{Stdout: &out, Stderr: &errb}
	p := newSearchProgress(g, []string{"a"})
	if p.live {
		t.Fatal("a buffer is not a terminal")
	}
	p.interval = 0
	tree, _ := expr.Parse("2*a", []string{"a"})
	p.update(symreg.Progress{Iteration: 3, Evals: 100, Front: []symreg.FrontEntry{{Tree: tree, Complexity: 3, Loss: 0.5}}, Chosen: 0})
	p.done()
	if got := errb.String(); !strings.HasPrefix(got, "iter 3 ") || !strings.Contains(got, "2*a") || strings.Contains(got, "\r") {
		t.Fatalf("progress line %q", got)
	}
	g.Quiet = true
	errb.Reset()
	q := newSearchProgress(g, nil)
	q.interval = 0
	q.update(symreg.Progress{Chosen: -1})
	if errb.Len() != 0 {
		t.Fatalf("--quiet printed %q", errb.String())
	}
}
