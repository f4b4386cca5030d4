package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRefineNeedsFinerGrid: refine extends a KAN's grid; a --grid no finer
// than the model's (5 intervals in kanFixture) is bad input naming the
// flag and the model's grid, and nothing is written.
func TestRefineNeedsFinerGrid(t *testing.T) {
	mf, data := kanFixture(t)
	out := filepath.Join(t.TempDir(), "r.kan")
	for _, grid := range []string{"3", "5"} {
		t.Run("grid "+grid, func(t *testing.T) {
			code, stdout, errs := runT(t, "refine", mf, data, "--grid", grid, "--steps", "1", "--out", out)
			if code != exitInput || stdout != "" {
				t.Errorf("exit %d, stdout %q: want 2 and nothing", code, stdout)
			}
			oneErrorLine(t, errs, "--grid "+grid+" is not finer than the model's grid of 5 intervals")
			if _, err := os.Stat(out); err == nil {
				t.Errorf("wrote %s", out)
			}
		})
	}
}
