package main

// BenchCmd groups the benchmark suites; each prints a table, or one JSON
// object per line with --json:
// {"bench":"gemm","case":"f32 256x256x256","impl":"avx2","metric":"GFLOP/s","value":123.4}
//
// The subcommand types live in files owned by each suite's author:
// bench_kernels.go, bench_eval.go, bench_feynman.go, bench_kan.go,
// bench_search.go, bench_soak.go.
type BenchCmd struct {
	Kernels BenchKernelsCmd `cmd:"" help:"Kernel throughput: GEMM, element-wise, basis, reductions; asm vs generic vs gonum."`
	Eval    BenchEvalCmd    `cmd:"" help:"Expression evaluation throughput (node·rows/s), Operon's protocol."`
	Feynman BenchFeynmanCmd `cmd:"" help:"Feynman equation recovery."`
	Kan     BenchKanCmd     `cmd:"" help:"KAN and MLP training throughput (rows/s)."`
	Search  BenchSearchCmd  `cmd:"" help:"Search speed: time to exact recovery on fixed problems, evaluations and node·rows per second inside the search."`
	Soak    BenchSoakCmd    `cmd:"" help:"Random verbs on random valid and corrupted tables for a while: counts runs and crashes."`
}
