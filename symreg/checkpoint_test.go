package symreg

import (
	"context"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/symreg/expr"
)

func TestEncodeTreeRoundTrip(t *testing.T) {
	o := DefaultOptions()
	o.Ops = []expr.Op{expr.OpAdd, expr.OpSub, expr.OpMul, expr.OpDiv, expr.OpPow, expr.OpNeg, expr.OpAbs, expr.OpSquare, expr.OpCube, expr.OpSqrt, expr.OpExp, expr.OpLog, expr.OpSin, expr.OpCos, expr.OpTan, expr.OpTanh}
	g := newGrammar(&o, 4, expr.Complexity)
	rng := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 500; i++ {
		tr := g.randomTree(rng, 1+rng.IntN(25))
		for _, n := range expr.ConstNodes(tr) {
			switch rng.IntN(6) {
			case 0:
				n.Value = math.Inf(-1)
			case 1:
				n.Value = 1e-300 * rng.Float64()
			case 2:
				n.Value = -0.0
			}
		}
		back, err := decodeTree(encodeTree(tr), 4)
		if err != nil {
			t.Fatalf("%s: %v", encodeTree(tr), err)
		}
		if !expr.Equal(tr, back) {
			t.Fatalf("round trip changed %s into %s", encodeTree(tr), encodeTree(back))
		}
	}
	for _, bad := range []string{"", "+ v0", "v9", "sin", "frob v0", "c1.2.3", "v0 v1"} {
		t.Run(bad, func(t *testing.T) {
			if _, err := decodeTree(bad, 4); err == nil {
				t.Errorf("decodeTree(%q) accepted", bad)
			}
		})
	}
}

func TestLoadCheckpointErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, p := range []string{
		filepath.Join(dir, "missing.json"),
		write("junk.json", "not json"),
		write("version.json", `{"version": 99}`),
	} {
		t.Run(filepath.Base(p), func(t *testing.T) {
			if _, err := LoadCheckpoint(p); !inputerr.Is(err) {
				t.Errorf("%s: %v", p, err)
			}
		})
	}
	// A valid checkpoint on data with other columns is refused.
	d := lawData(40, 2, 1, 2, 12, func(x []float64) float64 { return x[0] + x[1] })
	o := smallOptions()
	o.Iterations = 1
	o.CheckpointPath = filepath.Join(dir, "ck.json")
	if _, err := Search(context.Background(), d, o, nil); err != nil {
		t.Fatal(err)
	}
	c, err := LoadCheckpoint(o.CheckpointPath)
	if err != nil {
		t.Fatal(err)
	}
	other := lawData(40, 3, 1, 2, 12, func(x []float64) float64 { return x[0] })
	o.CheckpointPath = ""
	o.Iterations = 2
	if _, err := Search(context.Background(), other, o, c); !inputerr.Is(err) {
		t.Fatalf("resume on other columns: %v", err)
	}
}

// A checkpoint whose fields are out of range (values no flag could set,
// islands that do not match the settings) is refused on loading with an
// input error naming the field, not crashed on during the resumed search.
func TestLoadCheckpointValidatesFields(t *testing.T) {
	dir := t.TempDir()
	d := lawData(30, 2, 1, 2, 12, func(x []float64) float64 { return x[0] * x[1] })
	o := quickOptions()
	o.Iterations = 1
	o.CheckpointPath = filepath.Join(dir, "ck.json")
	if _, err := Search(context.Background(), d, o, nil); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		field string
		edit  func(c *Checkpoint)
	}{
		{"islands[1].members", func(c *Checkpoint) { c.Islands[1].Members = nil }},
		{"islands", func(c *Checkpoint) { c.Islands = nil }},
		{"settings.TournamentP", func(c *Checkpoint) { c.Settings.TournamentP = 2 }},
		{"settings.Weights", func(c *Checkpoint) { c.Settings.Weights = MutationWeights{} }},
		{"elapsed_seconds", func(c *Checkpoint) { c.Elapsed = -1 }},
		{"iteration", func(c *Checkpoint) { c.Iteration = -3 }},
		{"size_frequencies", func(c *Checkpoint) { c.Freq[0] = -1 }},
	} {
		t.Run(c.field, func(t *testing.T) {
			ck, err := LoadCheckpoint(o.CheckpointPath)
			if err != nil {
				t.Fatal(err)
			}
			c.edit(ck)
			p := filepath.Join(dir, "bad.json")
			if err := ck.Save(p); err != nil {
				t.Fatal(err)
			}
			_, err = LoadCheckpoint(p)
			if !inputerr.Is(err) || !strings.Contains(err.Error(), c.field+":") || !strings.Contains(err.Error(), p) {
				t.Errorf("got %v, want an input error naming %s and %s", err, p, c.field)
			}
		})
	}
}
