package mlp_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/model/mlp"
	"github.com/ansatz/ansatz/table"
)

// TestKnotSignature: an MLP predicting the knot signature (as classes)
// from the 17 hyperbolic invariants reaches
// test accuracy ≥ 0.78 on a seeded 75/25 split, and gradient saliency
// ranks longitudinal_translation and the two meridinal_translation parts
// as the top three inputs, as Davies et al. (Nature 2021) found.
func TestKnotSignature(t *testing.T) {
	start := time.Now()
	tab, err := table.Load(filepath.Join("..", "..", "testdata", "knots", "train.csv"), table.Options{Target: "signature"})
	if err != nil {
		t.Fatal(err)
	}
	if tab.Cols() != 17 {
		t.Fatalf("%d features, want 17 (the row-id column must be skipped)", tab.Cols())
	}
	split, err := model.SplitRows(tab.Rows, 0.25, 0.1, 1)
	if err != nil {
		t.Fatal(err)
	}
	m, train, val, test, err := model.Prepare(tab.RowMajor64(), tab.Y, tab.Rows, tab.Features, tab.Target,
		model.Classification, split, true)
	if err != nil {
		t.Fatal(err)
	}
	m.Net, err = mlp.New(mlp.Config{Hidden: []int{64, 64}, Act: mlp.ReLU}, 17, len(m.Classes), 1)
	if err != nil {
		t.Fatal(err)
	}
	res, err := model.Train(m.Net, m.Task, train, val, model.TrainConfig{
		LR: 1e-3, Batch: 64, Epochs: 30, Patience: 5, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	acc := model.Evaluate(m, test).Accuracy
	rank := model.Rank(m.Features, [][]float64{model.Saliency(m, test)})
	t.Logf("%d classes, %+v, test accuracy %.4f, %v", len(m.Classes), res, acc, time.Since(start))
	for _, r := range rank[:5] {
		t.Logf("saliency %-28s %.4f", r.Feature, r.Score)
	}
	if acc < 0.78 {
		t.Errorf("test accuracy %.4f < 0.78", acc)
	}
	want := map[string]bool{"longitudinal_translation": true, "meridinal_translation_real": true, "meridinal_translation_imag": true}
	for _, r := range rank[:3] {
		if !want[r.Feature] {
			t.Errorf("saliency top 3 has %s (want longitudinal_translation, meridinal_translation_real/imag)", r.Feature)
		}
	}
}
