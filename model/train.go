package model

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/ansatz/ansatz/model/optim"
)

// GridUpdater is implemented by networks whose shape adapts to the data
// (KAN spline grids). The trainer calls UpdateGrid with the training
// inputs every TrainOptions.GridEvery steps before GridUntil and then
// resets the optimiser, since the parameters changed meaning.
type GridUpdater interface {
	UpdateGrid(x []float64, n int)
}

// TrainOptions control Train. Zero values pick the documented defaults.
type TrainOptions struct {
	Opt   string  // "adam" (default) or "lbfgs" (full batch)
	LR    float64 // Adam step size (default 1e-3)
	Decay float64 // Adam decoupled weight decay (default 0)
	// Batch is the Adam mini-batch size; 0, or at least the number of
	// training rows, means full batch. L-BFGS always uses full batch.
	Batch int
	// Steps is the number of optimiser steps (Adam batches, L-BFGS
	// iterations). When 0, Epochs passes over the data are made
	// (default 1 epoch for Adam, 100 iterations for L-BFGS).
	Steps, Epochs int
	// EvalEvery is the number of steps between validation evaluations
	// (default: once per epoch, and every 10 L-BFGS iterations).
	EvalEvery int
	// Patience stops training after this many validation evaluations in
	// a row without improvement (0: never stop early). Whenever there is
	// validation data, the parameters of the best evaluation are restored
	// at the end.
	Patience int
	// Seed orders the mini-batches; the same seed, data and thread count
	// give the same trained network.
	Seed uint64
	// GridEvery and GridUntil schedule GridUpdater calls (0: never).
	GridEvery, GridUntil int
	// OnStep, when set, is called after every step (progress, --log).
	OnStep func(StepInfo)
	// Stop, when set, is asked after every step; true ends training there
	// (Ctrl-C in a long fit). The validation loss is then evaluated once
	// more, so the best parameters seen so far are the ones kept, and the
	// Result says "stopped".
	Stop func() bool
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
	Steps    int     // steps taken
	BestStep int     // step whose parameters were kept (Steps without validation data)
	ValLoss  float64 // validation loss of the kept parameters (NaN without validation data)
	// Stopped says why training ended: "steps", "early" (patience ran
	// out), "converged" (L-BFGS) or "stopped" (TrainOptions.Stop).
	Stopped string
}

// evalBlock bounds the rows of one Forward call in full-batch passes.
const evalBlock = 8192

// Train fits net to the training data, minimising Loss (plus the
// network's Penalty if it is a Regularizer) with Adam on mini-batches or
// L-BFGS on the full batch, watching the validation loss for early
// stopping. It returns an error on a non-finite loss (diverged training).
func Train(net Network, task Task, train, val Data, opt TrainOptions) (Result, error) {
	if train.N == 0 {
		return Result{}, errors.New("train: no training rows")
	}
	if train.D != net.NumIn() {
		return Result{}, fmt.Errorf("train: data has %d inputs, network %d", train.D, net.NumIn())
	}
	t := trainer{net: net, task: task, train: train, val: val, opt: opt,
		best: math.Inf(1), bestParams: slices.Clone(net.Params())}
	var res Result
	var err error
	switch opt.Opt {
	case "", "adam":
		res, err = t.adam()
	case "lbfgs":
		res, err = t.lbfgs()
	default:
		return Result{}, fmt.Errorf("train: unknown optimiser %q (adam, lbfgs)", opt.Opt)
	}
	if val.N > 0 && !math.IsInf(t.best, 1) {
		copy(net.Params(), t.bestParams)
		res.BestStep, res.ValLoss = t.bestStep, t.best
	} else {
		res.BestStep, res.ValLoss = res.Steps, math.NaN()
	}
	return res, err
}

// trainer carries the state shared by the two optimiser loops.
type trainer struct {
	net        Network
	task       Task
	train, val Data
	opt        TrainOptions

	best       float64
	bestStep   int
	bestParams []float64
	wait       int // evaluations since the last improvement
	out, dout  []float64
}

// validate evaluates the validation loss at step, keeps the best
// parameters, and reports whether patience has run out.
func (t *trainer) validate(step int, info *StepInfo) bool {
	if t.val.N == 0 {
		return false
	}
	v := t.meanLoss(t.val, nil)
	info.ValLoss, info.HaveVal = v, true
	if v < t.best {
		t.best, t.bestStep, t.wait = v, step, 0
		copy(t.bestParams, t.net.Params())
		return false
	}
	t.wait++
	return t.opt.Patience > 0 && t.wait >= t.opt.Patience
}

// end runs the bookkeeping after a step: validation when due (or when
// the caller asks to stop, so the last parameters get their chance to be
// kept), OnStep, then the reason to end training, "" to go on.
func (t *trainer) end(step int, due bool, info StepInfo) string {
	halt := t.opt.Stop != nil && t.opt.Stop()
	early := false
	if due || halt {
		early = t.validate(step, &info)
	}
	if t.opt.OnStep != nil {
		t.opt.OnStep(info)
	}
	switch {
	case halt:
		return "stopped"
	case early:
		return "early"
	}
	return ""
}

// meanLoss is the mean loss over all rows of d, in blocks. When grad is
// not nil it also receives the gradient of that mean (with the network's
// penalty added once, after the last block).
func (t *trainer) meanLoss(d Data, grad []float64) float64 {
	c := t.net.NumOut()
	if grad != nil {
		clear(grad)
	}
	var loss float64
	for i := 0; i < d.N; i += evalBlock {
		b := min(evalBlock, d.N-i)
		out := t.buf(&t.out, b*c)
		t.net.Forward(d.X[i*d.D:(i+b)*d.D], b, out)
		var dout []float64
		if grad != nil {
			dout = t.buf(&t.dout, b*c)
		}
		frac := float64(b) / float64(d.N)
		loss += frac * Loss(t.task, out, d.Y[i:i+b], b, c, dout, frac)
		if grad != nil {
			t.net.Backward(dout, nil)
			for j, g := range t.net.Grads() {
				grad[j] += g
			}
		}
	}
	if grad != nil {
		if r, ok := t.net.(Regularizer); ok {
			loss += r.Penalty(grad)
		}
	}
	return loss
}

// buf returns (*p)[:n], growing *p when needed.
func (t *trainer) buf(p *[]float64, n int) []float64 {
	if cap(*p) < n {
		*p = make([]float64, n)
	}
	return (*p)[:n]
}

// gridUpdate runs the GridUpdater schedule; it reports whether the grid
// changed (so the optimiser must forget its history).
func (t *trainer) gridUpdate(step int) bool {
	g, ok := t.net.(GridUpdater)
	if !ok || t.opt.GridEvery <= 0 || step >= t.opt.GridUntil || step%t.opt.GridEvery != 0 {
		return false
	}
	g.UpdateGrid(t.train.X, t.train.N)
	return true
}

func (t *trainer) adam() (Result, error) {
	n := t.train.N
	batch := t.opt.Batch
	if batch <= 0 || batch > n {
		batch = n
	}
	perEpoch := (n + batch - 1) / batch
	steps := t.opt.Steps
	if steps <= 0 {
		steps = max(t.opt.Epochs, 1) * perEpoch
	}
	every := t.opt.EvalEvery
	if every <= 0 {
		every = perEpoch
	}
	lr := t.opt.LR
	if lr <= 0 {
		lr = 1e-3
	}
	ad := &optim.Adam{LR: lr, WeightDecay: t.opt.Decay}
	rng := rand.New(rand.NewPCG(t.opt.Seed, 0xba7c4))
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	c := t.net.NumOut()
	bx := make([]float64, batch*t.train.D)
	by := make([]float64, batch)
	pos := n // forces a shuffle at the first step
	for step := 1; step <= steps; step++ {
		if t.gridUpdate(step - 1) {
			ad.Reset()
		}
		if pos+batch > n {
			rng.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
			pos = 0
		}
		d := t.train.D
		for i, r := range order[pos : pos+batch] {
			copy(bx[i*d:(i+1)*d], t.train.X[r*d:(r+1)*d])
			by[i] = t.train.Y[r]
		}
		pos += batch
		out := t.buf(&t.out, batch*c)
		dout := t.buf(&t.dout, batch*c)
		t.net.Forward(bx, batch, out)
		loss := Loss(t.task, out, by, batch, c, dout, 1)
		t.net.Backward(dout, nil)
		grads := t.net.Grads()
		if r, ok := t.net.(Regularizer); ok {
			loss += r.Penalty(grads)
		}
		if math.IsNaN(loss) || math.IsInf(loss, 0) {
			return Result{Steps: step}, fmt.Errorf("train: loss became %g at step %d (try a smaller --lr)", loss, step)
		}
		ad.Step(t.net.Params(), grads)
		info := StepInfo{Step: step, Epoch: float64(step*batch) / float64(n), Loss: loss, ValLoss: math.NaN()}
		if why := t.end(step, step%every == 0 || step == steps, info); why != "" {
			return Result{Steps: step, Stopped: why}, nil
		}
	}
	return Result{Steps: steps, Stopped: "steps"}, nil
}

func (t *trainer) lbfgs() (Result, error) {
	steps := t.opt.Steps
	if steps <= 0 {
		steps = 100
		if t.opt.Epochs > 0 {
			steps = t.opt.Epochs
		}
	}
	every := t.opt.EvalEvery
	if every <= 0 {
		every = 10
	}
	params := t.net.Params()
	f := func(x, grad []float64) float64 {
		copy(params, x)
		return t.meanLoss(t.train, grad)
	}
	var lb optim.LBFGS
	x := slices.Clone(params)
	for step := 1; step <= steps; step++ {
		if t.gridUpdate(step - 1) {
			copy(x, params)
			lb.Reset()
		}
		loss, err := lb.Step(f, x)
		copy(params, x)
		converged := errors.Is(err, optim.ErrConverged) || errors.Is(err, optim.ErrLineSearch)
		if err != nil && !converged {
			return Result{Steps: step}, fmt.Errorf("train: L-BFGS: %w", err)
		}
		if math.IsNaN(loss) || math.IsInf(loss, 0) {
			return Result{Steps: step}, fmt.Errorf("train: loss became %g at step %d", loss, step)
		}
		info := StepInfo{Step: step, Epoch: float64(step), Loss: loss, ValLoss: math.NaN()}
		why := t.end(step, step%every == 0 || step == steps || converged, info)
		if converged && why != "stopped" {
			why = "converged"
		}
		if why != "" {
			return Result{Steps: step, Stopped: why}, nil
		}
	}
	return Result{Steps: steps, Stopped: "steps"}, nil
}
