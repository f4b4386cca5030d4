package symreg

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/internal/panics"
)

// FuzzLoadCheckpoint: any file given to --resume is either refused with
// an input error (exit 2, naming the file) or resumes a search that runs
// one more iteration without a panic. Seeded with a real checkpoint.
func FuzzLoadCheckpoint(f *testing.F) {
	d := lawData(30, 2, 1, 2, 12, func(x []float64) float64 { return x[0] * x[1] })
	o := quickOptions()
	o.Iterations = 1
	o.CheckpointPath = filepath.Join(f.TempDir(), "seed.json")
	if _, err := Search(context.Background(), d, o, nil); err != nil {
		f.Fatal(err)
	}
	seed, err := os.ReadFile(o.CheckpointPath)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(`{"version":1,"features":["x0","x1"],"rng":"","islands":[{"members":[]}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		path := filepath.Join(t.TempDir(), "ck.json")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := LoadCheckpoint(path)
		if err != nil {
			if !inputerr.Is(err) {
				t.Fatalf("not an input error: %v", err)
			}
			return
		}
		s := c.Settings
		if c.Iteration > 1e6 || s.Cycles*s.PopulationSize*len(c.Islands) > 1e5 || s.OptimizeIters > 100 || s.ChildIters > 100 {
			t.Skip("valid but too slow to resume here")
		}
		o := quickOptions()
		o.Iterations = c.Iteration + 1
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second) // a guard, not a measure
		defer cancel()
		if _, err := Search(ctx, d, o, c); err != nil && !inputerr.Is(err) && !errors.Is(err, errEmptyFront) {
			if c, ok := panics.As(err); ok {
				t.Fatalf("resume: %v\n%s", err, c.Stack)
			}
			t.Fatalf("resume: %v", err)
		}
	})
}
