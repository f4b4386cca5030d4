package model

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/ansatz/ansatz/internal/panics"
	"github.com/ansatz/ansatz/model/optim"
)

// evalBlock bounds the rows of one Forward call in full-batch passes.
const evalBlock = 8192

// Train fits net to the training data with the optimiser settings of cfg
// (Opt, Steps, Epochs, Batch, LR, Patience, Seed, OnStep, Stop; the
// network itself is already built). A network that is a Trainer runs its
// own loop; any other is trained here, minimising Loss (plus the network's
// Penalty if it is a Regularizer) with Adam on mini-batches or L-BFGS on
// the full batch, watching the validation loss for early stopping and
// keeping the best validated parameters. It returns an error on a
// non-finite loss (diverged training).
//
// A panic during a step (in this goroutine or, raised again, in a worker
// of the network or of a kernel) ends training with StopCrashed: net
// gets back the parameters of the last whole step and the panic comes
// back as a *panics.Caught error, so the caller can save that model.
func Train(net Network, task Task, train, val Data, cfg TrainConfig) (res Result, err error) {
	last, lastStep := slices.Clone(net.Params()), cfg.DoneSteps
	onStep := cfg.OnStep
	cfg.OnStep = func(s StepInfo) {
		copy(last, net.Params())
		lastStep = s.Step
		if onStep != nil {
			onStep(s)
		}
	}
	defer func() {
		if r := recover(); r != nil {
			copy(net.Params(), last)
			res = Result{Steps: lastStep, BestStep: lastStep, ValLoss: math.NaN(), Stopped: StopCrashed}
			err = panics.From(r)
		}
	}()
	return trainNet(net, task, train, val, cfg)
}

// trainNet is Train without the recovery.
func trainNet(net Network, task Task, train, val Data, cfg TrainConfig) (Result, error) {
	if t, ok := net.(Trainer); ok {
		return t.Train(task, train, val, cfg)
	}
	if train.N == 0 {
		return Result{}, errors.New("train: no training rows")
	}
	if train.D != net.NumIn() {
		return Result{}, fmt.Errorf("train: data has %d inputs, network %d", train.D, net.NumIn())
	}
	t := trainer{net: net, task: task, train: train, val: val, opt: cfg,
		best: math.Inf(1), bestParams: slices.Clone(net.Params())}
	var res Result
	var err error
	switch cfg.Opt {
	case "", "auto", "adam":
		res, err = t.adam()
	case "lbfgs":
		res, err = t.lbfgs()
	default:
		return Result{}, fmt.Errorf("train: unknown optimiser %q (adam, lbfgs)", cfg.Opt)
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
	opt        TrainConfig

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
// kept), OnStep, then the reason to end training, 0 to go on.
func (t *trainer) end(step int, due bool, info StepInfo) StopReason {
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
		return StopInterrupted
	case early:
		return StopEarly
	}
	return 0
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
	every := perEpoch // validate once per epoch
	lr := t.opt.LR
	if lr <= 0 {
		lr = 1e-3
	}
	ad := &optim.Adam{LR: lr}
	rng := rand.New(rand.NewPCG(t.opt.Seed, 0xba7c4))
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	c := t.net.NumOut()
	bx := make([]float64, batch*t.train.D)
	by := make([]float64, batch)
	pos := n // forces a shuffle at the first step
	for step := t.opt.DoneSteps + 1; step <= steps; step++ {
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
			return Result{Steps: step}, fmt.Errorf("train: loss became %g at step %d (try a smaller learning rate)", loss, step)
		}
		ad.Step(t.net.Params(), grads)
		info := StepInfo{Step: step, Epoch: float64(step*batch) / float64(n), Loss: loss, ValLoss: math.NaN()}
		if why := t.end(step, step%every == 0 || step == steps, info); why != 0 {
			return Result{Steps: step, Stopped: why}, nil
		}
	}
	return Result{Steps: steps, Stopped: StopSteps}, nil
}

func (t *trainer) lbfgs() (Result, error) {
	steps := t.opt.Steps
	if steps <= 0 {
		steps = 100
		if t.opt.Epochs > 0 {
			steps = t.opt.Epochs
		}
	}
	const every = 10 // validate every 10 iterations
	params := t.net.Params()
	f := func(x, grad []float64) float64 {
		copy(params, x)
		return t.meanLoss(t.train, grad)
	}
	var lb optim.LBFGS
	x := slices.Clone(params)
	for step := t.opt.DoneSteps + 1; step <= steps; step++ {
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
		if converged && why != StopInterrupted {
			why = StopConverged
		}
		if why != 0 {
			return Result{Steps: step, Stopped: why}, nil
		}
	}
	return Result{Steps: steps, Stopped: StopSteps}, nil
}
