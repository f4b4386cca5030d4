package main

import "errors"

// BenchCmd groups the benchmark suites; each prints a table, or one JSON
// object per line with --json:
// {"bench":"gemm","case":"f32 256x256x256","impl":"avx2","metric":"GFLOP/s","value":123.4}
type BenchCmd struct {
	Kernels BenchKernelsCmd `cmd:"" help:"Kernel throughput: GEMM, element-wise, basis, reductions; asm vs generic vs gonum."`
	Eval    BenchEvalCmd    `cmd:"" help:"Expression evaluation throughput (node·rows/s), Operon's protocol."`
	Feynman BenchFeynmanCmd `cmd:"" help:"Feynman equation recovery."`
	Kan     BenchKanCmd     `cmd:"" help:"KAN and MLP training throughput (rows/s)."`
}

type BenchKernelsCmd struct{}

func (c *BenchKernelsCmd) Run(g *Globals) error {
	return errors.New("bench kernels: not implemented yet")
}

type BenchEvalCmd struct{}

func (c *BenchEvalCmd) Run(g *Globals) error { return errors.New("bench eval: not implemented yet") }

type BenchFeynmanCmd struct{}

func (c *BenchFeynmanCmd) Run(g *Globals) error {
	return errors.New("bench feynman: not implemented yet")
}

type BenchKanCmd struct{}

func (c *BenchKanCmd) Run(g *Globals) error { return errors.New("bench kan: not implemented yet") }
