package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/ansatz/ansatz/internal/atomicfile"
	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/internal/panics"
	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/model/fit"
	"github.com/ansatz/ansatz/table"
)

// TrainCmd is `ansatz train`: fit an MLP or a KAN to a table and save it.
type TrainCmd struct {
	Data string `arg:"" help:"Table to train on (CSV/TSV/NPY, optionally gzipped)."`
	table.Flags
	FitFlags
	Out  string `required:"" help:"Model file to write." placeholder:"FILE"`
	Log  string `help:"Write the loss of every step as JSON lines to FILE." placeholder:"FILE"`
	JSON bool   `help:"Print the final train/validation/test metrics as JSON."`

	Checkpoint      string        `help:"Write the model as it stands to this file periodically during training and at the end (a model file; --resume goes on from it)." placeholder:"FILE"`
	CheckpointEvery time.Duration `name:"checkpoint-every" help:"Checkpoint interval (0: after every step)." default:"30s"`
	Resume          string        `help:"Go on with the training run saved in this checkpoint, on the same table; its settings win over the flags." placeholder:"FILE"`
}

// FitFlags are the network and training flags: model.TrainConfig's
// settings as the command line spells them (config turns them into one).
type FitFlags struct {
	Model       string  `help:"Network: mlp or kan." enum:"mlp,kan" default:"mlp"`
	Task        string  `help:"auto (integer targets with few values are classes), regression or classification." enum:"auto,regression,classification" default:"auto"`
	Hidden      []int   `help:"Hidden layer widths (MLP; also KAN when --width is not given)." default:"64,64" placeholder:"W"`
	Act         string  `help:"MLP hidden activation: relu, tanh, sigmoid, silu." enum:"relu,tanh,sigmoid,silu" default:"relu"`
	Width       string  `help:"KAN width from inputs to outputs, e.g. 2,5,1, or 2,5+2,1 for 5 sum and 2 multiplication nodes (pykan [2,[5,2],1])." placeholder:"SPEC"`
	Grid        int     `help:"KAN grid intervals G (0: a grid schedule chosen from the training rows, printed)." default:"0"`
	GridSched   []int   `name:"grid-schedule" help:"KAN grid extension inside one run, e.g. 3,5,10,20: train at each size in turn, keep the best on validation." placeholder:"G"`
	Restarts    int     `help:"KAN initialisations trained on the same split, the best on validation kept (0: decided from the training rows, printed)." default:"0"`
	K           int     `help:"KAN spline order k (0: 3)." default:"0"`
	Lamb        float64 `help:"KAN regularisation strength λ (pykan's lamb)." default:"0"`
	Opt         string  `help:"Optimiser: auto (MLP adam, KAN lbfgs), adam or lbfgs." enum:"auto,adam,lbfgs" default:"auto"`
	Steps       int     `help:"Optimiser steps (overrides --epochs; KAN: per grid size, 0 decides from the training rows: 1000 on ≤ 5000 rows, else 300)." default:"0"`
	Epochs      int     `help:"Passes over the training rows (Adam)." default:"30"`
	Batch       int     `help:"Adam mini-batch rows (0: MLP 64, KAN full batch)." default:"0"`
	LR          float64 `help:"Adam learning rate (0: MLP 1e-3, KAN 1e-2)." default:"0"`
	Patience    int     `help:"Early stopping: epochs (MLP) without validation improvement (0: off)." default:"5"`
	TestFrac    float64 `name:"test" help:"Fraction of rows held out for testing." default:"0.25"`
	ValFrac     float64 `name:"val" help:"Fraction of the remaining rows used for validation (early stopping)." default:"0.1"`
	Float64     bool    `name:"float64" help:"Compute in float64 instead of float32."`
	Float32     bool    `name:"float32" help:"KAN: keep float32 where few training rows would pick float64."`
	Standardize string  `help:"Input scaling, with training-row statistics stored in the model: yes (mean 0, std 1), range (onto [-1,1]), no (raw values), or auto (KAN range, MLP yes); a regression target is standardised unless no." enum:"auto,yes,range,no" default:"auto"`
}

// config is the training run the flags describe, with the given seed.
func (f FitFlags) config(seed uint64) model.TrainConfig {
	return model.TrainConfig{Model: f.Model, Task: taskOf(f.Task), Hidden: f.Hidden, Act: f.Act, Width: f.Width,
		Grid: f.Grid, GridSchedule: f.GridSched, Restarts: f.Restarts, K: f.K, Lamb: f.Lamb, Opt: f.Opt, Steps: f.Steps, Epochs: f.Epochs, Batch: f.Batch, LR: f.LR,
		Patience: f.Patience, TestFrac: f.TestFrac, ValFrac: f.ValFrac, Float64: f.Float64, Float32: f.Float32,
		Standardize: f.Standardize, Seed: seed}
}

// taskOf is the task a --task value asks for ("" for auto: detect it).
func taskOf(flag string) model.Task {
	if flag == "auto" {
		return ""
	}
	return model.Task(flag)
}

// Run implements the verb.
func (c *TrainCmd) Run(g *Globals) error {
	tab, err := c.Flags.Load(c.Data)
	if err != nil {
		return err
	}
	cfg := c.FitFlags.config(g.Seed)
	if err := cfg.Validate(); err != nil {
		return err
	}
	if err := checkOut("--out", c.Out); err != nil {
		return err
	}
	if err := checkOut("--log", c.Log); err != nil {
		return err
	}
	if err := checkOut("--checkpoint", c.Checkpoint); err != nil {
		return err
	}
	// Ctrl-C / SIGTERM end training at the next step; the best parameters
	// validated so far are kept and saved as usual. A second signal kills
	// the process at once.
	ctx, release := onInterrupt(g.Log)
	interrupted := stopRequested(ctx)
	defer release()
	var log jsonLog
	prog := newProgress(g)
	cfg.OnStep = func(s model.StepInfo) {
		log.add(s)
		prog.step(s)
		if stepHook != nil {
			stepHook(s.Step)
		}
	}
	cfg.Stop = interrupted
	ck := c.checkpointer()
	cfg.Checkpoint = ck.step
	var res *fit.Result
	if c.Resume != "" {
		res, err = resume(c.Resume, cfg, tab)
	} else {
		res, err = train(cfg, tab)
	}
	if err == nil && c.Checkpoint != "" {
		err = ck.final(res.Model, res.Steps)
	}
	prog.done()
	// The step log is written when steps ran, also for a run that failed
	// part-way (diverged): it is the diagnostic. A run rejected before its
	// first step leaves no file.
	if c.Log != "" && len(log.buf) > 0 && !inputerr.Is(err) {
		if werr := atomicfile.WriteBytes(c.Log, log.buf); werr != nil && err == nil {
			err = werr
		}
	}
	if _, crashed := panics.As(err); crashed && res != nil {
		saveCrashed(g, res.Model, c.Out, res.Steps)
	}
	if err != nil {
		return err
	}
	if err := res.Model.Save(c.Out); err != nil {
		return err
	}
	for _, d := range res.Decided {
		g.Log.Info("decided: " + d)
	}
	if res.Stopped == model.StopInterrupted {
		g.Log.Warn("training interrupted: saved the best model so far", "file", c.Out, "steps", res.Steps, "kept_step", res.BestStep)
	}
	return printFit(g.Stdout, res, cfg.Model, c.JSON, c.Out)
}

// saveCrashed saves the model of the last whole step of a training run
// that crashed (a worker panicked): the error itself is reported by run.
func saveCrashed(g *Globals, m *model.Model, out string, steps int) {
	if err := m.Save(out); err != nil {
		g.Log.Error("training crashed and the model could not be saved", "file", out, "err", err)
		return
	}
	g.Log.Warn("training crashed: saved the model of the last whole step", "file", out, "steps", steps)
}

// stepHook, when set (tests only), runs after every training step of
// train and refine, each time snap asks whether to stop, and after every
// iteration of search.
var stepHook func(step int)

// train fits the model cfg describes on the table (model/fit); the model
// keeps cfg as its configuration.
func train(cfg model.TrainConfig, tab *table.Table) (*fit.Result, error) {
	return fit.Train(cfg, fit.Table{X: tab.RowMajor64(), Y: tab.Y, N: tab.Rows, Features: tab.Features, Target: tab.Target})
}

// metricsJSON keeps the metrics that mean something for the task.
func metricsJSON(task model.Task, mt model.Metrics) map[string]any {
	out := map[string]any{"n": mt.N, "loss": jsonNum(mt.Loss)}
	if mt.N == 0 {
		return out
	}
	if task == model.Classification {
		out["accuracy"] = jsonNum(mt.Accuracy)
	} else {
		out["rmse"], out["r2"] = jsonNum(mt.RMSE), jsonNum(mt.R2)
	}
	return out
}

// printFit writes the run's summary: a few lines, or one JSON object.
func printFit(w io.Writer, r *fit.Result, kind string, asJSON bool, out string) error {
	task := r.Model.Task
	if asJSON {
		enc := json.NewEncoder(w)
		return enc.Encode(map[string]any{
			"model": kind, "task": task, "out": out, "params": r.Params,
			"steps": r.Steps, "best_step": r.BestStep, "stopped": r.Stopped, "seconds": r.Seconds,
			"classes": r.Model.Classes,
			"train":   metricsJSON(task, r.Train.Metrics), "validation": metricsJSON(task, r.Val.Metrics), "test": metricsJSON(task, r.Test.Metrics),
		})
	}
	fmt.Fprintf(w, "%s %s, %d parameters, %d steps (kept step %d, stopped: %s), %.1fs\n",
		kind, task, r.Params, r.Steps, r.BestStep, r.Stopped, r.Seconds)
	fmt.Fprintf(w, "%-10s %6s %10s", "part", "rows", "loss")
	if task == model.Classification {
		fmt.Fprintf(w, " %9s\n", "accuracy")
	} else {
		fmt.Fprintf(w, " %12s %9s\n", "rmse", "r2")
	}
	for _, p := range []struct {
		name string
		mt   model.Metrics
	}{{"train", r.Train.Metrics}, {"validation", r.Val.Metrics}, {"test", r.Test.Metrics}} {
		if p.mt.N == 0 {
			fmt.Fprintf(w, "%-10s %6d %10s\n", p.name, 0, "-")
			continue
		}
		fmt.Fprintf(w, "%-10s %6d %10.5g", p.name, p.mt.N, p.mt.Loss)
		if task == model.Classification {
			fmt.Fprintf(w, " %9.4f\n", p.mt.Accuracy)
		} else {
			fmt.Fprintf(w, " %12.6g %9.6f\n", p.mt.RMSE, p.mt.R2)
		}
	}
	fmt.Fprintf(w, "saved %s\n", out)
	return nil
}

// jsonLog collects one JSON line per step for --log.
type jsonLog struct{ buf []byte }

func (l *jsonLog) add(s model.StepInfo) {
	rec := map[string]any{"step": s.Step, "epoch": s.Epoch, "loss": s.Loss}
	if s.HaveVal {
		rec["val_loss"] = s.ValLoss
	}
	for k, v := range rec {
		if f, ok := v.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
			rec[k] = nil // JSON has no NaN; null marks it
		}
	}
	b, _ := json.Marshal(rec)
	l.buf = append(append(l.buf, b...), '\n')
}

// progress shows a one-line status on a terminal, at most a few times a
// second; elsewhere (pipes, files, --quiet) it stays silent.
type progress struct {
	w     io.Writer
	last  time.Time
	shown bool
	val   float64
}

func newProgress(g *Globals) *progress {
	if g.Quiet || !isTerminal(g.Stderr) {
		return &progress{}
	}
	return &progress{w: g.Stderr, val: math.NaN()}
}

func (p *progress) step(s model.StepInfo) {
	if p.w == nil {
		return
	}
	if s.HaveVal {
		p.val = s.ValLoss
	}
	if time.Since(p.last) < 200*time.Millisecond {
		return
	}
	p.last, p.shown = time.Now(), true
	line := fmt.Sprintf("step %d  epoch %.2f  loss %.5g", s.Step, s.Epoch, s.Loss)
	if !math.IsNaN(p.val) {
		line += fmt.Sprintf("  val %.5g", p.val)
	}
	fmt.Fprintf(p.w, "\r%-70s", line)
}

func (p *progress) done() {
	if p.w != nil && p.shown {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", 70))
	}
}

// specOf reads the training configuration stored in a model file.
func specOf(m *model.Model, file string) (model.TrainConfig, error) {
	var s model.TrainConfig
	if len(m.Config) == 0 {
		return s, inputerr.At(file, 0, 0, "the model holds no training configuration, so it cannot be retrained")
	}
	if err := json.Unmarshal(m.Config, &s); err != nil {
		return s, inputerr.At(file, 0, 0, "training configuration: %v", err)
	}
	if !slices.Equal(s.Features, m.Features) {
		return s, inputerr.At(file, 0, 0, "training configuration lists other features than the model")
	}
	return s, nil
}
