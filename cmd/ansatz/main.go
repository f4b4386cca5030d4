// Command ansatz turns a table of measurements into a law a person can read:
// it fits Kolmogorov–Arnold networks and MLPs, attributes which inputs
// matter, and searches for closed-form formulas. This file only wires the
// verbs together; each verb lives in a file of its own and is a thin layer
// over the packages that do the work.
package main

import (
	"os"
)

// CLI lists every verb. Global flags live in Globals (globals.go).
type CLI struct {
	Globals

	Search    SearchCmd    `cmd:"" help:"Search for closed-form formulas y = f(X) (symbolic regression)."`
	Eval      EvalCmd      `cmd:"" help:"Score a given formula on a table, optionally fitting its constants."`
	Train     TrainCmd     `cmd:"" help:"Train a KAN or MLP on a table."`
	Predict   PredictCmd   `cmd:"" help:"Predict with a trained model."`
	Attribute AttributeCmd `cmd:"" help:"Rank inputs by how much a trained model relies on them."`
	Prune     PruneCmd     `cmd:"" help:"Prune a KAN's weak nodes and edges."`
	Refine    RefineCmd    `cmd:"" help:"Extend a KAN's grid to a finer one and retrain."`
	Snap      SnapCmd      `cmd:"" help:"Snap a KAN's edges to symbolic functions and print the formula."`
	Discover  DiscoverCmd  `cmd:"" help:"Whole workflow on a table: signal, attribution, focus, law; writes a report."`
	Batch     BatchCmd     `cmd:"" help:"Run the discover or search jobs of a manifest, a few at a time, one result line each."`
	Bench     BenchCmd     `cmd:"" help:"Benchmarks: kernels, eval, feynman, kan."`
	Info      InfoCmd      `cmd:"" help:"Print the build, the CPU and the kernel implementations in use."`
	Version   VersionCmd   `cmd:"" help:"Print the version."`
}

func main() {
	os.Exit(launch(os.Args[1:]))
}
