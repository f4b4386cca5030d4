package bench

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"time"

	"github.com/ansatz/ansatz/symreg/expr"
)

// EvalConfig is the expression-evaluation benchmark, after Operon's
// protocol: Trees random trees of 1..MaxSize nodes over Cols input
// columns, each evaluated on Rows rows in float32 by one thread. The
// metric is node·rows per second: Σ tree sizes × Rows / seconds. Zero
// fields take the protocol's values.
type EvalConfig struct {
	Trees   int           // 1000
	MaxSize int           // 64
	Rows    int           // 12 800
	Cols    int           // 10
	Float64 bool          // evaluate in float64 instead of float32
	Seed    uint64        // tree and data seed (default 1)
	Target  time.Duration // minimum time per measurement (default 1 s)
	ISAs    []string      // implementations to compare (default: all available)
	Cases   []string      // "arith" (+ − × ÷, the default) and/or "transcendental" (also exp log sin cos sqrt tanh)
	Ops     []expr.Op     // if set, one more case, "ops", of these operators (a search's own mix)
	Rounds  int           // interleaved rounds over the ISAs; the best rate of each counts (default 3)
	Block   int           // rows per evaluation block (default expr.BlockRows)
}

// EvalCases are the operator mixes of the evaluation benchmark.
var EvalCases = map[string][]expr.Op{
	"arith": {expr.OpAdd, expr.OpSub, expr.OpMul, expr.OpDiv},
	"transcendental": {expr.OpAdd, expr.OpSub, expr.OpMul, expr.OpDiv,
		expr.OpExp, expr.OpLog, expr.OpSin, expr.OpCos, expr.OpSqrt, expr.OpTanh},
}

func (c *EvalConfig) defaults() {
	if c.Trees <= 0 {
		c.Trees = 1000
	}
	if c.MaxSize <= 0 {
		c.MaxSize = 64
	}
	if c.Rows <= 0 {
		c.Rows = 12800
	}
	if c.Cols <= 0 {
		c.Cols = 10
	}
	if c.Seed == 0 {
		c.Seed = 1
	}
	if c.Target <= 0 {
		c.Target = time.Second
	}
	if len(c.ISAs) == 0 {
		c.ISAs = ISAs()
	}
	if len(c.Cases) == 0 && c.Ops == nil {
		c.Cases = []string{"arith"}
	}
	if c.Rounds <= 0 {
		c.Rounds = 3
	}
}

// EvalWorkload is one prepared case: compiled programs and input columns.
type EvalWorkload struct {
	Programs []*expr.Program
	Nodes    int // Σ program sizes
	Rows     int
	cols32   [][]float32
	cols64   [][]float64
	out32    []float32
	out64    []float64
	ev       *expr.Evaluator
}

// NewEvalWorkload draws the trees and data of one case. The same seed
// gives the same trees and data on every machine.
func NewEvalWorkload(cfg EvalConfig, ops []expr.Op) *EvalWorkload {
	cfg.defaults()
	rng := rand.New(rand.NewPCG(cfg.Seed, 0xE7A1))
	w := &EvalWorkload{Rows: cfg.Rows, ev: &expr.Evaluator{Block: cfg.Block}}
	for range cfg.Trees {
		t := expr.RandomTree(rng, 1+rng.IntN(cfg.MaxSize), cfg.Cols, ops, 0.25)
		p := expr.Compile(t)
		w.Programs = append(w.Programs, p)
		w.Nodes += p.Size()
	}
	// Inputs in [-2, 2]: both signs reach every operator; NaNs from log or
	// sqrt of negatives cost the same as numbers on these units.
	for range cfg.Cols {
		c32 := make([]float32, cfg.Rows)
		c64 := make([]float64, cfg.Rows)
		for i := range c32 {
			v := float32(rng.Float64()*4 - 2)
			c32[i], c64[i] = v, float64(v)
		}
		w.cols32 = append(w.cols32, c32)
		w.cols64 = append(w.cols64, c64)
	}
	w.out32 = make([]float32, cfg.Rows)
	w.out64 = make([]float64, cfg.Rows)
	return w
}

// Run evaluates every program once on all rows.
func (w *EvalWorkload) Run(f64 bool) {
	for _, p := range w.Programs {
		if f64 {
			w.ev.Eval64(p, w.cols64, w.out64)
		} else {
			w.ev.Eval32(p, w.cols32, w.out32)
		}
	}
}

// NodeRows is the work of one Run: Σ sizes × rows.
func (w *EvalWorkload) NodeRows() float64 { return float64(w.Nodes) * float64(w.Rows) }

// EvalThroughput measures every case under every ISA in one run and
// returns node-rows/s lines plus, per case, the speed-up of each ISA over
// generic (metric "speedup", impl "avx2/generic"). The ISAs take turns for
// Rounds rounds of Target/Rounds each and each keeps its best rate, so a
// burst of load from other processes does not skew the ratio. The caller
// should run it on one locked OS thread (EvalThroughput locks it) so that
// the CPU-time rate reported beside the wall-clock one is this thread's.
func EvalThroughput(cfg EvalConfig) ([]Line, error) {
	cfg.defaults()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	prec := "f32"
	if cfg.Float64 {
		prec = "f64"
	}
	var lines []Line
	names := cfg.Cases
	if cfg.Ops != nil {
		names = append(names[:len(names):len(names)], "ops")
	}
	for _, name := range names {
		ops, ok := EvalCases[name]
		if name == "ops" && cfg.Ops != nil {
			ops, ok = cfg.Ops, true
		}
		if !ok {
			return nil, fmt.Errorf("bench eval: unknown case %q (arith, transcendental)", name)
		}
		w := NewEvalWorkload(cfg, ops)
		caseName := fmt.Sprintf("%s %s %d trees ≤%d nodes %d rows", name, prec, cfg.Trees, cfg.MaxSize, cfg.Rows)
		rates := map[string]float64{}
		best := map[string]Line{}
		for round := 0; round < cfg.Rounds; round++ {
			err := ForEachISA(cfg.ISAs, func(isa string) error {
				var cpu time.Duration // thread CPU time of the last timed call
				r := Time(cfg.Target/time.Duration(cfg.Rounds), func(n int) {
					c0 := threadCPU()
					for range n {
						w.Run(cfg.Float64)
					}
					cpu = threadCPU() - c0
				})
				rate := r.Rate(w.NodeRows())
				if rate <= rates[isa] {
					return nil
				}
				rates[isa] = rate
				extra := map[string]any{"nodes": w.Nodes, "seconds_per_pass": r.NsPerOp() / 1e9}
				if cpu > 0 {
					// The same work per second of this thread's CPU time:
					// close to the wall-clock rate on an idle machine.
					extra["cpu_node_rows_per_s"] = w.NodeRows() * float64(r.N) / cpu.Seconds()
				}
				for _, fam := range []string{"elementwise", "math"} {
					if impl := Impl(fam); impl != isa {
						extra["kernels"] = impl // e.g. "neon (pow64: generic)"
						break
					}
				}
				best[isa] = Line{Bench: "eval", Case: caseName, Impl: isa,
					Metric: "node-rows/s", Value: rate, Extra: extra}
				return nil
			})
			if err != nil {
				return nil, err
			}
		}
		for _, isa := range cfg.ISAs {
			lines = append(lines, best[isa])
		}
		if g, ok := rates["generic"]; ok && g > 0 {
			for _, isa := range cfg.ISAs {
				if isa != "generic" && rates[isa] > 0 {
					l := Line{Bench: "eval", Case: caseName, Impl: isa + "/generic",
						Metric: "speedup", Value: rates[isa] / g}
					a, ok1 := best[isa].Extra["cpu_node_rows_per_s"].(float64)
					b, ok2 := best["generic"].Extra["cpu_node_rows_per_s"].(float64)
					if ok1 && ok2 && b > 0 {
						l.Extra = map[string]any{"cpu_speedup": a / b}
					}
					lines = append(lines, l)
				}
			}
		}
	}
	return lines, nil
}
