package main

import (
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/table"
)

// TestPredictJSONNonFinite: a prediction that is NaN (an input far outside
// the training range) is null in --json, not a failed encoding (exit 1
// "json: unsupported value: NaN" before).
func TestPredictJSONNonFinite(t *testing.T) {
	data := synthCSV(t, 60, false)
	dir := t.TempDir()
	mf := quickModel(t, data, dir)
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
		t.Run(tc.metric, func(t *testing.T) {
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
		})
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

// TestPredictColumnNameClash: when the model's features already use the
// name "prediction" (and "prediction_1"), the output column takes the
// first free name, so the CSV header stays unique and reads back as a
// table; stderr says which name was used.
func TestPredictColumnNameClash(t *testing.T) {
	var b strings.Builder
	b.WriteString("prediction,prediction_1,y\n")
	for i := range 40 {
		a, c := float64(i%7), float64(i%5)
		fmt.Fprintf(&b, "%g,%g,%g\n", a, c, 2*a-c)
	}
	data := writeFile(t, "d.csv", b.String())
	mf := filepath.Join(t.TempDir(), "m.model")
	trainJSON(t, data, "--target", "y", "--hidden", "4", "--epochs", "2", "--out", mf)
	code, out, errs := runT(t, "predict", mf, data)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if head, _, _ := strings.Cut(out, "\n"); head != "prediction,prediction_1,prediction_2" {
		t.Errorf("header %q, want prediction,prediction_1,prediction_2", head)
	}
	if !strings.Contains(errs, "prediction_2") {
		t.Errorf("stderr %q does not name the output column", errs)
	}
	tb, err := table.Read(strings.NewReader(out), "out.csv", table.Options{Target: "prediction_2"})
	if err != nil || tb.Rows != 40 {
		t.Fatalf("output does not read back as a table: %v", err)
	}
}
