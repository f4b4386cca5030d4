package batch

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/internal/inputerr"
)

// loadFuzzed writes b to a file and loads it with load: the answer is a
// value or an input error (exit 2 naming the file), never a panic or
// another error.
func loadFuzzed[T any](t *testing.T, b []byte, load func(string) (T, error)) (T, bool) {
	path := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	v, err := load(path)
	if err != nil && !inputerr.Is(err) {
		t.Fatalf("not an input error: %v", err)
	}
	return v, err == nil
}

// FuzzReadManifest: every job read has a verb, a line inside the file and
// consecutive indices.
func FuzzReadManifest(f *testing.F) {
	f.Add([]byte(`{"verb":"discover","data":"a.csv","target":"y","out":"runs/a"}` + "\n# note\n\n" + `{"verb":"search","data":"b.csv","iterations":3}`))
	f.Add([]byte(`{"verb":"search"} {"verb":"x"}`))
	f.Add([]byte("{\"verb\":1}\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		jobs, ok := loadFuzzed(t, b, ReadManifest)
		if !ok {
			return
		}
		for i, j := range jobs {
			if j.Verb == "" || j.Index != i || j.Line < 1 || j.Key == "" {
				t.Fatalf("job %d: %+v", i, j)
			}
		}
	})
}

// FuzzOpenResults: a results file loads into lines with a job and a known
// status, or is refused.
func FuzzOpenResults(f *testing.F) {
	f.Add([]byte(`{"line":1,"job":{"verb":"search","data":"a.csv"},"status":"ok","seconds":1.5,"summary":{"x":1}}` + "\n" +
		`{"line":2,"job":{"data":"b.csv","verb":"discover"},"status":"failed","error":"boom"}` + "\n"))
	f.Add([]byte(`{"line":1,"job":"x","status":"ok"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, ok := loadFuzzed(t, b, OpenResults)
		if !ok {
			return
		}
		for _, l := range r.All() {
			if len(l.Job) == 0 || (l.Status != StatusOK && l.Status != StatusFailed && l.Status != StatusInterrupted) {
				t.Fatalf("line %+v", l)
			}
		}
	})
}

// A results line with an unknown status is refused, naming file, line and
// field (it would otherwise count as neither done nor failed).
func TestOpenResultsRefusesUnknownStatus(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.jsonl")
	os.WriteFile(path, []byte(`{"line":1,"job":{"verb":"search"},"status":"ok"}`+"\n"+`{"line":2,"job":{"verb":"x"},"status":"done"}`+"\n"), 0o644)
	_, err := OpenResults(path)
	if !inputerr.Is(err) || !strings.Contains(err.Error(), path+":2") || !strings.Contains(err.Error(), "status") {
		t.Fatalf("got %v", err)
	}
}
