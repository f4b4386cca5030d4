package fit

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/model"
)

// Resume goes on with the training run a checkpoint holds: ck is a model
// written by TrainConfig.Checkpoint (its Config has the run's settings
// and DoneSteps), t must be the table it was trained on. Training runs
// from step DoneSteps+1 to the run's budget with ck's network; hooks
// gives the OnStep, Stop and Checkpoint callbacks of this run. The
// settings of the checkpoint win: a run resumes as it was started.
func Resume(ck *model.Model, t Table, hooks model.TrainConfig) (*Result, error) {
	var cfg model.TrainConfig
	if err := json.Unmarshal(ck.Config, &cfg); err != nil {
		return nil, inputerr.Field("fit.Resume", "the checkpoint's training settings: %v", err)
	}
	cfg.OnStep, cfg.Stop, cfg.Checkpoint = hooks.OnStep, hooks.Stop, hooks.Checkpoint
	if cfg.Task == "" || cfg.Opt == "" {
		return nil, inputerr.Field("fit.Resume", "the model holds no training checkpoint (no task or optimiser in its settings)")
	}
	return train(cfg, t, ck)
}

// resumable checks that the checkpoint's model fits the run prepared
// anew from the table: same network kind, columns, task, classes and
// standardisation (the same rows and seed give the same statistics).
func resumable(ck, m *model.Model) error {
	bad := func(what string) error {
		return inputerr.Field("fit.Resume", "the checkpoint does not match this table: %s differ", what)
	}
	var cfg model.TrainConfig
	json.Unmarshal(m.Config, &cfg) // written by storedConfig
	switch {
	case ck.Net.Kind() != cmp.Or(cfg.Model, "mlp"):
		return bad("the network kinds")
	case !slices.Equal(ck.Features, m.Features) || ck.Target != m.Target:
		return bad("the columns")
	case ck.Task != m.Task || !slices.Equal(ck.Classes, m.Classes):
		return bad("the tasks or classes")
	case !slices.Equal(ck.Mean, m.Mean) || !slices.Equal(ck.Std, m.Std) || ck.YMean != m.YMean || ck.YStd != m.YStd:
		return bad("the standardisations (other rows or seed)")
	}
	return nil
}

// storedConfig is cfg as a model keeps it, with DoneSteps set to done
// (0 for a finished model, so training it again starts from step 1).
func storedConfig(cfg model.TrainConfig, done int) (json.RawMessage, error) {
	cfg.DoneSteps = done
	return json.Marshal(cfg)
}

// checkpointing makes cfg hand the model in training and the step to
// cfg.Checkpoint after every step.
func checkpointing(cfg model.TrainConfig, m *model.Model) model.TrainConfig {
	if cfg.Checkpoint == nil {
		return cfg
	}
	save, onStep := cfg.Checkpoint, cfg.OnStep
	cfg.OnStep = func(s model.StepInfo) {
		if onStep != nil {
			onStep(s)
		}
		save(m, s.Step)
	}
	return cfg
}

// AtStep is m as a training checkpoint after step steps: a copy (sharing
// the network) whose Config says DoneSteps = steps, for Resume.
func AtStep(m *model.Model, steps int) (*model.Model, error) {
	var cfg model.TrainConfig
	if err := json.Unmarshal(m.Config, &cfg); err != nil {
		return nil, fmt.Errorf("the model's training settings: %w", err)
	}
	snap := *m
	var err error
	snap.Config, err = storedConfig(cfg, steps)
	return &snap, err
}
