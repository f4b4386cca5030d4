package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// discoverTable writes y = x0·x1 + noise with two irrelevant columns.
func discoverTable(t *testing.T) string {
	rng := rand.New(rand.NewPCG(5, 9))
	var b strings.Builder
	b.WriteString("x0,junk1,x1,junk2,y\n")
	for i := 0; i < 240; i++ {
		x0, j1, x1, j2 := 4*rng.Float64()-2, 4*rng.Float64()-2, 4*rng.Float64()-2, 4*rng.Float64()-2
		fmt.Fprintf(&b, "%.6f,%.6f,%.6f,%.6f,%.6f\n", x0, j1, x1, j2, x0*x1+0.01*rng.NormFloat64())
	}
	return writeFile(t, "prod.csv", b.String())
}

// discoverResult is the part of discover --json the tests read.
type discoverResult struct {
	Law struct {
		Formula string  `json:"formula"`
		TestR2  float64 `json:"test_r2"`
		Runs    []struct {
			Units string `json:"units"`
		} `json:"runs"`
	} `json:"law"`
	Focus struct {
		Features []string `json:"features"`
	} `json:"focus"`
}

// discoverJSON runs discover --json with args and reads its result.
func discoverJSON(t *testing.T, args ...string) discoverResult {
	t.Helper()
	code, stdout, stderr := runT(t, append([]string{"--quiet", "--threads", "2", "discover"}, args...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var res discoverResult
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatalf("--json output does not parse: %v\n%s", err, stdout)
	}
	return res
}

func TestDiscoverWritesReport(t *testing.T) {
	if testing.Short() {
		t.Skip("a whole discovery or search: runs without -short (CI runs -short under the race detector)")
	}
	data := discoverTable(t)
	out := filepath.Join(t.TempDir(), "rep")
	res := discoverJSON(t, data, "--target", "y", "--hidden", "32,32", "--time", "0", "--iterations", "8", "--out", out, "--json")
	if len(res.Focus.Features) != 2 || strings.Contains(strings.Join(res.Focus.Features, ","), "junk") {
		t.Errorf("focus %v, want x0 and x1", res.Focus.Features)
	}
	if res.Law.TestR2 < 0.999 || !strings.Contains(res.Law.Formula, "x0") || !strings.Contains(res.Law.Formula, "x1") {
		t.Errorf("law %q, test R² %g", res.Law.Formula, res.Law.TestR2)
	}
	file, err := os.ReadFile(filepath.Join(out, "result.json"))
	if err != nil || !strings.Contains(string(file), res.Law.Formula) {
		t.Errorf("result.json (%v) lacks the formula %q", err, res.Law.Formula)
	}
	for _, f := range []string{"report.md", "report.html"} {
		b, err := os.ReadFile(filepath.Join(out, f))
		if err != nil || !strings.Contains(string(b), "4. Law") {
			t.Errorf("%s: %v, or no law section", f, err)
		}
	}
}

func TestDiscoverBadInputExit2(t *testing.T) {
	data := discoverTable(t)
	out := t.TempDir()
	refuse(t, []badInput{
		{[]string{"discover", filepath.Join(out, "missing.csv"), "--out", out}, "missing.csv"},
		{[]string{"discover", data, "--target", "nope", "--out", out}, "nope"},
		{[]string{"discover", data, "--repeats", "0", "--out", out}, "--repeats"},
		{[]string{"discover", data, "--coverage", "1.5", "--out", out}, "--coverage"},
		{[]string{"discover", data, "--model", "svm", "--out", out}, "--model"},
		{[]string{"discover", data, "--ops", "+,frob", "--out", out}, "frob"},
		{[]string{"discover", data, "--units", filepath.Join(out, "nounits.csv"), "--out", out}, "nounits.csv"},
		{[]string{"discover", data}, "--out"},
	})
}

func TestDiscoverUnits(t *testing.T) {
	res := discoverJSON(t, "../../testdata/examples/pendulum.csv", "--target", "period_s",
		"--units", "../../testdata/examples/pendulum_units.csv", "--hidden", "16", "--repeats", "1", "--time", "0", "--iterations", "3", "--out", t.TempDir(), "--json")
	// T = 2π·sqrt(L/g) follows from the units alone.
	if !strings.Contains(res.Law.Formula, "sqrt(length_m/g_ms2)") || res.Law.TestR2 < 0.9999 || !strings.Contains(res.Law.Runs[0].Units, "by units alone") {
		t.Errorf("law %q (test R² %g, units %q)", res.Law.Formula, res.Law.TestR2, res.Law.Runs[0].Units)
	}
}
