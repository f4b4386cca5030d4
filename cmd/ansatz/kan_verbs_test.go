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

// TestKANVerbsEchoPathsAsGiven: prune/refine print --out as the user wrote
// it (like train and predict), not made absolute, so scripts can match it.
func TestKANVerbsEchoPathsAsGiven(t *testing.T) {
	mf, data := kanFixture(t)
	t.Chdir(t.TempDir())
	for _, verb := range [][]string{{"prune"}, {"refine", "--grid", "8", "--steps", "2"}} {
		t.Run(verb[0], func(t *testing.T) {
			args := append([]string{"--quiet"}, verb[0], mf, data, "--out", "out.kan", "--json")
			code, out, errs := runT(t, append(args, verb[1:]...)...)
			if code != 0 {
				t.Fatalf("%s: exit %d: %s", verb[0], code, errs)
			}
			var r struct{ Out string }
			if err := json.Unmarshal([]byte(out), &r); err != nil || r.Out != "out.kan" {
				t.Errorf("%s --json: out %q (err %v), want \"out.kan\"", verb[0], r.Out, err)
			}
		})
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
			t.Run(verb[0]+" "+tc.want, func(t *testing.T) {
				args := append([]string{"--quiet", verb[0], tc.model, tc.data}, verb[1:]...)
				if verb[0] != "snap" {
					args = append(args, "--out", out)
				}
				code, stdout, errs := runT(t, args...)
				if code != 2 || stdout != "" {
					t.Fatalf("%v: exit %d stdout %q, want 2 and nothing (%s)", args, code, stdout, errs)
				}
				oneErrorLine(t, errs, tc.want)
				if _, err := os.Stat(out); err == nil {
					t.Fatalf("%v wrote %s", args, out)
				}
			})
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
			"--width", "3,3,1", "--steps", "10", "--restarts", "1", "--out", mf)...); code != 0 {
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
