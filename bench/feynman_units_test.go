package bench

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestFeynmanUnitsFlag(t *testing.T) {
	table := "../testdata/feynman/FeynmanEquations.csv"
	u, err := FeynmanUnits("", table) // units.csv beside the table
	if err != nil || u == nil || u.Len() < 100 {
		t.Fatalf("default: %v, %v", u, err)
	}
	if u, err := FeynmanUnits("none", table); u != nil || err != nil {
		t.Errorf("none: %v, %v", u, err)
	}
	if u, err := FeynmanUnits("", filepath.Join(t.TempDir(), "eqs.csv")); u != nil || err != nil {
		t.Errorf("no units.csv beside: %v, %v", u, err)
	}
	if _, err := FeynmanUnits(filepath.Join(t.TempDir(), "missing.csv"), table); err == nil || !strings.Contains(err.Error(), "missing.csv") {
		t.Errorf("missing file: %v", err)
	}
}
