package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeEvalCSV writes y = 2.5·exp(−0.7·x1) + 1.3 with a second input.
func writeEvalCSV(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("x1,x2,y\n")
	for i := 0; i < 200; i++ {
		x1 := 1 + 2*float64(i)/199
		x2 := float64(i%7) - 3
		fmt.Fprintf(&b, "%v,%v,%v\n", x1, x2, 2.5*math.Exp(-0.7*x1)+1.3)
	}
	path := filepath.Join(t.TempDir(), "d.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestEvalVerb(t *testing.T) {
	path := writeEvalCSV(t)
	code, out, errs := runT(t, "eval", path, "--expr", "2.5*exp(-0.7*x1) + 1.3")
	if code != 0 || !strings.Contains(out, "R2") || !strings.Contains(out, "max error") {
		t.Fatalf("code %d out %q err %q", code, out, errs)
	}
	code, out, errs = runT(t, "eval", path, "--expr", "1*exp(-1*x1)", "--fit", "--linear-scaling", "--json", "--precision", "64")
	if code != 0 {
		t.Fatalf("fit: code %d err %q", code, errs)
	}
	var rep struct {
		Fitted string  `json:"fitted"`
		R2     float64 `json:"r2"`
		RMSE   float64 `json:"rmse"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v: %q", err, out)
	}
	if rep.RMSE > 1e-9 || rep.R2 < 1-1e-12 || rep.Fitted == "" {
		t.Fatalf("fit did not recover the law: %+v", rep)
	}
}

func TestEvalBadInputExit2(t *testing.T) {
	path := writeEvalCSV(t)
	refuse(t, []badInput{
		{[]string{"eval", path, "--expr", "x1*cos(x2 - 3.2))"}, "--expr: col 17: unexpected ')'"},
		{[]string{"eval", path, "--expr", "frob(x1)"}, `unknown function "frob"`},
		{[]string{"eval", path, "--expr", "x1 + zeta"}, `unknown name "zeta"`},
	})
}

func TestBenchEvalVerb(t *testing.T) {
	code, out, errs := runT(t, "bench", "eval", "--trees", "10", "--rows", "300", "--time", "10ms", "--json", "--impls", "generic")
	if code != 0 {
		t.Fatalf("code %d: %s", code, errs)
	}
	var line struct {
		Bench, Impl, Metric string
		Value               float64
	}
	if err := json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &line); err != nil {
		t.Fatalf("%v: %q", err, out)
	}
	if line.Bench != "eval" || line.Impl != "generic" || line.Metric != "node-rows/s" || !(line.Value > 0) {
		t.Fatalf("bad line %+v", line)
	}
	code, _, errs = runT(t, "bench", "eval", "--cases", "nope")
	if code != 2 {
		t.Fatalf("unknown case: exit %d", code)
	}
	oneErrorLine(t, errs, `unknown case "nope"`)
}

// TestEvalRoundToClasses: with --round-to-classes the formula is also read
// as a classifier, its value rounded to the nearest target value present.
func TestEvalRoundToClasses(t *testing.T) {
	// Classes 0, 2, 4. x rounds to: 0 ✓, 2 ✓, 4 ✗ (3.2 is nearer 4 than 2),
	// 4 ✓, 0 ✓ (below every class), 0 ✗ (0.9 is nearer 0): 4 of 6.
	data := writeFile(t, "classes.csv", "x,y\n0.2,0\n1.9,2\n3.2,2\n4.4,4\n-3,0\n0.9,2\n")
	code, out, errs := runT(t, "eval", data, "--target", "y", "--expr", "x", "--round-to-classes", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rep struct {
		Accuracy float64 `json:"rounded_accuracy"`
		Classes  int     `json:"classes"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Classes != 3 || rep.Accuracy != 4.0/6 {
		t.Errorf("accuracy %v over %d classes, want 4/6 over 3", rep.Accuracy, rep.Classes)
	}
	code, out, _ = runT(t, "eval", data, "--target", "y", "--expr", "x", "--round-to-classes")
	if code != 0 || !strings.Contains(out, "(rounded to the nearest of 3 classes)") {
		t.Errorf("table output %q", out)
	}
}
