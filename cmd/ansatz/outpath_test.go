package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestOutDirMissingExit2: a --out (or --log) in a directory that does not
// exist is an input error found before any work, and nothing is written.
// Before, train trained first and then failed with exit 1 naming the
// atomic writer's temp file.
func TestOutDirMissingExit2(t *testing.T) {
	data := synthCSV(t, 60, false)
	kanModel, kanData := kanFixture(t)
	dir := t.TempDir()
	good := quickModel(t, data, dir)
	missing := filepath.Join(dir, "no", "such", "dir", "out")
	refuse(t, []badInput{
		{[]string{"--quiet", "train", data, "--target", "y", "--epochs", "1", "--out", missing}, "--out"},
		{[]string{"--quiet", "train", data, "--target", "y", "--epochs", "1", "--out", filepath.Join(dir, "m2"), "--log", missing}, "--log"},
		{[]string{"--quiet", "train", data, "--target", "y", "--epochs", "1", "--out", dir}, "is a directory"},
		{[]string{"--quiet", "predict", good, data, "--out", missing}, "--out"},
		{[]string{"--quiet", "prune", kanModel, kanData, "--out", missing}, "--out"},
		{[]string{"--quiet", "refine", kanModel, kanData, "--grid", "8", "--out", missing}, "--out"},
	})
	if _, err := os.Stat(filepath.Join(dir, "m2")); err == nil {
		t.Error("train wrote --out although --log could not be written")
	}
	// A run rejected by the network builder (after the flags were checked)
	// leaves no --log file either (it left an empty one before).
	logf := filepath.Join(dir, "steps.jsonl")
	code, _, errs := runT(t, "--quiet", "train", data, "--target", "y", "--model", "kan", "--width", "9,5,1",
		"--out", filepath.Join(dir, "m3"), "--log", logf)
	if code != 2 {
		t.Fatalf("train --width 9,5,1: exit %d (%s)", code, errs)
	}
	if _, err := os.Stat(logf); err == nil {
		t.Error("a rejected train run wrote its --log file")
	}
}
