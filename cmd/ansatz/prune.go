package main

import (
	"encoding/json"
	"fmt"

	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/model/kan"
	"github.com/ansatz/ansatz/table"
)

// PruneCmd is `ansatz prune MODEL data.csv --out MODEL2`: remove KAN
// hidden nodes and edges whose pykan attribution score on the data is
// below the thresholds.
type PruneCmd struct {
	ModelFile     string  `arg:"" name:"model" help:"KAN model file (from ansatz train --model kan)."`
	Data          string  `arg:"" help:"Table whose rows drive the attribution scores."`
	Threshold     float64 `help:"Node score threshold (pykan's node_th)." default:"0.01"`
	EdgeThreshold float64 `name:"edge-threshold" help:"Edge score threshold (pykan's edge_th)." default:"0.03"`
	Out           string  `help:"Pruned model file to write (atomically)." required:""`
	JSON          bool    `help:"Print the result as JSON."`
	table.Flags
}

// kanData is a KAN model with a table of its inputs (and target when the
// table has the model's target column).
type kanData struct {
	m    *model.Model
	net  *kan.Net
	tab  *table.Table
	x    []float64 // raw inputs, row-major
	z    []float64 // standardised inputs, as the network sees them
	rows int
}

// loadKAN reads a KAN model and a table of its features; with needY the
// table must also hold the model's target column.
func loadKAN(path, data string, flags table.Flags, needY bool) (*kanData, error) {
	m, err := model.Load(path)
	if err != nil {
		return nil, err
	}
	net, ok := m.Net.(*kan.Net)
	if !ok {
		return nil, inputerr.At(path, 0, 0, "is a %s model; this verb needs a KAN", m.Net.Kind())
	}
	if flags.Target == "" && needY {
		flags.Target = m.Target
	}
	tab, err := flags.LoadForPredict(data, m.Features)
	if err != nil {
		return nil, err
	}
	if needY && tab.Y == nil {
		return nil, inputerr.At(data, 0, 0, "has no target column %q", flags.Target)
	}
	if tab.Rows < 2 {
		return nil, inputerr.At(data, 0, 0, "needs at least 2 rows")
	}
	x := tab.RowMajor64()
	return &kanData{m: m, net: net, tab: tab, x: x, z: m.Standardize(x, tab.Rows), rows: tab.Rows}, nil
}

// withNet returns a copy of the model around another network.
func withNet(m *model.Model, net model.Network) *model.Model {
	c := *m
	c.Net = net
	return &c
}

// Run implements the verb.
func (c *PruneCmd) Run(g *Globals) error {
	if !(c.Threshold >= 0) || !(c.EdgeThreshold >= 0) {
		return inputerr.New("--threshold and --edge-threshold must be >= 0")
	}
	if err := checkOut("--out", c.Out); err != nil {
		return err
	}
	d, err := loadKAN(c.ModelFile, c.Data, c.Flags, false)
	if err != nil {
		return err
	}
	p, nodes, edges, err := d.net.Prune(d.z, d.rows, c.Threshold, c.EdgeThreshold)
	if err != nil {
		return err
	}
	if err := withNet(d.m, p).Save(c.Out); err != nil {
		return err
	}
	before, after := kan.FormatWidth(d.net.Width()), kan.FormatWidth(p.Width())
	if c.JSON {
		return json.NewEncoder(g.Stdout).Encode(map[string]any{"out": c.Out, "width_before": before,
			"width_after": after, "nodes_removed": nodes, "edges_removed": edges})
	}
	_, err = fmt.Fprintf(g.Stdout, "pruned %s -> %s: %d nodes and %d edges removed; wrote %s\n", before, after, nodes, edges, c.Out)
	return err
}
