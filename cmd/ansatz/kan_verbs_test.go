package main

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/model/kan"
	"github.com/ansatz/ansatz/symreg/expr"
)

// kanFixture writes a CSV of y = 2·a + b² and a KAN 2,1 trained on it.
func kanFixture(t *testing.T) (modelPath, csvPath string) {
	t.Helper()
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(3, 3))
	n := 400
	x, y := make([]float64, 2*n), make([]float64, n)
	var b strings.Builder
	b.WriteString("a,b,y\n")
	for r := 0; r < n; r++ {
		x[2*r], x[2*r+1] = 2*rng.Float64()-1, 2*rng.Float64()-1
		y[r] = 2*x[2*r] + x[2*r+1]*x[2*r+1]
		fmt.Fprintf(&b, "%v,%v,%v\n", x[2*r], x[2*r+1], y[r])
	}
	csvPath = filepath.Join(dir, "d.csv")
	if err := os.WriteFile(csvPath, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	w, _ := kan.ParseWidth("2,1")
	cfg := kan.DefaultConfig(w)
	cfg.Grid = 5
	net, err := kan.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	train := model.Data{X: x, Y: y, N: n, D: 2}
	if _, err := model.Train(net, model.Regression, train, model.Data{}, model.TrainConfig{Steps: 100}); err != nil {
		t.Fatal(err)
	}
	m := &model.Model{Net: net, Features: []string{"a", "b"}, Target: "y", Task: model.Regression,
		Mean: []float64{0, 0}, Std: []float64{1, 1}, YStd: 1}
	modelPath = filepath.Join(dir, "m.kan")
	if err := m.Save(modelPath); err != nil {
		t.Fatal(err)
	}
	return modelPath, csvPath
}

func TestKANVerbs(t *testing.T) {
	mp, cp := kanFixture(t)
	code, out, errs := runT(t, "snap", mp, cp, "--json")
	if code != 0 {
		t.Fatalf("snap: exit %d, %s", code, errs)
	}
	var res struct {
		Formula   string  `json:"formula"`
		R2Data    float64 `json:"r2_data"`
		R2Network float64 `json:"r2_network"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("snap --json output %q: %v", out, err)
	}
	if res.R2Data < 0.9999 || res.R2Network < 0.999 {
		t.Errorf("snap: %+v", res)
	}
	tree, err := expr.Parse(res.Formula, []string{"a", "b"})
	if err != nil {
		t.Fatalf("formula %q does not parse: %v", res.Formula, err)
	}
	if v := tree.EvalAt([]float64{0.5, -0.5}); math.Abs(v-1.25) > 1e-3 {
		t.Errorf("formula %q at (0.5,-0.5) = %g, want 1.25", res.Formula, v)
	}

	dir := filepath.Dir(mp)
	pruned := filepath.Join(dir, "p.kan")
	if code, _, errs := runT(t, "prune", mp, cp, "--out", pruned, "--json"); code != 0 {
		t.Fatalf("prune: exit %d, %s", code, errs)
	}
	if _, err := model.Load(pruned); err != nil {
		t.Fatal(err)
	}
	refined := filepath.Join(dir, "r.kan")
	code, out, errs = runT(t, "refine", mp, cp, "--grid", "10", "--steps", "30", "--out", refined, "--json")
	if code != 0 {
		t.Fatalf("refine: exit %d, %s", code, errs)
	}
	var rr struct{ LossBefore, LossAfter float64 }
	if err := json.Unmarshal([]byte(strings.ReplaceAll(strings.ReplaceAll(out, "loss_before", "LossBefore"), "loss_after", "LossAfter")), &rr); err != nil {
		t.Fatal(err)
	}
	if !(rr.LossAfter <= rr.LossBefore) {
		t.Errorf("refine made the loss worse: %s", out)
	}
	m2, err := model.Load(refined)
	if err != nil {
		t.Fatal(err)
	}
	if g := m2.Net.(*kan.Net).Config().Grid; g != 10 {
		t.Errorf("refined grid %d, want 10", g)
	}
	// Bad input exits 2 with the file named.
	code, _, errs = runT(t, "snap", filepath.Join(dir, "missing.kan"), cp)
	if code != 2 || !strings.Contains(errs, "missing.kan") {
		t.Errorf("missing model: exit %d, %q", code, errs)
	}
}
