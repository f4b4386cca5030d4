package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/model/snap"
	"github.com/ansatz/ansatz/symreg/expr"
	"github.com/ansatz/ansatz/table"
)

// SnapCmd is `ansatz snap MODEL data.csv`: replace every KAN edge by the
// best closed form from the library, retrain the affine constants, and
// print the whole model as one formula (in the syntax `ansatz eval
// --expr` reads) with its R² against the data and against the network.
type SnapCmd struct {
	ModelFile    string   `arg:"" name:"model" help:"KAN model file (regression)."`
	Data         string   `arg:"" help:"Table with the model's inputs and target."`
	Lib          []string `help:"Library functions to try (default all): x,x^2,x^3,x^4,1/x,sqrt,exp,log,sin,tan,tanh,arctanh,arcsin,arctan,abs,gaussian,0." placeholder:"F,G,..."`
	WeightSimple float64  `name:"weight-simple" help:"Complexity weight in the edge score w·complexity + (1−w)·log2(1−R²)." default:"0.2"`
	RetrainSteps int      `name:"retrain-steps" help:"L-BFGS steps refitting all affine constants together." default:"200"`
	JSON         bool     `help:"Print {\"formula\":…,\"r2_data\":…,\"r2_network\":…,\"edges\":[{\"layer\",\"in\",\"out\",\"fn\",\"r2\",\"fixed\",\"alternatives\"}…]}."`
	table.Flags
}

// Run implements the verb.
func (c *SnapCmd) Run(g *Globals) error {
	if !(c.WeightSimple >= 0 && c.WeightSimple <= 1) {
		return inputerr.New("--weight-simple must be in [0,1]")
	}
	opt := snap.DefaultOptions()
	opt.Fit.WeightSimple = c.WeightSimple
	opt.RetrainSteps = c.RetrainSteps
	for _, name := range c.Lib {
		f, ok := snap.Lookup(strings.TrimSpace(name))
		if !ok {
			return inputerr.New("--lib: unknown function %q", name)
		}
		opt.Lib = append(opt.Lib, f)
	}
	d, err := loadKAN(c.ModelFile, c.Data, c.Flags, true)
	if err != nil {
		return err
	}
	if d.m.Task != model.Regression {
		return inputerr.At(c.ModelFile, 0, 0, "is a %s model; snap needs a regression KAN", d.m.Task)
	}
	// Ctrl-C / SIGTERM end the retraining early: the formula as snapped
	// and retrained so far is printed as usual. A second signal kills.
	ctx, release := onInterrupt(g.Log)
	interrupted := stopRequested(ctx)
	defer release()
	polls := 0
	opt.Stop = func() bool {
		if polls++; stepHook != nil {
			stepHook(polls)
		}
		return interrupted()
	}
	s, err := snap.Model(d.m, d.x, d.tab.Y, d.rows, opt)
	if err != nil {
		return err
	}
	if s.Stopped {
		g.Log.Warn("snap interrupted: the formula below is as retrained so far")
	}
	// Exact digits (eval --expr reads the formula back bit for bit), with
	// π and e by name.
	formula := expr.FormatDigits(s.Tree, d.m.Features, 0)
	pred := make([]float64, d.rows)
	nf := d.tab.Cols()
	for r := range pred {
		pred[r] = s.Tree.EvalAt(d.x[r*nf : (r+1)*nf])
	}
	r2Data := snap.R2(pred, d.tab.Y)
	r2Net := snap.R2(pred, d.m.Predict(d.x, d.rows))
	if c.JSON {
		return json.NewEncoder(g.Stdout).Encode(map[string]any{"formula": formula, "r2_data": jsonNum(r2Data), "r2_network": jsonNum(r2Net),
			"edges": s.Net.Edges()})
	}
	_, err = fmt.Fprintf(g.Stdout, "%s\nR² vs data %.8g, vs network %.8g\n", formula, r2Data, r2Net)
	return err
}
