package main

import "testing"

// TestAccuracyDefaults: the accuracy suite starts from train's own flag
// defaults (the auto settings model/fit decides from the data).
func TestAccuracyDefaults(t *testing.T) {
	var f FitFlags
	if err := defaultsOf(&f); err != nil {
		t.Fatal(err)
	}
	if f.Grid != 0 || f.K != 0 || f.Standardize != "auto" || f.TestFrac != 0.25 || f.Steps != 0 {
		t.Fatalf("defaults %+v", f)
	}
}
