package batch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/ansatz/ansatz/internal/inputerr"
)

// Job is one line of a manifest: a verb and its flags, e.g.
// {"verb":"discover","data":"a.csv","target":"y","out":"runs/a"}.
type Job struct {
	Line  int            // 1-based line in the manifest
	Index int            // 0-based position among the manifest's jobs (what shards split)
	Verb  string         // the "verb" key
	Flags map[string]any // every other key, as JSON decoded it
	// Key is the job in canonical form (compact JSON, keys sorted): two
	// lines that say the same thing are the same job, wherever they are.
	Key string
}

// Name is a short label for logs: the job's "out" or "data", else its line.
func (j Job) Name() string {
	for _, k := range []string{"out", "data"} {
		if s, ok := j.Flags[k].(string); ok && s != "" {
			return s
		}
	}
	return fmt.Sprintf("line %d", j.Line)
}

// ReadManifest reads a manifest: one JSON object per line, each with a
// string "verb"; blank lines and lines starting with # are skipped. Bad
// JSON is an error naming the file, line and column.
func ReadManifest(path string) ([]Job, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, inputerr.New("%v", err)
	}
	var jobs []Job
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		job, err := parseJob(path, line, []byte(text))
		if err != nil {
			return nil, err
		}
		job.Index = len(jobs)
		jobs = append(jobs, job)
	}
	if err := sc.Err(); err != nil {
		return nil, inputerr.At(path, 0, 0, "%v", err)
	}
	if len(jobs) == 0 {
		return nil, inputerr.At(path, 0, 0, "no jobs: the manifest needs one JSON object per line")
	}
	return jobs, nil
}

// parseJob reads one manifest line.
func parseJob(path string, line int, text []byte) (Job, error) {
	var flags map[string]any
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber()
	if err := dec.Decode(&flags); err != nil {
		col := 0
		if se, ok := err.(*json.SyntaxError); ok {
			col = int(se.Offset)
		}
		return Job{}, inputerr.At(path, line, col, "not a JSON object: %v", err)
	}
	if dec.More() {
		return Job{}, inputerr.At(path, line, int(dec.InputOffset())+1, "one JSON object per line: there is more after it")
	}
	verb, ok := flags["verb"].(string)
	if !ok || verb == "" {
		return Job{}, inputerr.At(path, line, 0, `each job needs a "verb" (e.g. "discover")`)
	}
	key, _ := json.Marshal(flags) // maps marshal with sorted keys
	delete(flags, "verb")
	return Job{Line: line, Verb: verb, Flags: flags, Key: string(key)}, nil
}

// Shard selects every N-th job starting at I (0 ≤ I < N): shard I of N,
// as a Slurm array task I of N runs it.
type Shard struct{ I, N int }

// All is the shard holding every job.
var All = Shard{0, 1}

// ParseShard reads "i/n".
func ParseShard(s string) (Shard, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(strings.TrimSpace(a))
	n, err2 := strconv.Atoi(strings.TrimSpace(b))
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return Shard{}, inputerr.Field("batch.Shard", "%q is not i/n with 0 ≤ i < n", s)
	}
	return Shard{i, n}, nil
}

// Has reports whether the job belongs to the shard.
func (s Shard) Has(j Job) bool { return j.Index%s.N == s.I }

// String is "i/n".
func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.I, s.N) }
