package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/table"
)

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
