package fit

import (
	"time"

	"github.com/ansatz/ansatz/model"
)

// Table is raw data to fit: X row-major N×len(Features), Y the raw target.
type Table struct {
	X, Y     []float64
	N        int
	Features []string
	Target   string
}

// Part is one part of the split, encoded with the model's statistics,
// with the trained model's scores on it.
type Part struct {
	model.Data
	Metrics model.Metrics
}

// Result is a trained model with its data parts and scores.
type Result struct {
	Model            *model.Model
	Train, Val, Test Part
	Outcome
	Params  int     // trainable parameters
	Seconds float64 // wall time of the whole fit
}

// Train splits t (Spec.Split, or seeded with TestFrac/ValFrac), prepares
// the parts (standardised unless Spec.Raw), trains the network the spec
// describes and scores it on every part.
func Train(s Spec, t Table) (*Result, error) {
	start := time.Now()
	split := s.Split
	if split == nil {
		sp, err := model.SplitRows(t.N, s.TestFrac, s.ValFrac, s.Seed)
		if err != nil {
			return nil, err
		}
		split = &sp
	}
	task := s.Task
	if task == "" {
		task = model.DetectTask(t.Y)
	}
	m, train, val, test, err := model.Prepare(t.X, t.Y, t.N, t.Features, t.Target, task, *split, !s.Raw)
	if err != nil {
		return nil, err
	}
	out, err := Network(s, m, train, val)
	if err != nil {
		return nil, err
	}
	return &Result{Model: m, Outcome: out, Params: len(m.Net.Params()),
		Train:   Part{train, model.Evaluate(m, train)},
		Val:     Part{val, model.Evaluate(m, val)},
		Test:    Part{test, model.Evaluate(m, test)},
		Seconds: time.Since(start).Seconds()}, nil
}
