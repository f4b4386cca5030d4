package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
)

// TestKANWorkflow runs pykan's tutorial session through the CLI on
// (x+y)/(1+xy):
// train a 2,5,1 KAN with L-BFGS (plus λ so pruning has something to cut,
// as in pykan's tutorials), refine the grid to 20, prune, snap --json, and
// feed the formula to `ansatz eval --expr`, which must score it R² ≈ 1
// against the data.
func TestKANWorkflow(t *testing.T) {
	if testing.Short() {
		t.Skip("trains, refines and snaps a KAN (~2 s)")
	}
	rng := rand.New(rand.NewPCG(4, 4))
	var b strings.Builder
	b.WriteString("a,b,y\n")
	for i := 0; i < 1000; i++ {
		x, y := 1.8*rng.Float64()-0.9, 1.8*rng.Float64()-0.9
		fmt.Fprintf(&b, "%v,%v,%v\n", x, y, (x+y)/(1+x*y))
	}
	data := writeFile(t, "data.csv", b.String())
	dir := t.TempDir()
	m1, m2, m3 := filepath.Join(dir, "model.kan"), filepath.Join(dir, "refined.kan"), filepath.Join(dir, "pruned.kan")
	for _, args := range [][]string{
		{"train", data, "--target", "y", "--model", "kan", "--width", "2,5,1", "--grid", "5", "--k", "3",
			"--steps", "200", "--opt", "lbfgs", "--lamb", "0.01", "--out", m1},
		{"refine", m1, data, "--grid", "20", "--out", m2},
		{"prune", m2, data, "--out", m3},
	} {
		if code, _, errs := runT(t, append([]string{"--quiet"}, args...)...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
	}
	code, out, errs := runT(t, "--quiet", "snap", m3, data, "--json")
	if code != 0 {
		t.Fatalf("snap: exit %d: %s", code, errs)
	}
	var s struct {
		Formula   string
		R2Data    float64 `json:"r2_data"`
		R2Network float64 `json:"r2_network"`
		Edges     []struct {
			Fn    string
			R2    float64
			Fixed bool
		}
	}
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("snap --json printed %q: %v", out, err)
	}
	if len(s.Edges) == 0 {
		t.Errorf("snap --json lists no edges: %s", out)
	}
	for _, e := range s.Edges {
		if e.Fn == "" || !e.Fixed || e.R2 > 1 {
			t.Errorf("snap --json edge %+v: want a fixed function with R² ≤ 1", e)
		}
	}
	if s.R2Data < 0.9999 || !strings.Contains(s.Formula, "atanh") {
		t.Errorf("snap: %s (r2_data %g), want an atanh formula with R² ≥ 0.9999", s.Formula, s.R2Data)
	}
	code, out, errs = runT(t, "--quiet", "eval", data, "--target", "y", "--expr", s.Formula, "--json")
	if code != 0 {
		t.Fatalf("eval --expr of the snapped formula: exit %d: %s", code, errs)
	}
	var e struct{ R2 float64 }
	if err := json.Unmarshal([]byte(out), &e); err != nil {
		t.Fatalf("eval --json printed %q: %v", out, err)
	}
	if e.R2 < 0.9999 {
		t.Errorf("eval scores the snapped formula R² %g, want ≥ 0.9999", e.R2)
	}
}
