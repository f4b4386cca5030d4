package bench

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/ansatz/ansatz/kernels"
	"github.com/ansatz/ansatz/symreg"
	"github.com/ansatz/ansatz/symreg/expr"
)

// SearchConfig is the search benchmark: time to exact recovery (relative
// RMS error ≤ ExactRelErr, the search stopping at its exact fit) on fixed
// problems, each with Seeds seeds (data and search), and the evaluation
// rate the search reached meanwhile.
type SearchConfig struct {
	Cases   []string      // case names (default: all of SearchCases)
	Seeds   int           // runs per case, seeds 1..Seeds (default 5)
	Threads int           // search threads (default 2)
	Time    time.Duration // limit per run; an unsolved run counts this long (default 60 s)
	Table   string        // the AI Feynman equation table the Feynman cases sample from
	Options symreg.Options
	Log     io.Writer // one line per run (nil: silent)
}

// ExactRelErr is the relative RMS error below which a recovery counts as
// exact.
const ExactRelErr = 1e-10

// A searchCase draws its table for a seed.
type searchCase struct {
	name string
	data func(cfg *SearchConfig, seed uint64) (*symreg.Data, error)
}

// SearchCases are the problems in order: Operon's example, the bundled
// pendulum without noise, and three Feynman equations (an easy product,
// a Gaussian, a ratio of powers).
var SearchCases = []string{"x1*x2/x3+sin(x4) 1000 rows", "pendulum 300 rows", "I.12.11 1000 rows", "I.6.2a 1000 rows", "II.6.15b 1000 rows"}

// IsSearchCase reports whether name is one of SearchCases.
func IsSearchCase(name string) bool { return slices.Contains(SearchCases, name) }

func searchCaseOf(name string) (searchCase, bool) {
	switch name {
	case SearchCases[0]:
		return searchCase{name, operonData}, true
	case SearchCases[1]:
		return searchCase{name, pendulumData}, true
	}
	for _, n := range SearchCases[2:] {
		if n == name {
			eq := name[:len(name)-len(" 1000 rows")]
			return searchCase{name, func(cfg *SearchConfig, seed uint64) (*symreg.Data, error) {
				return feynmanData(cfg.Table, eq, 1000, seed)
			}}, true
		}
	}
	return searchCase{}, false
}

// uniformCols draws n rows of len(lo) columns, column k uniform in
// [lo[k], hi[k]].
func uniformCols(rng *rand.Rand, n int, lo, hi []float64) [][]float64 {
	x := make([][]float64, len(lo))
	for k := range x {
		x[k] = make([]float64, n)
	}
	for i := 0; i < n; i++ {
		for k := range x {
			x[k][i] = lo[k] + (hi[k]-lo[k])*rng.Float64()
		}
	}
	return x
}

// operonData is Operon's README example: y = x1·x2/x3 + sin(x4), 1000 rows,
// x uniform in [1, 3].
func operonData(_ *SearchConfig, seed uint64) (*symreg.Data, error) {
	rng := rand.New(rand.NewPCG(seed, 0x0e0))
	x := uniformCols(rng, 1000, []float64{1, 1, 1, 1}, []float64{3, 3, 3, 3})
	y := make([]float64, 1000)
	for i := range y {
		y[i] = x[0][i]*x[1][i]/x[2][i] + math.Sin(x[3][i])
	}
	return &symreg.Data{X: x, Y: y, Names: []string{"x1", "x2", "x3", "x4"}}, nil
}

// pendulumData is testdata/examples/pendulum.csv's problem without its
// noise: T = 2π·sqrt(L/g), the bob's mass a distractor.
func pendulumData(_ *SearchConfig, seed uint64) (*symreg.Data, error) {
	rng := rand.New(rand.NewPCG(seed, 0x9e0))
	x := uniformCols(rng, 300, []float64{0.1, 0.05, 1.62}, []float64{5, 2, 24.8})
	y := make([]float64, 300)
	for i := range y {
		y[i] = 2 * math.Pi * math.Sqrt(x[0][i]/x[2][i])
	}
	return &symreg.Data{X: x, Y: y, Names: []string{"length_m", "mass_kg", "g_ms2"}}, nil
}

// feynmanData samples equation name of the table at its ranges.
func feynmanData(table, name string, n int, seed uint64) (*symreg.Data, error) {
	eqs, err := selectEquations(table, []string{name})
	if err != nil {
		return nil, err
	}
	truth, names, err := truthOf(eqs[0])
	if err != nil {
		return nil, err
	}
	x, y := sampleEq(eqs[0], truth, n, rand.New(rand.NewPCG(seed, 0xfe1)))
	return &symreg.Data{X: x, Y: y, Names: names}, nil
}

// searchRun is one search of one case.
type searchRun struct {
	seconds, cpu float64 // wall and process CPU time (cpu < 0: unknown)
	solved       bool
	evals        int64
	nodeRows     int64
	formula      string
}

func runSearchCase(ctx context.Context, cfg *SearchConfig, c searchCase, seed uint64) (searchRun, error) {
	d, err := c.data(cfg, seed)
	if err != nil {
		return searchRun{}, err
	}
	o := cfg.Options
	o.Threads, o.Seed, o.Time, o.StopExact = cfg.Threads, seed, cfg.Time, true
	if o.Populations == 0 {
		o.Populations = symreg.DefaultPopulations(cfg.Threads)
	}
	cpu0 := processCPU()
	start := time.Now()
	res, err := symreg.Search(ctx, d, o, nil)
	r := searchRun{seconds: time.Since(start).Seconds(), cpu: -1}
	if c1 := processCPU(); cpu0 >= 0 && c1 >= 0 {
		r.cpu = (c1 - cpu0).Seconds()
	}
	if err != nil {
		return r, err
	}
	r.evals, r.nodeRows = res.Evals, res.NodeRows
	var ms float64
	for _, v := range d.Y {
		ms += v * v
	}
	ms /= float64(len(d.Y))
	best := res.Front[len(res.Front)-1]
	r.formula = expr.Format(best.Tree, d.Names)
	r.solved = res.StopReason == symreg.StopExactFit && math.Sqrt(best.Loss/ms) <= ExactRelErr
	if !r.solved {
		r.seconds = max(r.seconds, cfg.Time.Seconds())
	}
	return r, nil
}

func (c *SearchConfig) defaults() {
	if len(c.Cases) == 0 {
		c.Cases = SearchCases
	}
	if c.Seeds <= 0 {
		c.Seeds = 5
	}
	if c.Threads <= 0 {
		c.Threads = 2
	}
	if c.Time <= 0 {
		c.Time = time.Minute
	}
}

// RunSearch runs every case with every seed and writes, per case, the
// median seconds to exact recovery (unsolved runs count as the time
// limit), the runs solved, and the evaluations and node·rows per second
// of wall-clock time the searches reached (node·rows: Σ tree size × rows
// over every evaluation, constant fitting's included; also per thread and
// per second of process CPU time, which a loaded machine does not skew).
// ref, if measured, is `bench eval`'s float32 figures on this machine
// (EvalRef): the node·rows/s line then says what fraction of each every
// search thread reached, by wall-clock and by CPU time.
func RunSearch(ctx context.Context, cfg SearchConfig, ref EvalRate, w *Writer) error {
	cfg.defaults()
	impl := kernels.Current()
	for _, name := range cfg.Cases {
		c, ok := searchCaseOf(name)
		if !ok {
			return fmt.Errorf("bench search: unknown case %q", name)
		}
		var runs []searchRun
		for seed := uint64(1); seed <= uint64(cfg.Seeds); seed++ {
			r, err := runSearchCase(ctx, &cfg, c, seed)
			if err != nil {
				return fmt.Errorf("bench search %s seed %d: %w", name, seed, err)
			}
			if cfg.Log != nil {
				fmt.Fprintf(cfg.Log, "%s seed %d: %.2f s (cpu %.2f s), solved %v, %s\n", name, seed, r.seconds, r.cpu, r.solved, r.formula)
			}
			runs = append(runs, r)
			if ctx.Err() != nil {
				break
			}
		}
		for _, l := range searchLines(name, impl, cfg.Threads, runs, ref) {
			if err := w.Write(l); err != nil {
				return err
			}
		}
		if ctx.Err() != nil {
			return nil
		}
	}
	return nil
}

// searchLines summarises the runs of one case.
func searchLines(name, impl string, threads int, runs []searchRun, ref EvalRate) []Line {
	var secs, cpus []float64
	var solved int
	var wall, cpu float64
	var evals, nodeRows int64
	for _, r := range runs {
		secs = append(secs, r.seconds)
		cpus = append(cpus, r.cpu)
		wall += r.seconds
		cpu += r.cpu
		evals += r.evals
		nodeRows += r.nodeRows
		if r.solved {
			solved++
		}
	}
	base := map[string]any{"threads": threads, "seeds": len(runs)}
	with := func(kv ...any) map[string]any {
		m := map[string]any{}
		for k, v := range base {
			m[k] = v
		}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
	lines := []Line{
		{Bench: "search", Case: name, Impl: impl, Metric: "seconds", Value: median(secs),
			Extra: with("runs", secs, "cpu_seconds", cpus, "cpu_median", median(cpus), "solved", solved)},
		{Bench: "search", Case: name, Impl: impl, Metric: "solved", Value: float64(solved), Extra: with()},
		{Bench: "search", Case: name, Impl: impl, Metric: "evals/s", Value: float64(evals) / wall, Extra: with()},
	}
	nr := with("per_thread", float64(nodeRows)/wall/float64(threads))
	if cpu > 0 {
		nr["cpu_node_rows_per_s"] = float64(nodeRows) / cpu
	}
	if ref.Wall > 0 {
		nr["eval_f32_ref"] = ref.Wall
		nr["per_thread_of_ref"] = float64(nodeRows) / wall / float64(threads) / ref.Wall
	}
	if ref.CPU > 0 && cpu > 0 {
		nr["eval_f32_cpu_ref"] = ref.CPU
		nr["cpu_of_ref"] = float64(nodeRows) / cpu / ref.CPU
	}
	if ref.OpsWall > 0 {
		nr["eval_f32_ops_ref"] = ref.OpsWall
		nr["per_thread_of_ops_ref"] = float64(nodeRows) / wall / float64(threads) / ref.OpsWall
	}
	if ref.OpsCPU > 0 && cpu > 0 {
		nr["eval_f32_ops_cpu_ref"] = ref.OpsCPU
		nr["cpu_of_ops_ref"] = float64(nodeRows) / cpu / ref.OpsCPU
	}
	lines = append(lines, Line{Bench: "search", Case: name, Impl: impl, Metric: "node-rows/s", Value: float64(nodeRows) / wall, Extra: nr})
	return lines
}

// median of xs (NaN if empty).
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// EvalRate is `bench eval`'s float32 figures on this machine, one thread,
// the ISA in force, in node·rows per second of wall-clock time and per
// second of the thread's CPU time (0: not measured): Wall and CPU on
// arithmetic trees (the reference), OpsWall and OpsCPU on trees of
// the search's own operators (transcendental ones cost tens of times an
// addition, so this is the rate a search could reach if all its work were
// float32 evaluation).
type EvalRate struct{ Wall, CPU, OpsWall, OpsCPU float64 }

// EvalRef measures EvalRate for target per case, ops being the search's
// operators (nil: arithmetic only), so the search benchmark compares its
// own rate with the evaluator's in the same run.
func EvalRef(target time.Duration, ops []expr.Op) (EvalRate, error) {
	lines, err := EvalThroughput(EvalConfig{Target: target, ISAs: []string{kernels.Current()}, Rounds: 1,
		Cases: []string{"arith"}, Ops: ops})
	if err != nil || len(lines) == 0 {
		return EvalRate{}, err
	}
	var r EvalRate
	r.Wall = lines[0].Value
	r.CPU, _ = lines[0].Extra["cpu_node_rows_per_s"].(float64)
	if ops != nil && len(lines) > 1 {
		r.OpsWall = lines[1].Value
		r.OpsCPU, _ = lines[1].Extra["cpu_node_rows_per_s"].(float64)
	}
	return r, nil
}
