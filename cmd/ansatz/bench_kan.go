package main

import (
	"time"

	"github.com/ansatz/ansatz/bench"
	"github.com/ansatz/ansatz/internal/inputerr"
)

// BenchKanCmd is `ansatz bench kan`: KAN forward and forward+backward
// rows/s (4,16,16,1, G=10, k=3, 100 000 rows) on a fresh and on an
// adapted grid, training that network on 10 000 rows as a user does
// (default settings, adaptive grid), a 2,5,1 L-BFGS fit time,
// and the MLP 17,300,300,300,13 forward+backward rows/s, under every
// available ISA in one run, with speedup ratios.
type BenchKanCmd struct {
	Rows    int  `help:"Rows per KAN forward call." default:"100000"`
	Float64 bool `name:"float64" help:"Compute in float64 instead of float32."`
	Quick   bool `help:"Short measurements (0.2 s instead of 1 s)."`
	Rounds  int  `help:"Alternating sweeps over the ISAs; each KAN case reports its best (fair ratios on a loaded machine)." default:"3"`
	NoMLP   bool `name:"no-mlp" help:"Skip the MLP case."`
	JSON    bool `help:"Print JSON lines instead of a table."`
	// Accuracy switches to the accuracy suite (bench_kan_accuracy.go).
	Accuracy bool `help:"Instead of speed: train a KAN with default flags on each KAN-paper toy function (1000 rows) and print its held-out RMSE on 2000 fresh rows."`
	KANAccuracyFlags
}

// Run implements the suite.
func (c *BenchKanCmd) Run(g *Globals) error {
	if c.Accuracy {
		return c.KANAccuracyFlags.run(g, c.JSON)
	}
	if c.Rows < 1 || c.Rounds < 1 {
		return inputerr.New("--rows and --rounds must be at least 1")
	}
	target := time.Second
	if c.Quick {
		target = 200 * time.Millisecond
	}
	w := bench.NewWriter(g.Stdout, c.JSON)
	lines, err := bench.KANThroughput(bench.KANConfig{Rows: c.Rows, Float64: c.Float64, Target: target, Rounds: c.Rounds})
	if err != nil {
		return err
	}
	if !c.NoMLP {
		ml, err := bench.MLPThroughput(bench.MLPConfig{Float64: c.Float64, Target: target})
		if err != nil {
			return err
		}
		lines = append(lines, ml...)
	}
	for _, l := range lines {
		if err := w.Write(l); err != nil {
			return err
		}
	}
	return w.Flush()
}
