package soak

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Config says how long to soak and how to start the binary.
type Config struct {
	Duration time.Duration // stop starting runs after this long
	Runs     int           // or after this many runs (0: no limit)
	Seed     uint64
	// Timeout is the most one run may take before it counts as a hang.
	Timeout time.Duration
	// Command makes the command that runs the binary with args (tests
	// start their own test binary as a child).
	Command func(ctx context.Context, args []string) *exec.Cmd
	Dir     string           // scratch directory for tables, models, outputs
	OnRun   func(r RunError) // called for every run that broke a rule (may be nil)
}

// Report is what a soak found.
type Report struct {
	Runs      int
	Seconds   float64
	ByVerb    map[string]int
	ByExit    map[int]int // exit codes (-1: killed by a signal or hung)
	Corrupted int         // runs on a corrupted table or model
	Crashes   int         // panics, fatal errors, signals, hangs
	Internal  int         // exit 1 (internal error) without a crash
	Broken    int         // other broken rules (stderr not one line, bad output)
	Errors    []RunError  // the first few broken runs
}

// RunError is one run that broke a rule.
type RunError struct {
	Args   []string
	Input  string // what the input was ("valid csv", "corrupted npy: truncated")
	Kind   string // "crash", "internal", "broken"
	Detail string
}

func (e RunError) String() string {
	return fmt.Sprintf("%s: ansatz %s (%s): %s", e.Kind, strings.Join(e.Args, " "), e.Input, e.Detail)
}

// maxKept bounds Report.Errors.
const maxKept = 20

// Run soaks until the time or the run count is used up (or ctx ends).
func Run(ctx context.Context, c Config) (*Report, error) {
	if c.Timeout <= 0 {
		c.Timeout = 2 * time.Minute
	}
	rep := &Report{ByVerb: map[string]int{}, ByExit: map[int]int{}}
	s := &state{cfg: c, rng: rand.New(rand.NewPCG(c.Seed, 0x50a6)), rep: rep}
	start := time.Now()
	for i := 0; ctx.Err() == nil && time.Since(start) < c.Duration && (c.Runs == 0 || rep.Runs < c.Runs); i++ {
		dir := filepath.Join(c.Dir, fmt.Sprintf("run%d", i%4)) // a few directories, reused
		os.RemoveAll(dir)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return rep, err
		}
		if err := s.one(ctx, dir); err != nil {
			return rep, err
		}
	}
	rep.Seconds = time.Since(start).Seconds()
	return rep, nil
}

// state carries the random stream and the models trained so far (valid
// inputs for the verbs that read a model).
type state struct {
	cfg    Config
	rng    *rand.Rand
	rep    *Report
	models []trained
}

// trained is a model file kept from a successful train run, with the
// schema of its table.
type trained struct {
	data []byte
	kind string
	sch  schema
}

// one makes an input, picks a verb, runs it and checks the outcome.
func (s *state) one(ctx context.Context, dir string) error {
	rng := s.rng
	sch := schema{k: 1 + rng.IntN(4), rows: 20 + rng.IntN(300), law: rng.IntN(4)}
	if len(s.models) > 0 && rng.IntN(2) == 0 { // a table a kept model fits
		sch = s.models[rng.IntN(len(s.models))].sch
	}
	tab, format := sch.encode(rng, sch.data(rng))
	input := "valid " + format
	corrupted := rng.IntN(2) == 0
	if corrupted {
		c := corruptions[rng.IntN(len(corruptions))]
		tab = c.fn(rng, tab)
		input = "corrupted " + format + ": " + c.name
	}
	tpath := filepath.Join(dir, "t."+format)
	if err := os.WriteFile(tpath, tab, 0o644); err != nil {
		return err
	}
	v := verbs[rng.IntN(len(verbs))]
	call := v.args(s, dir, tpath, sch)
	if call == nil {
		return nil // no model to use yet
	}
	if call.corruptModel {
		input += ", corrupted model"
		corrupted = true
	}
	s.rep.Runs++
	s.rep.ByVerb[v.name]++
	if corrupted {
		s.rep.Corrupted++
	}
	out, errb, code, hung := s.exec(ctx, call.args)
	s.rep.ByExit[code]++
	if ctx.Err() != nil {
		return nil
	}
	kind, detail := judge(code, hung, errb)
	if kind == "" && code == 0 && call.check != nil {
		if err := call.check(out); err != nil {
			kind, detail = "broken", err.Error()
		}
	}
	if kind == "" && code == 0 && v.name == "train" {
		s.keep(call, sch)
	}
	if kind != "" {
		s.broke(RunError{Args: call.args, Input: input, Kind: kind, Detail: detail})
	}
	return nil
}

// exec runs the binary with args; code is -1 when a signal ended it or
// it hung (and was killed).
func (s *state) exec(ctx context.Context, args []string) (stdout, stderr []byte, code int, hung bool) {
	ctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()
	cmd := s.cfg.Command(ctx, args)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	code = 0
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		code = ee.ExitCode() // -1 when a signal ended it
	default:
		code = -1
	}
	return o.Bytes(), e.Bytes(), code, ctx.Err() == context.DeadlineExceeded
}

// judge applies the rules every run obeys whatever its input.
func judge(code int, hung bool, stderr []byte) (kind, detail string) {
	e := string(stderr)
	switch {
	case hung:
		return "crash", "hung (killed after the timeout)"
	case code < 0:
		return "crash", "ended by a signal: " + firstLines(e)
	case strings.Contains(e, "goroutine ") || strings.Contains(e, "fatal error:") || strings.Contains(e, "panic:"):
		return "crash", firstLines(e)
	case code == 1:
		return "internal", firstLines(e)
	case code != 0 && code != 2:
		return "crash", fmt.Sprintf("exit code %d", code)
	case code != 0 && (strings.Count(e, "\n") != 1 || !strings.HasPrefix(e, "ansatz: ")):
		return "broken", "stderr is not one line: " + firstLines(e)
	}
	return "", ""
}

func firstLines(s string) string {
	lines := strings.SplitN(s, "\n", 4)
	return strings.Join(lines[:min(3, len(lines))], " | ")
}

func (s *state) broke(e RunError) {
	switch e.Kind {
	case "crash":
		s.rep.Crashes++
	case "internal":
		s.rep.Internal++
	default:
		s.rep.Broken++
	}
	if len(s.rep.Errors) < maxKept {
		s.rep.Errors = append(s.rep.Errors, e)
	}
	if s.cfg.OnRun != nil {
		s.cfg.OnRun(e)
	}
}

// keep adds a trained model to the pool (at most 8, the newest).
func (s *state) keep(c *call, sch schema) {
	b, err := os.ReadFile(c.model)
	if err != nil {
		return
	}
	s.models = append(s.models, trained{data: b, kind: c.kind, sch: sch})
	if len(s.models) > 8 {
		s.models = slices.Delete(s.models, 0, 1)
	}
}
