package soak

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ansatz/ansatz/model"
	_ "github.com/ansatz/ansatz/model/kan" // model files of both kinds load
	_ "github.com/ansatz/ansatz/model/mlp"
)

// call is one run to make: the arguments and what a successful run's
// output must satisfy.
type call struct {
	args         []string
	check        func(stdout []byte) error
	corruptModel bool
	model, kind  string // train: the model file written and its kind
}

// verb builds a call on the table at tpath (nil: not possible yet, e.g.
// no model trained so far).
type verb struct {
	name string
	args func(s *state, dir, tpath string, sch schema) *call
}

var verbs = []verb{
	{"search", func(s *state, dir, t string, _ schema) *call {
		return &call{args: []string{"--quiet", "--threads", "1", "search", t, "--iterations", "2", "--populations", "2",
			"--population-size", "12", "--json"}, check: jsonWith("front")}
	}},
	{"eval", func(s *state, dir, t string, _ schema) *call {
		a := []string{"--quiet", "eval", t, "--expr", "2*x0 + sin(x0)", "--json"}
		if s.rng.IntN(2) == 0 {
			a = append(a, "--fit")
		}
		return &call{args: a, check: jsonWith("")}
	}},
	{"train", func(s *state, dir, t string, _ schema) *call {
		kind := []string{"mlp", "kan"}[s.rng.IntN(2)]
		m := filepath.Join(dir, "trained.model")
		a := []string{"--quiet", "--threads", "1", "train", t, "--model", kind, "--hidden", "4", "--steps", "5", "--out", m, "--json"}
		if s.rng.IntN(2) == 0 {
			a = append(a, "--checkpoint", filepath.Join(dir, "ck.model"), "--checkpoint-every", "0s")
		}
		return &call{args: a, model: m, kind: kind, check: both(jsonWith(""), modelFile(m))}
	}},
	{"predict", withModel(func(m, t, dir string) ([]string, func([]byte) error) {
		return []string{"--quiet", "predict", m, t}, csvRows
	})},
	{"attribute", withModel(func(m, t, dir string) ([]string, func([]byte) error) {
		return []string{"--quiet", "--threads", "1", "attribute", m, t, "--json"}, jsonWith("")
	})},
	{"prune", withModel(func(m, t, dir string) ([]string, func([]byte) error) {
		out := filepath.Join(dir, "pruned.model")
		return []string{"--quiet", "prune", m, t, "--out", out}, modelFile(out)
	})},
	{"refine", withModel(func(m, t, dir string) ([]string, func([]byte) error) {
		out := filepath.Join(dir, "refined.model")
		return []string{"--quiet", "--threads", "1", "refine", m, t, "--grid", "9", "--steps", "3", "--out", out}, modelFile(out)
	})},
	{"snap", withModel(func(m, t, dir string) ([]string, func([]byte) error) {
		return []string{"--quiet", "--threads", "1", "snap", m, t, "--retrain-steps", "5", "--json"}, jsonWith("formula")
	})},
	{"discover", func(s *state, dir, t string, _ schema) *call {
		out := filepath.Join(dir, "discover")
		return &call{args: []string{"--quiet", "--threads", "1", "discover", t, "--out", out, "--time", "0", "--iterations", "2",
			"--repeats", "1", "--shuffles", "1", "--steps", "5", "--epochs", "2", "--curve", "0", "--json"},
			check: both(jsonWith(""), func([]byte) error { return jsonFile(filepath.Join(out, "result.json")) })}
	}},
}

// withModel makes a verb that reads a model: one kept from an earlier
// train run, written to dir, corrupted one time in three.
func withModel(build func(m, t, dir string) ([]string, func([]byte) error)) func(*state, string, string, schema) *call {
	return func(s *state, dir, t string, _ schema) *call {
		if len(s.models) == 0 {
			return nil
		}
		b := s.models[s.rng.IntN(len(s.models))].data
		bad := s.rng.IntN(3) == 0
		if bad {
			b = corruptions[s.rng.IntN(3)].fn(s.rng, b) // truncated, bit flips, junk
		}
		m := filepath.Join(dir, "in.model")
		if os.WriteFile(m, b, 0o644) != nil {
			return nil
		}
		args, check := build(m, t, dir)
		return &call{args: args, check: check, corruptModel: bad}
	}
}

func both(a, b func([]byte) error) func([]byte) error {
	return func(out []byte) error { return errors.Join(a(out), b(out)) }
}

// jsonWith checks that stdout is one JSON object, with key when key is
// not "" (and that key is not empty).
func jsonWith(key string) func([]byte) error {
	return func(out []byte) error {
		var v map[string]any
		if err := json.Unmarshal(out, &v); err != nil {
			return fmt.Errorf("stdout is not a JSON object: %v", err)
		}
		if key != "" {
			switch x := v[key].(type) {
			case nil:
				return fmt.Errorf("JSON output has no %q", key)
			case []any:
				if len(x) == 0 {
					return fmt.Errorf("JSON output has an empty %q", key)
				}
			}
		}
		return nil
	}
}

func jsonFile(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return jsonWith("")(b)
}

// modelFile checks that a successful run wrote a model file that loads.
func modelFile(path string) func([]byte) error {
	return func([]byte) error {
		_, err := model.Load(path)
		return err
	}
}

// csvRows checks that predict printed a header and at least one row.
func csvRows(out []byte) error {
	if lines := strings.Split(strings.TrimSpace(string(out)), "\n"); len(lines) < 2 {
		return fmt.Errorf("predict printed %d lines", len(lines))
	}
	return nil
}
