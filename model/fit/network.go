package fit

import (
	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/model/kan"
	"github.com/ansatz/ansatz/model/mlp"
)

// Network builds the untrained network cfg describes for m: its features,
// task and classes fix the inputs and outputs; cfg.Seed draws the weights.
func Network(cfg model.TrainConfig, m *model.Model) (model.Network, error) {
	nOut := 1
	if m.Task == model.Classification {
		nOut = len(m.Classes)
	}
	if cfg.Model == "kan" {
		return newKAN(cfg, m, nOut)
	}
	net, err := mlp.New(mlp.Config{Hidden: cfg.Hidden, Act: mlp.Activation(cfg.Act), Float64: cfg.Float64},
		len(m.Features), nOut, cfg.Seed)
	if err != nil {
		return nil, inputerr.New("%v", err)
	}
	return net, nil
}

// newKAN builds a KAN: kan.DefaultConfig for the width with cfg's grid,
// order, precision and seed.
func newKAN(cfg model.TrainConfig, m *model.Model, nOut int) (model.Network, error) {
	width, err := kanWidth(cfg, m, nOut)
	if err != nil {
		return nil, err
	}
	kc := kan.DefaultConfig(width)
	kc.Grid, kc.K, kc.Float64, kc.Seed = cfg.Grid, cfg.K, cfg.Float64, cfg.Seed
	return kan.New(kc)
}

// kanWidth is the KAN's layer list: Width parsed and checked against the
// data, or inputs, Hidden..., outputs.
func kanWidth(cfg model.TrainConfig, m *model.Model, nOut int) ([]kan.Nodes, error) {
	nIn := len(m.Features)
	if cfg.Width == "" {
		width := []kan.Nodes{{Sum: nIn}}
		for _, h := range cfg.Hidden {
			width = append(width, kan.Nodes{Sum: h})
		}
		return append(width, kan.Nodes{Sum: nOut}), nil
	}
	w, err := kan.ParseWidth(cfg.Width)
	if err != nil {
		return nil, err
	}
	if w[0].Count() != nIn || w[len(w)-1].Count() != nOut {
		return nil, inputerr.Field("kan.Config.Width", "%s: the data need %d inputs and %d outputs (%s)", cfg.Width, nIn, nOut,
			map[bool]string{true: "one per class", false: "regression"}[m.Task == model.Classification])
	}
	return w, nil
}
