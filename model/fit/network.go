package fit

import (
	"math"

	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/model/kan"
	"github.com/ansatz/ansatz/model/mlp"
)

// Outcome says how a training run ended.
type Outcome struct {
	Steps    int    // optimiser steps taken
	BestStep int    // step whose parameters were kept
	Stopped  string // "steps", "early", "converged" or "stopped" (Spec.Stop)
}

// Network builds the network the spec describes for m (its features,
// task and classes fix the inputs and outputs), trains it on the prepared
// parts and sets m.Net. m.Net is set even when training fails part-way.
func Network(s Spec, m *model.Model, train, val model.Data) (Outcome, error) {
	nOut := 1
	if m.Task == model.Classification {
		nOut = len(m.Classes)
	}
	switch s.Kind {
	case "", "mlp":
		return trainMLP(s, m, nOut, train, val)
	case "kan":
		return trainKAN(s, m, nOut, train, val)
	}
	return Outcome{}, inputerr.New("--model %q: want mlp or kan", s.Kind)
}

// trainMLP trains a dense network with model.Train.
func trainMLP(s Spec, m *model.Model, nOut int, train, val model.Data) (Outcome, error) {
	net, err := mlp.New(mlp.Config{Hidden: s.Hidden, Act: mlp.Activation(s.Act), Float64: s.Float64},
		len(m.Features), nOut, s.Seed)
	if err != nil {
		return Outcome{}, inputerr.New("%v", err)
	}
	m.Net = net
	batch, lr := s.Batch, s.LR
	if batch == 0 {
		batch = 64
	}
	if lr == 0 {
		lr = 1e-3
	}
	res, err := model.Train(net, m.Task, train, val, model.TrainOptions{
		Opt: s.opt(), LR: lr, Batch: batch, Steps: s.Steps, Epochs: s.Epochs,
		Patience: s.Patience, Seed: s.Seed, OnStep: s.OnStep, Stop: s.Stop})
	return Outcome{Steps: res.Steps, BestStep: res.BestStep, Stopped: res.Stopped}, err
}

// trainKAN trains a KAN with its own trainer, which knows pykan's grid
// updates and regularisation. Without Width the layers are inputs,
// Hidden..., outputs.
func trainKAN(s Spec, m *model.Model, nOut int, train, val model.Data) (Outcome, error) {
	width, err := kanWidth(s, m, nOut)
	if err != nil {
		return Outcome{}, err
	}
	cfg := kan.DefaultConfig(width)
	if s.Grid != 0 {
		cfg.Grid = s.Grid
	}
	if s.K != 0 {
		cfg.K = s.K
	}
	cfg.Float64, cfg.Seed = s.Float64, s.Seed
	net, err := kan.New(cfg)
	if err != nil {
		return Outcome{}, err
	}
	tc := kan.DefaultTrain()
	tc.Opt, tc.Batch, tc.Seed, tc.Reg.Lamb = s.opt(), s.Batch, s.Seed, s.Lamb
	if s.Steps > 0 {
		tc.Steps = s.Steps
	}
	if s.LR > 0 {
		tc.LR = s.LR
	}
	if m.Task == model.Classification {
		tc.Loss = "ce"
	}
	out := Outcome{Stopped: "steps"}
	err = net.Fit(kan.Data{X: train.X, Y: train.Y, N: train.N}, kan.Data{X: val.X, Y: val.Y, N: val.N}, tc,
		func(step int, loss, vloss float64) bool {
			out.Steps = step + 1
			// Stop is asked before OnStep, as model.Train does.
			if s.Stop != nil && s.Stop() {
				out.Stopped = "stopped"
			}
			if s.OnStep != nil {
				s.OnStep(model.StepInfo{Step: out.Steps, Epoch: float64(out.Steps), Loss: loss, ValLoss: vloss, HaveVal: !math.IsNaN(vloss)})
			}
			return out.Stopped != "stopped"
		})
	m.Net = net
	out.BestStep = out.Steps
	return out, err
}

// kanWidth is the KAN's layer list: Width parsed and checked against the
// data, or inputs, Hidden..., outputs.
func kanWidth(s Spec, m *model.Model, nOut int) ([]kan.Nodes, error) {
	nIn := len(m.Features)
	if s.Width == "" {
		width := []kan.Nodes{{Sum: nIn}}
		for _, h := range s.Hidden {
			width = append(width, kan.Nodes{Sum: h})
		}
		return append(width, kan.Nodes{Sum: nOut}), nil
	}
	w, err := kan.ParseWidth(s.Width)
	if err != nil {
		return nil, err
	}
	if w[0].Count() != nIn || w[len(w)-1].Count() != nOut {
		return nil, inputerr.New("--width %s: the data need %d inputs and %d outputs (%s)", s.Width, nIn, nOut,
			map[bool]string{true: "one per class", false: "regression"}[m.Task == model.Classification])
	}
	return w, nil
}
