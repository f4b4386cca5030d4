package main

import (
	"encoding/json"
	"path/filepath"
	"testing"
)

// knotsCSV is the copy of the knot table (see testdata/README.md).
var knotsCSV = filepath.Join("..", "..", "testdata", "knots", "train.csv")

// TestKnotsCLI is the knot-signature criterion through the command line:
// signature as classes, seeded 75/25 split; MLP and KAN test accuracy
// ≥ 0.78, and gradient saliency of the MLP ranks the three translation
// invariants first.
func TestKnotsCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("trains two networks on 10 000 rows; skipped with -short")
	}
	dir := t.TempDir()
	mlpFile := filepath.Join(dir, "knots.mlp")
	r := trainJSON(t, knotsCSV, "--target", "signature", "--model", "mlp", "--hidden", "64,64", "--out", mlpFile)
	t.Logf("MLP: %+v", r)
	if r.Task != "classification" || r.Test["n"] != 2500 || r.Test["accuracy"] < 0.78 {
		t.Errorf("MLP test accuracy %v < 0.78 (report %+v)", r.Test["accuracy"], r)
	}
	code, out, errs := runT(t, "--quiet", "attribute", mlpFile, knotsCSV, "--json")
	if code != 0 {
		t.Fatalf("attribute: %d %s", code, errs)
	}
	var rep struct {
		Ranking []struct{ Feature string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || len(rep.Ranking) != 17 {
		t.Fatalf("attribute --json: %s (%v)", out, err)
	}
	want := map[string]bool{"longitudinal_translation": true, "meridinal_translation_real": true, "meridinal_translation_imag": true}
	for _, f := range rep.Ranking[:3] {
		if !want[f.Feature] {
			t.Errorf("saliency top 3 holds %s: %s", f.Feature, out)
		}
	}

	r = trainJSON(t, knotsCSV, "--target", "signature", "--model", "kan", "--width", "17,3,13", "--grid", "3",
		"--steps", "40", "--out", filepath.Join(dir, "knots.kan"))
	t.Logf("KAN: %+v", r)
	if r.Test["accuracy"] < 0.78 {
		t.Errorf("KAN test accuracy %v < 0.78", r.Test["accuracy"])
	}
}
