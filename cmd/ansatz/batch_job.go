package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/alecthomas/kong"

	"github.com/ansatz/ansatz/batch"
	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/pipeline"
)

// batchVerbs are the verbs a batch job may run, with what each job's
// result line keeps of its --json output.
var batchVerbs = map[string]func(stdout []byte) (json.RawMessage, error){
	"discover": discoverSummary,
	"search":   searchSummary,
}

// batchOwned are the global flags a job cannot set: they act on the whole
// process, so they belong on the batch command line.
var batchOwned = []string{"isa", "cpuprofile", "memprofile", "trace", "pprof-addr", "quiet", "log-format", "json"}

// jobArgs is the job's command line: the verb, its arguments in order,
// then --name=value for every other key (lists comma-joined, as
// --config reads them), and --json. It is checked by parsing it, so a
// manifest with a bad job is refused before any job runs.
func jobArgs(manifest string, j batch.Job) ([]string, error) {
	bad := func(format string, args ...any) error {
		return inputerr.At(manifest, j.Line, 0, "job %q: %s", j.Name(), fmt.Sprintf(format, args...))
	}
	if batchVerbs[j.Verb] == nil {
		return nil, bad("batch runs %s jobs, not %q", strings.Join(slices.Sorted(maps.Keys(batchVerbs)), " and "), j.Verb)
	}
	var cli CLI
	parser, err := newParser(&cli, io.Discard, io.Discard, func(int) {})
	if err != nil {
		return nil, err
	}
	node := verbNode(parser, j.Verb)
	args := []string{j.Verb}
	positional := map[string]bool{}
	for _, p := range node.Positional {
		positional[p.Name] = true
		if v, ok := j.Flags[p.Name]; ok {
			args = append(args, fmt.Sprint(configValue(v)))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(j.Flags)) {
		name := normFlag(k)
		switch {
		case positional[k]:
		case slices.Contains(batchOwned, name):
			return nil, bad("%q is set for the whole batch, on its command line", k)
		default:
			args = append(args, fmt.Sprintf("--%s=%v", name, configValue(j.Flags[k])))
		}
	}
	args = append(args, "--json")
	if _, err := parser.Parse(args); err != nil {
		return nil, bad("%s", userMessage(err))
	}
	return args, nil
}

// verbNode is the parser's node of the named verb.
func verbNode(p *kong.Kong, verb string) *kong.Node {
	for _, n := range p.Model.Children {
		if n.Name == verb {
			return n
		}
	}
	return nil
}

// runJob runs a job in this process as its command line would, with the
// batch's logger, board and context, and the given threads unless the job
// sets its own. The verb's --json output becomes the result's summary.
func (c *BatchCmd) runJob(g *Globals) batch.RunFunc {
	return func(ctx context.Context, j batch.Job, threads int) (res batch.Result) {
		start := time.Now()
		res = batch.Result{Line: j.Line, Job: json.RawMessage(j.Key), Status: batch.StatusOK}
		defer func() {
			if r := recover(); r != nil {
				res.Status, res.Error = batch.StatusFailed, oneLine(fmt.Sprintf("internal error: panic: %v", r))
			}
			res.Seconds = time.Since(start).Seconds()
		}()
		g.Log.Info("batch: job starts", "job", j.Name(), "line", j.Line, "verb", j.Verb, "threads", threads)
		args, err := jobArgs(c.Manifest, j)
		var cli CLI
		var stdout bytes.Buffer
		var kctx *kong.Context
		if err == nil {
			parser, _ := newParser(&cli, io.Discard, io.Discard, func(int) {})
			kctx, err = parser.Parse(args)
		}
		if err == nil {
			jg := &cli.Globals
			jg.Stdout, jg.Stderr, jg.Log = &stdout, g.Stderr, g.Log.With("job", j.Name())
			jg.board, jg.jobKey, jg.ctx = g.board, j.Name(), ctx
			if jg.Threads == 0 {
				jg.Threads = threads
			}
			err = kctx.Run(jg)
		}
		switch {
		case err != nil:
			res.Status, res.Error = batch.StatusFailed, oneLine(userMessage(err))
		case ctx.Err() != nil:
			res.Status, res.Error = batch.StatusInterrupted, "interrupted; the job's output holds what it had done"
		}
		if err == nil {
			if res.Summary, err = batchVerbs[j.Verb](stdout.Bytes()); err != nil {
				res.Status, res.Error = batch.StatusFailed, "reading the job's output: "+err.Error()
			}
		}
		g.Log.Info("batch: job ends", "job", j.Name(), "status", res.Status, "seconds", time.Since(start).Round(time.Millisecond).Seconds())
		return res
	}
}

// jobSummary is what a result line keeps of a discover or search run.
type jobSummary struct {
	Target     string     `json:"target,omitempty"`
	Formula    string     `json:"formula,omitempty"`
	Short      string     `json:"short,omitempty"`
	Uses       []string   `json:"uses,omitempty"`
	Complexity int        `json:"complexity,omitempty"`
	TestR2     *jsonFloat `json:"test_r2,omitempty"`       // discover: the law on the held-out rows
	TestAcc    *jsonFloat `json:"test_accuracy,omitempty"` // discover, numeric classes: rounded
	Network    *jsonFloat `json:"network_test,omitempty"`  // discover: the network's test R² or accuracy
	R2         *jsonFloat `json:"r2,omitempty"`            // search: on the rows it searched
	Note       string     `json:"note,omitempty"`
}

func discoverSummary(stdout []byte) (json.RawMessage, error) {
	var r pipeline.Result
	if err := json.Unmarshal(stdout, &r); err != nil {
		return nil, err
	}
	s := jobSummary{Target: r.Target}
	if r.Signal != nil {
		v := jsonFloat(r.Signal.Model.Value)
		s.Network = &v
	}
	switch l := r.Law; {
	case l == nil:
		s.Note = "no law stage"
	case l.Skipped != "":
		s.Note = "law skipped: class labels that are not numbers"
	case l.Chosen < 0:
		s.Note = "no formula found"
	default:
		r2 := jsonFloat(l.TestR2)
		s.Formula, s.Short, s.Uses, s.Complexity, s.TestR2 = l.Formula, l.Short, l.Uses, l.Complexity, &r2
		if l.Metric == "accuracy" {
			acc := jsonFloat(l.TestAcc)
			s.TestAcc = &acc
		}
	}
	if r.Interrupted != "" {
		s.Note = "interrupted during the " + r.Interrupted + " stage"
	}
	return json.Marshal(s)
}

func searchSummary(stdout []byte) (json.RawMessage, error) {
	var r searchReport
	if err := json.Unmarshal(stdout, &r); err != nil {
		return nil, err
	}
	s := jobSummary{Target: r.Target}
	if r.Chosen >= 0 && r.Chosen < len(r.Front) {
		f := r.Front[r.Chosen]
		s.Formula, s.Complexity, s.R2 = f.Infix, f.Complexity, &f.R2
	}
	return json.Marshal(s)
}

// resultLine is how a finished job is printed: status, seconds, name,
// and the formula with its held-out scores, or the error.
func resultLine(j batch.Job, r batch.Result) string {
	head := fmt.Sprintf("%-11s %7.1fs  %s", r.Status, r.Seconds, j.Name())
	if r.Status != batch.StatusOK {
		return head + ": " + r.Error
	}
	var s jobSummary
	if json.Unmarshal(r.Summary, &s) != nil || s.Formula == "" {
		return head + ": " + s.Note
	}
	f := cmp.Or(s.Short, s.Formula)
	switch {
	case s.TestAcc != nil:
		return fmt.Sprintf("%s: %s = %s  (test accuracy %.4f, R² %.4f)", head, s.Target, f, *s.TestAcc, *s.TestR2)
	case s.TestR2 != nil:
		return fmt.Sprintf("%s: %s = %s  (test R² %.4f)", head, s.Target, f, *s.TestR2)
	}
	return fmt.Sprintf("%s: %s = %s  (R² %.4f on the searched rows)", head, s.Target, f, *s.R2)
}
