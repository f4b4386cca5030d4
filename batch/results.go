package batch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"slices"
	"sync"

	"github.com/ansatz/ansatz/internal/atomicfile"
	"github.com/ansatz/ansatz/internal/inputerr"
)

// Job outcomes.
const (
	StatusOK          = "ok"
	StatusFailed      = "failed"
	StatusInterrupted = "interrupted" // stopped by a signal; a restart runs it again
)

// Result is one line of the results file.
type Result struct {
	Line    int             `json:"line"` // the job's manifest line
	Job     json.RawMessage `json:"job"`  // the job as written (its Key)
	Status  string          `json:"status"`
	Seconds float64         `json:"seconds"`
	Error   string          `json:"error,omitempty"`
	// Summary is what the verb found (for discover: the chosen formula
	// and its held-out scores), as the runner writes it.
	Summary json.RawMessage `json:"summary,omitempty"`
	// Rank is the MPI rank that ran the job (0 or left out: rank 0, or
	// a batch running alone).
	Rank int `json:"rank,omitempty"`
}

// Results is a results file: the lines read at the start plus every
// result recorded since, one per job (a newer result replaces the old one
// for the same job). Every Record rewrites the file atomically, so it
// always holds whole lines and survives a crash between jobs. Safe for
// concurrent use.
type Results struct {
	path  string
	mu    sync.Mutex
	lines []Result
}

// OpenResults reads path if it exists (a missing file is an empty one).
func OpenResults(path string) (*Results, error) {
	r := &Results{path: path}
	raw, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return r, nil
	}
	if err != nil {
		return nil, inputerr.New("%v", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 64<<10), 64<<20)
	for line := 1; sc.Scan(); line++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var res Result
		if err := json.Unmarshal(sc.Bytes(), &res); err != nil || len(res.Job) == 0 {
			return nil, inputerr.At(path, line, 0, "not a result line of this batch (%v); move the file away or name another with the results setting", err)
		}
		if !slices.Contains([]string{StatusOK, StatusFailed, StatusInterrupted}, res.Status) {
			return nil, inputerr.At(path, line, 0, "status: %q is not %s, %s or %s", res.Status, StatusOK, StatusFailed, StatusInterrupted)
		}
		res.Job = canonical(res.Job)
		r.replace(res)
	}
	if err := sc.Err(); err != nil {
		return nil, inputerr.At(path, 0, 0, "%v", err)
	}
	return r, nil
}

// Done reports whether the job has a successful result.
func (r *Results) Done(j Job) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	i := r.find(j.Key)
	return i >= 0 && r.lines[i].Status == StatusOK
}

// Record adds or replaces the job's result and rewrites the file.
func (r *Results) Record(res Result) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	res.Job = canonical(res.Job)
	r.replace(res)
	return atomicfile.Write(r.path, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		for _, l := range r.lines {
			if err := enc.Encode(l); err != nil {
				return err
			}
		}
		return nil
	})
}

// All returns a copy of the results, in file order.
func (r *Results) All() []Result {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.lines)
}

func (r *Results) replace(res Result) {
	if i := r.find(string(res.Job)); i >= 0 {
		r.lines[i] = res
		return
	}
	r.lines = append(r.lines, res)
}

func (r *Results) find(key string) int {
	return slices.IndexFunc(r.lines, func(l Result) bool { return string(l.Job) == key })
}

// canonical is a JSON object re-encoded with sorted keys and no spaces,
// the form of Job.Key (numbers keep their text).
func canonical(raw json.RawMessage) json.RawMessage {
	var v map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if dec.Decode(&v) != nil {
		return raw
	}
	out, err := json.Marshal(v)
	if err != nil {
		return raw
	}
	return out
}
