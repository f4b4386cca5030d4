package model

import (
	"cmp"
	"slices"

	"github.com/ansatz/ansatz/internal/enumtext"
	"github.com/ansatz/ansatz/internal/inputerr"
)

// TrainConfig describes one training run: which network, how to train it,
// how to split the rows, and the seed. It is the one configuration a run
// passes through: `ansatz train` fills it from its flags, the discovery
// pipeline from its settings, model/fit builds the network from it, Train
// reads the optimiser fields, and a trained model keeps it (as JSON, in
// Model.Config) so it can be trained again with other seeds. Zero values
// pick the defaults noted; Validate rejects impossible values.
type TrainConfig struct {
	Model string `json:"model"` // network kind: "mlp" (default) or "kan"
	// TaskAsked is how the task was given: "auto" (detected from the
	// target) or the task itself. model/fit fills it from Task before
	// resolving Task; model files keep it under its historical name.
	TaskAsked string `json:"task_flag"`
	// Hidden are the hidden layer widths: the MLP's layers, and the KAN's
	// (plain sum nodes) when Width is empty.
	Hidden []int  `json:"hidden"`
	Act    string `json:"act"` // MLP hidden activation: relu (default), tanh, sigmoid, silu
	// Width is a KAN width from inputs to outputs in kan.ParseWidth's
	// syntax ("2,5+2,1"); it must match the data's inputs and outputs.
	Width string `json:"width"`
	// Grid and K are a KAN's grid intervals and spline order; a KAN needs
	// both (kan.New checks them), an MLP ignores them.
	Grid int     `json:"grid"`
	K    int     `json:"k"`
	Lamb float64 `json:"lamb"` // KAN regularisation strength (pykan's lamb)
	// GridSchedule, when set, trains a KAN at each grid size in turn,
	// extending the grid between stages (pykan's grid extension), and
	// keeps the stage that scores best on validation. Grid, when also
	// set, must be its first size.
	GridSchedule []int `json:"grid_schedule,omitempty"`
	// Restarts is how many initialisations of a KAN (seeds Seed, Seed+1,
	// ...) are trained on the same split; the one that scores best on
	// validation is kept. 0 lets model/fit decide from the data.
	Restarts int `json:"restarts,omitempty"`

	// Opt is "adam" or "lbfgs"; "" or "auto" picks the network's own
	// (MLP adam, KAN lbfgs).
	Opt string `json:"opt"`
	// Steps are optimiser steps (Adam batches, L-BFGS iterations); they
	// override Epochs. 0: Epochs passes for Adam, 100 L-BFGS iterations.
	Steps  int `json:"steps"`
	Epochs int `json:"epochs"` // passes over the training rows (Adam; default 1)
	// Batch is the Adam mini-batch size; 0, or at least the number of
	// training rows, is the full batch (model/fit gives an MLP 64 rows).
	// L-BFGS always uses the full batch.
	Batch int     `json:"batch"`
	LR    float64 `json:"lr"` // Adam step size (0: MLP 1e-3, KAN 1e-2)
	// Patience stops training after this many validation evaluations in
	// a row without improvement (0: never early).
	Patience int `json:"patience"`

	// TestFrac and ValFrac are the seeded split's fractions: the test
	// part, then validation out of the rest. Both must be in [0,1).
	TestFrac float64 `json:"test_frac"`
	ValFrac  float64 `json:"val_frac"`
	Float64  bool    `json:"float64"` // compute in float64 instead of float32
	// Float32 keeps a KAN in float32 where model/fit would decide on
	// float64 (few training rows).
	Float32 bool `json:"float32,omitempty"`
	// Standardize is "yes" to standardise the inputs (and a regression
	// target) with training-row statistics stored in the model, "range"
	// to map each input's training range onto [-1, 1] (and standardise a
	// regression target), "no" for raw values, or "" / "auto": range for
	// a KAN, whose grids start on [-1, 1], yes for an MLP.
	Standardize string `json:"standardize"`

	Task     Task     `json:"task"`     // "" detects it from the target (DetectTask)
	Features []string `json:"features"` // input columns (set by model/fit)
	Target   string   `json:"target"`   // target column (set by model/fit)
	// Seed drives the split (unless Split is given), the initial weights
	// and the batch order: the same seed, data and thread count give the
	// same trained network.
	Seed uint64 `json:"seed"`
	// DoneSteps are the steps a resumed run had already taken (a training
	// checkpoint stores it): the loops go on from step DoneSteps+1 to the
	// same budget. The optimiser's moments, the batch order and early
	// stopping start afresh, so a resumed run is close to, not the same
	// as, one never stopped.
	DoneSteps int `json:"steps_done,omitempty"`

	// Split, when set, is used instead of a split drawn from Seed (the
	// pipeline keeps one split while it varies the weights' seed).
	Split *Split `json:"-"`
	// OnStep, when set, is called after every optimiser step.
	OnStep func(StepInfo) `json:"-"`
	// Stop, when set, is asked after every step, before OnStep; true ends
	// training there (Ctrl-C in a long fit) with the best parameters so
	// far, and the Result says StopInterrupted.
	Stop func() bool `json:"-"`
	// Checkpoint, when set, is called by model/fit after every step with
	// the model in training (its network live) and the step; the callee
	// decides whether to write it (fit.AtStep makes the checkpoint).
	Checkpoint func(m *Model, step int) `json:"-"`
}

// Validate rejects settings no training run can use. Settings only one
// network kind reads are checked where that kind is built (the KAN's grid,
// order and width by package kan, the MLP's activation by package mlp).
func (c *TrainConfig) Validate() error {
	hiddenOK := !slices.ContainsFunc(c.Hidden, func(h int) bool { return h < 1 })
	fraction := func(v float64) bool { return v >= 0 && v < 1 }
	return cmp.Or(
		inputerr.Check(!slices.Contains([]string{"", "mlp", "kan"}, c.Model), "model.TrainConfig.Model", "%q: want mlp or kan", c.Model),
		inputerr.Check(!slices.Contains([]Task{"", Regression, Classification}, c.Task), "model.TrainConfig.Task", "%q: want regression or classification", c.Task),
		inputerr.Check(!hiddenOK, "model.TrainConfig.Hidden", "widths must be positive, got %v", c.Hidden),
		inputerr.Check(!slices.Contains([]string{"", "auto", "adam", "lbfgs"}, c.Opt), "model.TrainConfig.Opt", "%q: want adam or lbfgs", c.Opt),
		inputerr.Check(!slices.Contains([]string{"", "auto", "yes", "no", "range"}, c.Standardize), "model.TrainConfig.Standardize", "%q: want auto, yes, range or no", c.Standardize),
		inputerr.Check(!scheduleOK(c.GridSchedule, c.Grid), "model.TrainConfig.GridSchedule", "%v: want increasing grid sizes, the first equal to the grid when one is given", c.GridSchedule),
		inputerr.Check(!fraction(c.TestFrac), "model.TrainConfig.TestFrac", "must be a fraction in [0,1), not %g", c.TestFrac),
		inputerr.Check(!fraction(c.ValFrac), "model.TrainConfig.ValFrac", "must be a fraction in [0,1), not %g", c.ValFrac),
		inputerr.Check(c.Restarts < 0, "model.TrainConfig.Restarts", "must not be negative, not %d", c.Restarts),
		inputerr.Check(c.Steps < 0, "model.TrainConfig.Steps", "must not be negative, not %d", c.Steps),
		inputerr.Check(c.Epochs < 0, "model.TrainConfig.Epochs", "must not be negative, not %d", c.Epochs),
		inputerr.Check(c.Batch < 0, "model.TrainConfig.Batch", "must not be negative, not %d", c.Batch),
		inputerr.Check(c.LR < 0, "model.TrainConfig.LR", "must not be negative, not %g", c.LR),
		inputerr.Check(c.Patience < 0, "model.TrainConfig.Patience", "must not be negative, not %d", c.Patience),
		inputerr.Check(c.DoneSteps < 0, "model.TrainConfig.DoneSteps", "must not be negative, not %d", c.DoneSteps),
	)
}

// scheduleOK says a grid schedule increases strictly from a positive size
// and starts at grid when grid is given.
func scheduleOK(s []int, grid int) bool {
	for i, g := range s {
		if g < 1 || i > 0 && g <= s[i-1] {
			return false
		}
	}
	return len(s) == 0 || grid == 0 || s[0] == grid
}

// A Trainer is a network with its own training loop, which Train runs
// instead of the generic one: the KAN, whose pykan schedule (grid updates
// during the first steps, L-BFGS restarts after a failed line search,
// its regularisation) the generic loop does not have. It reads the same
// TrainConfig fields, calls OnStep and Stop as Train does, and reports in
// the same Result.
type Trainer interface {
	Train(task Task, train, val Data, cfg TrainConfig) (Result, error)
}

// StepInfo reports one optimiser step.
type StepInfo struct {
	Step    int     `json:"step"`  // 1-based
	Epoch   float64 `json:"epoch"` // fractional passes over the training rows
	Loss    float64 `json:"loss"`  // training loss of the step's batch (with penalty)
	ValLoss float64 `json:"val_loss"`
	HaveVal bool    `json:"-"` // ValLoss was evaluated at this step
}

// Result summarises a training run.
type Result struct {
	Steps    int        // steps taken
	BestStep int        // step whose parameters were kept (Steps without validation data)
	ValLoss  float64    // validation loss of the kept parameters (NaN without validation data)
	Stopped  StopReason // why training ended
}

// StopReason says why training ended. Its text ("steps", "early", …) is
// what `ansatz train` prints.
type StopReason uint8

// The reasons; the zero value means training has not ended.
const (
	StopSteps       StopReason = iota + 1 // the step budget ran out ("steps")
	StopEarly                             // Patience ran out ("early")
	StopConverged                         // L-BFGS could make no more progress ("converged")
	StopInterrupted                       // TrainConfig.Stop asked to stop ("stopped")
	StopCrashed                           // a step panicked; the last whole step's parameters are kept ("crashed")
)

var stopNames = enumtext.Names{"", "steps", "early", "converged", "stopped", "crashed"}

// String is the reason's text.
func (r StopReason) String() string { return stopNames.String(int(r)) }

// MarshalText writes the text String gives.
func (r StopReason) MarshalText() ([]byte, error) { return stopNames.Marshal(uint8(r)) }

// UnmarshalText reads what MarshalText writes.
func (r *StopReason) UnmarshalText(b []byte) error { return stopNames.Unmarshal(b, (*uint8)(r)) }
