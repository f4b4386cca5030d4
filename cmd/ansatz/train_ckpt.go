package main

import (
	"fmt"
	"time"

	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/model/fit"
	"github.com/ansatz/ansatz/table"
)

// trainCheckpoint writes `train --checkpoint` files: the model as it
// stands after a step, at most every `every` (0: every step), atomically
// (model.Save), so a run killed at any moment leaves the last one whole.
type trainCheckpoint struct {
	path  string
	every time.Duration
	last  time.Time
	err   error // the first failure; training goes on without checkpoints
}

func (c *TrainCmd) checkpointer() *trainCheckpoint {
	return &trainCheckpoint{path: c.Checkpoint, every: c.CheckpointEvery, last: time.Now()}
}

// step is model.TrainConfig.Checkpoint.
func (k *trainCheckpoint) step(m *model.Model, step int) {
	if k.path == "" || k.err != nil || time.Since(k.last) < k.every {
		return
	}
	k.last = time.Now()
	k.save(m, step)
}

func (k *trainCheckpoint) save(m *model.Model, step int) {
	snap, err := fit.AtStep(m, step)
	if err == nil {
		err = snap.Save(k.path)
	}
	k.err = err
}

// final writes the finished run's checkpoint (resuming it trains no
// further) and reports a failure to write any checkpoint.
func (k *trainCheckpoint) final(m *model.Model, steps int) error {
	if k.err == nil {
		k.save(m, steps)
	}
	if k.err != nil {
		return fmt.Errorf("--checkpoint %s: %w", k.path, k.err)
	}
	return nil
}

// resume goes on with the run checkpointed in path (fit.Resume) with
// cfg's callbacks.
func resume(path string, cfg model.TrainConfig, tab *table.Table) (*fit.Result, error) {
	ck, err := model.Load(path)
	if err != nil {
		return nil, fromFlag("--resume", err)
	}
	return fit.Resume(ck, fit.Table{X: tab.RowMajor64(), Y: tab.Y, N: tab.Rows, Features: tab.Features, Target: tab.Target}, cfg)
}
