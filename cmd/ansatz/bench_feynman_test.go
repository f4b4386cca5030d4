package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBenchFeynmanVerb(t *testing.T) {
	table := filepath.Join(t.TempDir(), "eqs.csv")
	src := "Filename,Formula,v1_name,v1_low,v1_high,v2_name,v2_low,v2_high\nE.1,x*y,x,1,3,y,1,2\n"
	if err := os.WriteFile(table, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runT(t, "--quiet", "--threads", "1", "bench", "feynman", "--table", table, "--time", "3s", "--rows", "100", "--json")
	if code != 0 {
		t.Fatalf("code %d: %s", code, errs)
	}
	if n := strings.Count(out, `"bench":"feynman"`); n != 3 || !strings.Contains(out, `"formula"`) || !strings.Contains(out, `"verdict"`) {
		t.Fatalf("want 3 JSON lines with a formula:\n%s", out)
	}
	bench := func(flags ...string) []string {
		return append([]string{"--quiet", "bench", "feynman", "--table", table, "--rows", "100"}, flags...)
	}
	refuse(t, []badInput{
		{bench("--time", "0s"), "--time"},
		{bench("--iterations", "-1"), "--iterations"},
		{bench("--rejudge", "no-such-run.jsonl"), "no-such-run.jsonl"},
		{bench("--only", "nope"), "nope"},
		{bench("--ops", "+,frob"), "frob"},
		{bench("--nested", "sin"), "--nested"},
	})
}
