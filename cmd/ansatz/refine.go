package main

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/model/kan"
	"github.com/ansatz/ansatz/table"
)

// RefineCmd is `ansatz refine MODEL data.csv --grid 20 --steps N --out
// MODEL2`: KAN grid extension (refit the splines on a finer grid by least
// squares), then N more training steps on the data.
type RefineCmd struct {
	ModelFile string  `arg:"" name:"model" help:"KAN model file."`
	Data      string  `arg:"" help:"Training table (needs the model's target column)."`
	Grid      int     `help:"New number of grid intervals G' (more than the model has)." required:""`
	Steps     int     `help:"Training steps after the extension." default:"100"`
	Opt       string  `help:"Optimiser: lbfgs or adam." default:"lbfgs" enum:"lbfgs,adam"`
	LR        float64 `help:"Adam learning rate." default:"0.01"`
	Lamb      float64 `help:"Regularisation strength λ." default:"0"`
	Out       string  `help:"Refined model file to write (atomically)." required:""`
	JSON      bool    `help:"Print the result as JSON."`
	table.Flags
}

// Run implements the verb.
func (c *RefineCmd) Run(g *Globals) error {
	cfg := model.TrainConfig{Model: "kan", Steps: c.Steps, Opt: c.Opt, LR: c.LR, Lamb: c.Lamb, Seed: g.Seed}
	if err := cfg.Validate(); err != nil {
		return err
	}
	if err := checkOut("--out", c.Out); err != nil {
		return err
	}
	d, err := loadKAN(c.ModelFile, c.Data, c.Flags, true)
	if err != nil {
		return err
	}
	if g0 := d.net.Config().Grid; c.Grid <= g0 {
		return inputerr.New("--grid %d is not finer than the model's grid of %d intervals (refine extends the grid)", c.Grid, g0)
	}
	data, err := d.m.Encode(d.x, d.tab.Y, d.rows)
	if err != nil {
		return err
	}
	before := lossOf(d.m, d.net, data)
	r, err := d.net.Refine(c.Grid, data.X, data.N) // checks the new grid size
	if err != nil {
		return err
	}
	extended := lossOf(d.m, r, data)
	ctx, release := onInterrupt(g.Log)
	interrupted := stopRequested(ctx)
	defer release()
	stopped := false
	if c.Steps > 0 {
		cfg.Stop = interrupted
		cfg.OnStep = func(s model.StepInfo) {
			if step := s.Step - 1; step%50 == 0 {
				g.Log.Info("refine", "step", step, "loss", s.Loss)
			}
			if stepHook != nil {
				stepHook(s.Step - 1)
			}
		}
		res, err := model.Train(r, d.m.Task, data, model.Data{}, cfg)
		if err != nil {
			return err
		}
		stopped = res.Stopped == model.StopInterrupted
	}
	after := lossOf(d.m, r, data)
	if err := withNet(d.m, r).Save(c.Out); err != nil {
		return err
	}
	if stopped {
		g.Log.Warn("refine interrupted: saved the model as trained so far", "file", c.Out)
	}
	if c.JSON {
		return json.NewEncoder(g.Stdout).Encode(map[string]any{"out": c.Out, "grid_before": d.net.Config().Grid,
			"grid_after": c.Grid, "loss_before": jsonNum(before), "loss_extended": jsonNum(extended), "loss_after": jsonNum(after)})
	}
	_, err = fmt.Fprintf(g.Stdout, "grid %d -> %d: loss %.6g before, %.6g right after extension, %.6g after %d steps; wrote %s\n",
		d.net.Config().Grid, c.Grid, before, extended, after, c.Steps, c.Out)
	return err
}

// lossOf is the training loss (MSE on the scaled target, or
// cross-entropy) of net on data.
func lossOf(m *model.Model, net *kan.Net, data model.Data) float64 {
	c := net.NumOut()
	out := make([]float64, data.N*c)
	net.Forward(data.X, data.N, out)
	s := 0.0
	for r := 0; r < data.N; r++ {
		if m.Task == model.Classification {
			z := out[r*c : (r+1)*c]
			mx := math.Inf(-1)
			for _, v := range z {
				mx = math.Max(mx, v)
			}
			sum := 0.0
			for _, v := range z {
				sum += math.Exp(v - mx)
			}
			s += mx + math.Log(sum) - z[int(data.Y[r])]
		} else {
			e := out[r] - data.Y[r]
			s += e * e
		}
	}
	return s / float64(data.N)
}
