package fit

import (
	"time"

	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/internal/panics"
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
	model.Result             // how training ended
	Params           int     // trainable parameters
	Seconds          float64 // wall time of the whole fit
	// Decided lists the settings chosen from the data because the
	// configuration left them open, for the caller to show.
	Decided []string
}

// MaxClasses bounds the classes a classification target may have: more
// distinct values than this means the target is really continuous.
const MaxClasses = 1000

// Train validates cfg, splits t (cfg.Split, or seeded with TestFrac and
// ValFrac), prepares the parts (standardised unless Standardize is "no"),
// builds the network cfg describes, trains it with model.Train and scores
// it on every part. The model keeps cfg, resolved (task, optimiser,
// features, target), as its Config. When training crashed (a
// *panics.Caught error) it returns the unscored model of the last whole
// step with the error.
func Train(cfg model.TrainConfig, t Table) (*Result, error) {
	cfg.DoneSteps = 0
	cfg.TaskAsked = string(cfg.Task)
	if cfg.Task == "" {
		cfg.TaskAsked, cfg.Task = "auto", model.DetectTask(t.Y)
	}
	return train(cfg, t, nil)
}

// train is Train, or Resume when from is the checkpoint to go on from.
func train(cfg model.TrainConfig, t Table, from *model.Model) (*Result, error) {
	start := time.Now()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.Task == model.Classification {
		if err := checkClasses(t); err != nil {
			return nil, err
		}
	}
	cfg.Opt = optimiser(cfg)
	cfg.Features, cfg.Target = t.Features, t.Target
	split := cfg.Split
	if split == nil {
		sp, err := model.SplitRows(t.N, cfg.TestFrac, cfg.ValFrac, cfg.Seed)
		if err != nil {
			return nil, err
		}
		split = &sp
	}
	// A schedule the caller gave is trained to its end; one decided from
	// the data ends when a stage stops paying (trainStages).
	everyStage := len(cfg.GridSchedule) > 0
	decided := decide(&cfg, len(split.Train))
	stored, err := storedConfig(cfg, 0)
	if err != nil {
		return nil, err
	}
	m, train, val, test, err := model.PrepareScaled(t.X, t.Y, t.N, t.Features, t.Target, cfg.Task, *split, scaling(cfg.Standardize))
	if err != nil {
		return nil, err
	}
	m.Config = stored
	if from != nil {
		if err := resumable(from, m); err != nil {
			return nil, err
		}
		m.Net = from.Net // with the KAN's grid as it was, not only the parameters
	} else if m.Net, err = Network(cfg, m); err != nil {
		return nil, err
	}
	var out model.Result
	if from != nil {
		out, err = trainStages(m, train, val, checkpointing(trainDefaults(cfg), m), everyStage)
	} else {
		out, err = trainRestarts(m, train, val, checkpointing(trainDefaults(cfg), m), everyStage)
	}
	res := &Result{Model: m, Result: out, Params: len(m.Net.Params()), Decided: decided}
	if _, crashed := panics.As(err); crashed {
		// The model of the last whole step, unscored (scoring might
		// crash the same way): the caller saves it and reports err.
		res.Seconds = time.Since(start).Seconds()
		return res, err
	}
	if err != nil {
		return nil, err
	}
	err = res.score(train, val, test)
	res.Seconds = time.Since(start).Seconds()
	return res, err
}

// score evaluates the model on every part; a panic while scoring (in a
// worker, raised again here) comes back as a *panics.Caught error, with
// the trained model still in r.
func (r *Result) score(train, val, test model.Data) (err error) {
	defer panics.Recover(&err)
	r.Train = Part{train, model.Evaluate(r.Model, train)}
	r.Val = Part{val, model.Evaluate(r.Model, val)}
	r.Test = Part{test, model.Evaluate(r.Model, test)}
	return nil
}

// checkClasses rejects a classification target with more than MaxClasses
// distinct values.
func checkClasses(t Table) error {
	seen := map[float64]bool{}
	for _, v := range t.Y {
		seen[v] = true
	}
	if len(seen) > MaxClasses {
		return inputerr.Field("model.TrainConfig.Task", "classification: target %q has %d distinct values (at most %d classes; is it a regression target?)",
			t.Target, len(seen), MaxClasses)
	}
	return nil
}

// optimiser resolves "" and "auto" to the kind's own optimiser: MLP adam,
// KAN lbfgs.
func optimiser(cfg model.TrainConfig) string {
	if cfg.Opt == "" || cfg.Opt == "auto" {
		if cfg.Model == "kan" {
			return "lbfgs"
		}
		return "adam"
	}
	return cfg.Opt
}

// mlpBatch is an MLP's Adam mini-batch when TrainConfig.Batch is 0.
const mlpBatch = 64

// trainDefaults fills the kind's training defaults that model.Train and
// the KAN's loop do not share: an MLP trains on mini-batches of mlpBatch
// rows unless told otherwise.
func trainDefaults(cfg model.TrainConfig) model.TrainConfig {
	if cfg.Model != "kan" && cfg.Batch == 0 {
		cfg.Batch = mlpBatch
	}
	return cfg
}
