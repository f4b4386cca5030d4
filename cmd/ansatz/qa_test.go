package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestOutDirMissingExit2: a --out (or --log) in a directory that does not
// exist is an input error found before any work, and nothing is written.
// Before, train trained first and then failed with exit 1 naming the
// atomic writer's temp file.
func TestOutDirMissingExit2(t *testing.T) {
	data := synthCSV(t, 60, false)
	kanModel, kanData := kanFixture(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.model")
	if code, _, errs := runT(t, "--quiet", "train", data, "--target", "y", "--epochs", "1", "--out", good); code != 0 {
		t.Fatalf("train: %d %s", code, errs)
	}
	missing := filepath.Join(dir, "no", "such", "dir", "out")
	for _, tc := range []struct {
		args []string
		flag string
	}{
		{[]string{"train", data, "--target", "y", "--epochs", "1", "--out", missing}, "--out"},
		{[]string{"train", data, "--target", "y", "--epochs", "1", "--out", filepath.Join(dir, "m2"), "--log", missing}, "--log"},
		{[]string{"train", data, "--target", "y", "--epochs", "1", "--out", dir}, "is a directory"},
		{[]string{"predict", good, data, "--out", missing}, "--out"},
		{[]string{"prune", kanModel, kanData, "--out", missing}, "--out"},
		{[]string{"refine", kanModel, kanData, "--grid", "8", "--out", missing}, "--out"},
	} {
		code, out, errs := runT(t, append([]string{"--quiet"}, tc.args...)...)
		if code != 2 || out != "" {
			t.Errorf("%v: exit %d stdout %q, want 2 and nothing (%s)", tc.args, code, out, errs)
			continue
		}
		oneErrorLine(t, errs, tc.flag)
	}
	if _, err := os.Stat(filepath.Join(dir, "m2")); err == nil {
		t.Error("train wrote --out although --log could not be written")
	}
	// A run rejected by the network builder (after the flags were checked)
	// leaves no --log file either (it left an empty one before).
	logf := filepath.Join(dir, "steps.jsonl")
	code, _, errs := runT(t, "--quiet", "train", data, "--target", "y", "--model", "kan", "--width", "9,5,1",
		"--out", filepath.Join(dir, "m3"), "--log", logf)
	if code != 2 {
		t.Fatalf("train --width 9,5,1: exit %d (%s)", code, errs)
	}
	if _, err := os.Stat(logf); err == nil {
		t.Error("a rejected train run wrote its --log file")
	}
}

// TestPredictJSONNonFinite: a prediction that is NaN (an input far outside
// the training range) is null in --json, not a failed encoding (exit 1
// "json: unsupported value: NaN" before).
func TestPredictJSONNonFinite(t *testing.T) {
	data := synthCSV(t, 60, false)
	dir := t.TempDir()
	mf := filepath.Join(dir, "m.model")
	if code, _, errs := runT(t, "--quiet", "train", data, "--target", "y", "--epochs", "1", "--out", mf); code != 0 {
		t.Fatalf("train: %d %s", code, errs)
	}
	head, _, _ := strings.Cut(readFile(t, data), "\n")
	cols := strings.Split(head, ",")
	row := func(v string) string {
		f := make([]string, len(cols))
		for i := range f {
			f[i] = v
		}
		return strings.Join(f, ",")
	}
	huge := writeFile(t, "huge.csv", head+"\n"+row("1e300")+"\n"+row("0.1")+"\n")
	code, out, errs := runT(t, "--quiet", "predict", mf, huge, "--json")
	if code != 0 {
		t.Fatalf("predict --json: exit %d: %s", code, errs)
	}
	var got struct{ Prediction []*float64 }
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("predict --json printed %q: %v", out, err)
	}
	if len(got.Prediction) != 2 || got.Prediction[0] != nil || got.Prediction[1] == nil {
		t.Fatalf("predictions %s: want [null, number]", out)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestPredictMatchesTrainMetrics: `predict --out` reproduces the model the
// train verb scored: with every row in the training part, the RMSE
// (regression, KAN) and the accuracy (classification, MLP) computed from the
// prediction column equal train --json's training metrics.
func TestPredictMatchesTrainMetrics(t *testing.T) {
	for _, tc := range []struct {
		classes bool
		args    []string
		metric  string
	}{
		{false, []string{"--model", "kan", "--width", "3,2,1", "--steps", "20"}, "rmse"},
		{true, []string{"--hidden", "8", "--epochs", "3"}, "accuracy"},
	} {
		data := synthCSV(t, 200, tc.classes)
		dir := t.TempDir()
		mf, pf := filepath.Join(dir, "m.model"), filepath.Join(dir, "pred.csv")
		r := trainJSON(t, append([]string{data, "--target", "y", "--test", "0", "--val", "0", "--out", mf}, tc.args...)...)
		if code, _, errs := runT(t, "--quiet", "predict", mf, data, "--out", pf); code != 0 {
			t.Fatalf("predict: %d %s", code, errs)
		}
		truth := strings.Split(strings.TrimSpace(readFile(t, data)), "\n")[1:]
		pred := strings.Split(strings.TrimSpace(readFile(t, pf)), "\n")[1:]
		if len(pred) != len(truth) {
			t.Fatalf("%d predictions for %d rows", len(pred), len(truth))
		}
		var sse, hits float64
		for i := range truth {
			y := lastField(t, truth[i])
			p := lastField(t, pred[i])
			sse += (y - p) * (y - p)
			if y == p {
				hits++
			}
		}
		n := float64(len(truth))
		got := math.Sqrt(sse / n)
		if tc.classes {
			got = hits / n
		}
		if want := r.Train[tc.metric]; math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
			t.Errorf("%s from predict --out = %.12g, train --json says %.12g", tc.metric, got, want)
		}
	}
}

func lastField(t *testing.T, line string) float64 {
	t.Helper()
	f := line[strings.LastIndexByte(line, ',')+1:]
	v, err := strconv.ParseFloat(f, 64)
	if err != nil {
		t.Fatalf("line %q: %v", line, err)
	}
	return v
}

// TestKANVerbsEchoPathsAsGiven: prune/refine print --out as the user wrote
// it (like train and predict), not made absolute, so scripts can match it.
func TestKANVerbsEchoPathsAsGiven(t *testing.T) {
	mf, data := kanFixture(t)
	t.Chdir(t.TempDir())
	for _, verb := range [][]string{{"prune"}, {"refine", "--grid", "8", "--steps", "2"}} {
		args := append([]string{"--quiet"}, verb[0], mf, data, "--out", "out.kan", "--json")
		code, out, errs := runT(t, append(args, verb[1:]...)...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", verb[0], code, errs)
		}
		var r struct{ Out string }
		if err := json.Unmarshal([]byte(out), &r); err != nil || r.Out != "out.kan" {
			t.Errorf("%s --json: out %q (err %v), want \"out.kan\"", verb[0], r.Out, err)
		}
	}
}

// TestKANVerbsBadModelExit2: prune, refine and snap given an MLP, a
// truncated or corrupted KAN file, a classification KAN (snap) or a table
// without the model's columns: exit 2, one error line, no output file.
func TestKANVerbsBadModelExit2(t *testing.T) {
	kanModel, kanData := kanFixture(t)
	dir := t.TempDir()
	data := synthCSV(t, 60, false)
	classes := synthCSV(t, 60, true)
	mlpModel, clsKAN := filepath.Join(dir, "m.mlp"), filepath.Join(dir, "c.kan")
	for _, args := range [][]string{
		{"train", data, "--target", "y", "--epochs", "1", "--out", mlpModel},
		{"train", classes, "--target", "y", "--model", "kan", "--width", "3,2,3", "--steps", "2", "--out", clsKAN},
	} {
		if code, _, errs := runT(t, append([]string{"--quiet"}, args...)...); code != 0 {
			t.Fatalf("%v: %d %s", args, code, errs)
		}
	}
	good, err := os.ReadFile(kanModel)
	if err != nil {
		t.Fatal(err)
	}
	trunc, flipped := filepath.Join(dir, "t.kan"), filepath.Join(dir, "f.kan")
	os.WriteFile(trunc, good[:len(good)/2], 0o644)
	bad := append([]byte(nil), good...)
	bad[len(bad)/2] ^= 0x10
	os.WriteFile(flipped, bad, 0o644)
	out := filepath.Join(dir, "out.kan")
	wrongCols := writeFile(t, "wrong.csv", "a,zz,y\n1,2,3\n2,3,4\n3,4,5\n")
	for _, tc := range []struct {
		model, data, want string
	}{
		{mlpModel, data, "needs a KAN"},
		{trunc, kanData, "truncated"},
		{flipped, kanData, "corrupt"},
		{kanModel, wrongCols, "no column named"},
	} {
		for _, verb := range [][]string{{"prune"}, {"refine", "--grid", "8"}, {"snap"}} {
			args := append([]string{"--quiet", verb[0], tc.model, tc.data}, verb[1:]...)
			if verb[0] != "snap" {
				args = append(args, "--out", out)
			}
			code, stdout, errs := runT(t, args...)
			if code != 2 || stdout != "" {
				t.Errorf("%v: exit %d stdout %q, want 2 and nothing (%s)", args, code, stdout, errs)
				continue
			}
			oneErrorLine(t, errs, tc.want)
			if _, err := os.Stat(out); err == nil {
				t.Fatalf("%v wrote %s", args, out)
			}
		}
	}
	code, _, errs := runT(t, "--quiet", "snap", clsKAN, classes, "--json")
	if code != 2 {
		t.Fatalf("snap of a classification KAN: exit %d (%s)", code, errs)
	}
	oneErrorLine(t, errs, "classification")
}

// TestKANDeterministicAcrossThreads: the KAN engine claims bit-identical
// results for any thread count, so the same seed with --threads 1 and 2
// gives the same model file, predictions and attribute --json (with a
// retrained repeat).
func TestKANDeterministicAcrossThreads(t *testing.T) {
	data := synthCSV(t, 3000, false) // > one 1024-row chunk per thread
	dir := t.TempDir()
	var got []string
	for i, threads := range []string{"1", "2", "2"} {
		mf := filepath.Join(dir, fmt.Sprintf("m%d.kan", i))
		g := []string{"--quiet", "--threads", threads, "--seed", "5"}
		if code, _, errs := runT(t, append(g, "train", data, "--target", "y", "--model", "kan",
			"--width", "3,3,1", "--steps", "10", "--out", mf)...); code != 0 {
			t.Fatalf("train: %d %s", code, errs)
		}
		c1, pred, e1 := runT(t, append(g, "predict", mf, data)...)
		c2, attr, e2 := runT(t, append(g, "attribute", mf, data, "--json", "--repeats", "2")...)
		if c1 != 0 || c2 != 0 {
			t.Fatalf("predict: %d %s; attribute: %d %s", c1, e1, c2, e2)
		}
		got = append(got, readFile(t, mf)+pred+attr)
	}
	if got[0] != got[1] || got[1] != got[2] {
		t.Fatal("same seed with --threads 1 and 2 gave different KAN files, predictions or attributions")
	}
}
