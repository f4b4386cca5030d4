package main

import (
	"encoding/json"
	"fmt"

	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/model/kan"
	"github.com/ansatz/ansatz/table"
)

// AttributeCmd is `ansatz attribute MODEL data.csv`: rank the model's
// inputs by gradient saliency (the knot paper's method), permutation
// importance or, for KANs, pykan's feature scores, over the rows of the
// table (or, with --rows test, over the held-out rows of the model's own
// split). With --repeats R the model is
// also retrained R-1 times from the table with the next seeds (using the
// training configuration stored in the model file), and each feature's
// score is the mean over the R models with its standard deviation as the
// spread.
type AttributeCmd struct {
	ModelFile string `arg:"" name:"model" help:"Model file written by ansatz train."`
	Data      string `arg:"" help:"Table with the model's input columns and its target."`
	table.Flags
	Method   string `help:"saliency (mean |∂loss/∂x| on standardised inputs, normalised), permutation (drop in accuracy/R² when a column is shuffled) or pykan (KAN models only: pykan's feature scores from edge activations)." enum:"saliency,permutation,pykan" default:"saliency"`
	Repeats  int    `help:"Models to average over: the given one plus R-1 retrained with seeds seed+1, seed+2, ..." default:"1"`
	Shuffles int    `help:"Permutation importance: shuffles per feature." default:"3"`
	Rows     string `help:"Rows to attribute over: all rows of the table, or test (the held-out rows of the model's own split; the table must be the one it was trained on)." enum:"all,test" default:"all"`
	JSON     bool   `help:"Print {\"ranking\":[{\"feature\":…,\"score\":…,\"spread\":…},…]} best first."`
}

// Run implements the verb.
func (c *AttributeCmd) Run(g *Globals) error {
	if c.Repeats < 1 {
		return inputerr.New("--repeats must be at least 1, not %d", c.Repeats)
	}
	if c.Shuffles < 1 {
		return inputerr.New("--shuffles must be at least 1, not %d", c.Shuffles)
	}
	m, err := model.Load(c.ModelFile)
	if err != nil {
		return err
	}
	if c.Target == "" {
		c.Target = m.Target
	}
	tab, err := c.Flags.LoadForPredict(c.Data, m.Features)
	if err != nil {
		return err
	}
	if tab.Y == nil {
		return inputerr.At(c.Data, 0, 0, "no target column %q: attribution needs the true values", c.Target)
	}
	var spec model.TrainConfig
	if c.Repeats > 1 || c.Rows == "test" {
		if spec, err = specOf(m, c.ModelFile); err != nil {
			return err
		}
	}
	var runs [][]float64
	used := 0 // rows attributed over (per model)
	for r := 0; r < c.Repeats; r++ {
		if r > 0 {
			s := spec
			s.Seed = spec.Seed + uint64(r)
			g.Log.Info("retraining", "repeat", r+1, "of", c.Repeats, "seed", s.Seed)
			res, err := train(s, tab)
			if err != nil {
				return err
			}
			m = res.Model
		}
		d, err := m.Encode(tab.RowMajor64(), tab.Y, tab.Rows)
		if err != nil {
			return inputerr.At(c.Data, 0, 0, "%v", err)
		}
		if c.Rows == "test" {
			split, err := model.SplitRows(tab.Rows, spec.TestFrac, spec.ValFrac, spec.Seed+uint64(r))
			if err != nil {
				return err
			}
			if len(split.Test) == 0 {
				return inputerr.New("--rows test: the model was trained without test rows (--test 0)")
			}
			d = d.Rows(split.Test)
		}
		used = d.N
		switch c.Method {
		case "permutation":
			runs = append(runs, model.Permutation(m, d, c.Shuffles, g.Seed+uint64(r)))
		case "pykan":
			k, ok := m.Net.(*kan.Net)
			if !ok {
				return inputerr.New("--method pykan needs a KAN model; %s holds a %s", c.ModelFile, m.Net.Kind())
			}
			runs = append(runs, k.Attribute(d.X, d.N).Features())
		default:
			runs = append(runs, model.Saliency(m, d))
		}
	}
	rank := model.Rank(m.Features, runs)
	if c.JSON {
		return json.NewEncoder(g.Stdout).Encode(map[string]any{
			"method": c.Method, "repeats": c.Repeats, "rows": c.Rows, "n": used, "ranking": rank})
	}
	wide := len("feature")
	for _, r := range rank {
		wide = max(wide, len(r.Feature))
	}
	fmt.Fprintf(g.Stdout, "%-4s %-*s %10s %10s\n", "rank", wide, "feature", "score", "spread")
	for i, r := range rank {
		fmt.Fprintf(g.Stdout, "%-4d %-*s %10.4f %10.4f\n", i+1, wide, r.Feature, r.Score, r.Spread)
	}
	return nil
}
