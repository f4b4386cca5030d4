package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ansatz/ansatz/batch"
	"github.com/ansatz/ansatz/internal/inputerr"
)

// FuzzBatchManifest: a manifest is read and every job's command line
// checked as `ansatz batch` does before running any: the answer is the
// jobs or an input error (exit 2, naming the file and line), never a
// panic, whatever the flags' names and values.
func FuzzBatchManifest(f *testing.F) {
	f.Add([]byte(`{"verb":"discover","data":"a.csv","target":"y","out":"runs/a","threads":2}` + "\n" +
		`{"verb":"search","data":"b.csv","iterations":3,"ops":["+","*"],"time":"2s","stop-exact":true}`))
	f.Add([]byte(`{"verb":"search","data":"b.csv","json":true}`))
	f.Add([]byte(`{"verb":"search","data":"b.csv","iterations":{"a":[1,null]}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		path := filepath.Join(t.TempDir(), "m.jsonl")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		jobs, err := batch.ReadManifest(path)
		for _, j := range jobs {
			if err != nil {
				break
			}
			_, err = jobArgs(path, j)
		}
		if err != nil && !inputerr.Is(err) {
			t.Fatalf("not an input error: %v", err)
		}
	})
}
