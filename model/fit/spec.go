package fit

import "github.com/ansatz/ansatz/model"

// Spec describes a network and how to train it. Zero values pick the
// documented defaults, which are the CLI's.
type Spec struct {
	Kind string // "mlp" (default) or "kan"

	// Hidden are the hidden layer widths: the MLP's layers, and the KAN's
	// (plain sum nodes) when Width is empty.
	Hidden []int
	Act    string // MLP hidden activation: relu (default), tanh, sigmoid, silu
	// Width is a KAN width from inputs to outputs in kan.ParseWidth's
	// syntax ("2,5+2,1"); it must match the data's inputs and outputs.
	Width string
	Grid  int     // KAN grid intervals (0: kan.DefaultConfig's; kan.New rejects negatives)
	K     int     // KAN spline order (0: kan.DefaultConfig's)
	Lamb  float64 // KAN regularisation strength (pykan's lamb)

	// Opt is "adam" or "lbfgs"; "" or "auto" picks the kind's own
	// (MLP adam, KAN lbfgs).
	Opt string
	// Steps are optimiser steps; they override Epochs (MLP) and default
	// to kan.DefaultTrain's for a KAN.
	Steps  int
	Epochs int     // MLP passes over the training rows (model.Train's default when 0)
	Batch  int     // Adam mini-batch rows (0: MLP 64, KAN full batch)
	LR     float64 // Adam learning rate (0: MLP 1e-3, KAN kan.DefaultTrain's)
	// Patience stops the MLP after this many validations without
	// improvement (0: never early).
	Patience int

	// Seed drives the split (unless Split is given), the initial weights
	// and the batch order.
	Seed    uint64
	Float64 bool // compute in float64 instead of float32

	// Task is the task; "" detects it from the target (model.DetectTask).
	Task model.Task
	// Raw keeps raw inputs and target (Mean 0, Std 1); by default they
	// are standardised with training-row statistics stored in the model.
	Raw bool
	// TestFrac and ValFrac are the seeded split's fractions: the test
	// part, then validation out of the rest.
	TestFrac, ValFrac float64
	// Split, when set, is used instead of a split drawn from Seed (the
	// pipeline keeps one split while it varies the weights' seed).
	Split *model.Split

	// OnStep, when set, is called after every optimiser step.
	OnStep func(model.StepInfo)
	// Stop, when set, is asked after every step; true ends training early
	// with the best parameters so far (Result.Stopped is "stopped").
	Stop func() bool
}

// opt is the optimiser the spec resolves to.
func (s Spec) opt() string {
	if s.Opt == "" || s.Opt == "auto" {
		if s.Kind == "kan" {
			return "lbfgs"
		}
		return "adam"
	}
	return s.Opt
}
