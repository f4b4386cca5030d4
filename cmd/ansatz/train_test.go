package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// synthCSV writes n rows of a, b, c (c irrelevant) with y = 3a - b for
// regression, or y = the class -2/0/2 of 3a - b for classification.
func synthCSV(t *testing.T, n int, classes bool) string {
	t.Helper()
	rng := rand.New(rand.NewPCG(4, 4))
	var b strings.Builder
	b.WriteString("a,b,c,y\n")
	for i := 0; i < n; i++ {
		x := []float64{rng.NormFloat64(), rng.NormFloat64(), 10 + rng.NormFloat64()}
		y := 3*x[0] - x[1]
		if classes {
			y = map[bool]float64{true: 2, false: 0}[y > 1]
			if 3*x[0]-x[1] < -1 {
				y = -2
			}
		}
		fmt.Fprintf(&b, "%g,%g,%g,%g\n", x[0], x[1], x[2], y)
	}
	return writeFile(t, "data.csv", b.String())
}

type trainReport struct {
	Task  string             `json:"task"`
	Test  map[string]float64 `json:"test"`
	Train map[string]float64 `json:"train"`
}

func trainJSON(t *testing.T, args ...string) trainReport {
	t.Helper()
	code, out, errs := runT(t, append([]string{"--quiet", "train", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("train %v: exit %d: %s", args, code, errs)
	}
	var r trainReport
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("train --json printed %q: %v", out, err)
	}
	return r
}

func TestTrainPredictAttributeRegression(t *testing.T) {
	data := synthCSV(t, 600, false)
	dir := t.TempDir()
	mf, logf := filepath.Join(dir, "m.model"), filepath.Join(dir, "steps.jsonl")
	r := trainJSON(t, data, "--target", "y", "--hidden", "32,32", "--act", "tanh", "--epochs", "60",
		"--lr", "3e-3", "--out", mf, "--log", logf)
	if r.Task != "regression" || r.Test["r2"] < 0.99 || r.Test["n"] != 150 {
		t.Fatalf("report %+v", r)
	}
	logData, _ := os.ReadFile(logf)
	lines := strings.Split(strings.TrimSpace(string(logData)), "\n")
	var first, last struct {
		Step int     `json:"step"`
		Loss float64 `json:"loss"`
	}
	json.Unmarshal([]byte(lines[0]), &first)
	json.Unmarshal([]byte(lines[len(lines)-1]), &last)
	if first.Step != 1 || last.Step != len(lines) || !(last.Loss < first.Loss/10) {
		t.Fatalf("log: %d lines, first %+v last %+v", len(lines), first, last)
	}

	// predict: the input columns plus a prediction close to 3a - b.
	pf := filepath.Join(dir, "pred.csv")
	if code, _, errs := runT(t, "--quiet", "predict", mf, data, "--out", pf); code != 0 {
		t.Fatalf("predict: %d %s", code, errs)
	}
	pred, _ := os.ReadFile(pf)
	rows := strings.Split(strings.TrimSpace(string(pred)), "\n")
	if rows[0] != "a,b,c,prediction" || len(rows) != 601 {
		t.Fatalf("pred.csv header %q, %d lines", rows[0], len(rows))
	}
	var sse float64
	for _, row := range rows[1:] {
		f := strings.Split(row, ",")
		v := make([]float64, 4)
		for j := range v {
			v[j], _ = strconv.ParseFloat(f[j], 64)
		}
		sse += (v[3] - (3*v[0] - v[1])) * (v[3] - (3*v[0] - v[1]))
	}
	if rmse := math.Sqrt(sse / 600); rmse > 0.3 {
		t.Fatalf("prediction RMSE %g (the target's std is about 3.2)", rmse)
	}

	// attribute: a, then b, then the irrelevant c.
	for _, method := range []string{"saliency", "permutation"} {
		code, out, errs := runT(t, "--quiet", "attribute", mf, data, "--method", method, "--json")
		if code != 0 {
			t.Fatalf("attribute: %d %s", code, errs)
		}
		var rep struct {
			Ranking []struct {
				Feature       string
				Score, Spread float64
			}
		}
		json.Unmarshal([]byte(out), &rep)
		if len(rep.Ranking) != 3 || rep.Ranking[0].Feature != "a" || rep.Ranking[1].Feature != "b" ||
			rep.Ranking[2].Score > rep.Ranking[1].Score/5 {
			t.Fatalf("%s ranking %s", method, out)
		}
	}
}

func TestTrainClassificationAndRepeats(t *testing.T) {
	data := synthCSV(t, 600, true)
	mf := filepath.Join(t.TempDir(), "m.model")
	r := trainJSON(t, data, "--target", "y", "--hidden", "16", "--epochs", "40", "--lr", "1e-2", "--out", mf)
	if r.Task != "classification" || r.Test["accuracy"] < 0.9 {
		t.Fatalf("report %+v", r)
	}
	code, out, errs := runT(t, "--quiet", "predict", mf, data, "--json")
	if code != 0 || !strings.Contains(out, `"prediction":[`) {
		t.Fatalf("predict --json: %d %s %s", code, out, errs)
	}
	var p struct{ Prediction []float64 }
	json.Unmarshal([]byte(out), &p)
	for _, v := range p.Prediction {
		if v != -2 && v != 0 && v != 2 {
			t.Fatalf("prediction %g is not a class value", v)
		}
	}
	code, out, errs = runT(t, "--quiet", "attribute", mf, data, "--repeats", "3", "--rows", "test", "--json")
	if code != 0 {
		t.Fatalf("attribute --repeats: %d %s", code, errs)
	}
	var rep struct {
		Repeats int
		N       int
		Ranking []struct {
			Feature       string
			Score, Spread float64
		}
	}
	json.Unmarshal([]byte(out), &rep)
	if rep.Repeats != 3 || rep.N != 150 || rep.Ranking[0].Feature != "a" || !(rep.Ranking[0].Spread > 0) {
		t.Fatalf("repeats ranking %s", out)
	}
}

// TestTrainDeterministic: same seed and data give the same model file,
// whatever the thread count.
func TestTrainDeterministic(t *testing.T) {
	data := synthCSV(t, 300, false)
	dir := t.TempDir()
	var files [][]byte
	for i, threads := range []string{"1", "2", "2"} {
		mf := filepath.Join(dir, fmt.Sprintf("m%d.model", i))
		code, _, errs := runT(t, "--quiet", "--threads", threads, "--seed", "7", "train", data, "--target", "y",
			"--hidden", "200", "--batch", "150", "--epochs", "3", "--out", mf)
		if code != 0 {
			t.Fatalf("train: %d %s", code, errs)
		}
		b, _ := os.ReadFile(mf)
		files = append(files, b)
	}
	if !bytes.Equal(files[0], files[1]) || !bytes.Equal(files[1], files[2]) {
		t.Fatal("same seed gave different model files")
	}
}

func TestTrainPredictErrors(t *testing.T) {
	data := synthCSV(t, 50, false)
	dir := t.TempDir()
	good := quickModel(t, data, dir)
	bad := filepath.Join(dir, "bad.model")
	os.WriteFile(bad, []byte("ANSATZMD\x01\x00\x00\x00garbage"), 0o644)
	x := filepath.Join(dir, "x")
	refuse(t, []badInput{
		{[]string{"--quiet", "train", data, "--target", "nope", "--out", x}, "nope"},
		{[]string{"--quiet", "train", data, "--target", "y", "--hidden", "0", "--out", x}, "--hidden: widths must be positive"},
		{[]string{"--quiet", "train", data, "--target", "y", "--test", "1", "--out", x}, "--test: must be a fraction in [0,1)"},
		{[]string{"--quiet", "train", data, "--target", "y", "--epochs=-1", "--out", x}, "--epochs: must not be negative"},
		{[]string{"--quiet", "train", data, "--target", "y", "--model", "kan", "--grid=-1", "--out", x}, "--grid: must be in 1..4096"},
		{[]string{"--quiet", "train", data, "--target", "y", "--model", "kan", "--width", "3,a,1", "--out", x}, `--width: "3,a,1": layer 2`},
		{[]string{"--quiet", "predict", bad, data}, bad},
		{[]string{"--quiet", "attribute", bad, data}, bad},
		{[]string{"--quiet", "attribute", good, data, "--method", "pykan"}, "needs a KAN model"},
		{[]string{"--quiet", "predict", filepath.Join(dir, "missing.model"), data}, "missing.model"},
	})
}

// TestTrainKAN: the train verb drives model/kan, and the saved KAN goes
// through predict and attribute like an MLP.
func TestTrainKAN(t *testing.T) {
	data := synthCSV(t, 300, false)
	mf := filepath.Join(t.TempDir(), "k.model")
	r := trainJSON(t, data, "--target", "y", "--model", "kan", "--width", "3,2,1", "--grid", "3", "--steps", "20", "--out", mf)
	if r.Test["r2"] < 0.99 {
		t.Fatalf("KAN report %+v", r)
	}
	code, out, errs := runT(t, "--quiet", "attribute", mf, data, "--json")
	if code != 0 || !strings.HasPrefix(out, `{"method":"saliency"`) || !strings.Contains(out, `"ranking":[{"feature":"a"`) {
		t.Fatalf("attribute KAN: %d %s %s", code, out, errs)
	}
	code, out, errs = runT(t, "--quiet", "attribute", mf, data, "--method", "pykan", "--json")
	if code != 0 || !strings.Contains(out, `"ranking":[{"feature":"a"`) {
		t.Fatalf("attribute --method pykan: %d %s %s", code, out, errs)
	}
	code, _, errs = runT(t, "--quiet", "train", data, "--target", "y", "--model", "kan", "--width", "2,1", "--out", mf)
	if code != 2 {
		t.Fatalf("wrong --width: exit %d %s", code, errs)
	}
	oneErrorLine(t, errs, "3 inputs and 1 outputs")
}
