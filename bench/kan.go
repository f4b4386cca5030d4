package bench

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/model/kan"
)

// KANConfig describes the KAN cases of `ansatz bench kan`.
// Zero values take the defaults noted.
type KANConfig struct {
	Width   string // throughput network (default "4,16,16,1")
	Grid    int    // G (default 10)
	K       int    // spline order (default 3)
	Rows    int    // rows per forward call (default 100000)
	FitRows int    // rows of the L-BFGS fit case (default 1000)
	Steps   int    // L-BFGS steps of the fit case (default 50)
	// TrainRows is the table of the training case (default 10000): the
	// throughput network trained by model.Train with default settings,
	// so its grids adapt to the data as a user's do. 0 steps of
	// TrainSteps means the default number of steps.
	TrainRows  int
	TrainSteps int
	Float64    bool          // compute in float64
	Target     time.Duration // minimum time per measurement (default 1s)
	ISAs       []string      // implementations (default ISAs(), best first)
	// Rounds repeats the ISA sweep and keeps each case's best rate
	// (default 3): on a shared machine the load changes between
	// measurements, and alternating rounds keep the ratios fair.
	Rounds int
}

func (c *KANConfig) defaults() {
	orDefault(&c.Width, "4,16,16,1")
	orDefault(&c.Grid, 10)
	orDefault(&c.K, 3)
	orDefault(&c.Rows, 100000)
	orDefault(&c.FitRows, 1000)
	orDefault(&c.Steps, 50)
	orDefault(&c.TrainRows, 10000)
	orDefault(&c.Target, time.Second)
	orDefault(&c.Rounds, 3)
	if c.ISAs == nil {
		c.ISAs = ISAs()
	}
}

// KANThroughput measures, under each ISA in one run: rows/s of the
// forward pass and of forward+backward (all parameter gradients) of a KAN
// on Rows rows, on a fresh (uniform) grid and on grids adapted to the
// data (the general-knot basis every pass runs after a grid update);
// row-steps/s of training that network on TrainRows rows as a user does
// (model.Train, default settings: L-BFGS with grid updates); and the
// seconds an L-BFGS fit of a 2,5,1 KAN (G=5) to (x+y)/(1+xy) takes; each
// the best of Rounds alternating sweeps; then speedup lines (ISA/generic).
// The implementation named is that of the basis family, which holds the
// fused layer kernels.
func KANThroughput(cfg KANConfig) ([]Line, error) {
	cfg.defaults()
	w, err := kan.ParseWidth(cfg.Width)
	if err != nil {
		return nil, err
	}
	kc := kan.DefaultConfig(w)
	kc.Grid, kc.K, kc.Float64, kc.Seed = cfg.Grid, cfg.K, cfg.Float64, 1
	fresh, err := kan.New(kc)
	if err != nil {
		return nil, err
	}
	adapted, _ := kan.New(kc)
	rng := rand.New(rand.NewPCG(1, 3))
	n := cfg.Rows
	x := make([]float64, n*fresh.NumIn())
	for i := range x {
		x[i] = 2*rng.Float64() - 1
	}
	adapted.UpdateGrid(x, n)
	out := make([]float64, n*fresh.NumOut())
	dout := make([]float64, len(out))
	for i := range dout {
		dout[i] = rng.NormFloat64() / float64(n)
	}
	prec := precision(cfg.Float64)
	net := fmt.Sprintf("%s %s G=%d k=%d", prec, cfg.Width, cfg.Grid, cfg.K)
	name := fmt.Sprintf("%s %d rows", net, n)
	trainName := fmt.Sprintf("%s %d rows train adaptive-grid", net, cfg.TrainRows)
	fitName := fmt.Sprintf("%s 2,5,1 G=5 lbfgs %d steps %d rows", prec, cfg.Steps, cfg.FitRows)
	var passes []netPass
	for _, g := range []struct {
		what string
		net  *kan.Net
	}{{"fresh-grid", fresh}, {"adaptive-grid", adapted}} {
		for _, p := range netPasses(func() { g.net.Forward(x, n, out) }, func() { g.net.Backward(dout, nil) }) {
			p.what += " " + g.what
			passes = append(passes, p)
		}
	}
	tx, ty := toyRows(cfg.TrainRows, fresh.NumIn())
	fx, fy := relAddRows(cfg.FitRows)
	best := map[string]map[string]Line{} // case -> isa -> best line
	keep := func(isa string, l Line, rate float64) {
		if best[l.Case] == nil {
			best[l.Case] = map[string]Line{}
		}
		if old, ok := best[l.Case][isa]; !ok || rate > old.Extra["rate"].(float64) {
			l.Extra["rate"] = rate
			best[l.Case][isa] = l
		}
	}
	for round := 0; round < cfg.Rounds; round++ {
		err = ForEachISA(cfg.ISAs, func(isa string) error {
			impl := Impl("basis")
			for _, p := range passes {
				rate, cpu := p.rowRate(cfg.Target, n)
				extra := map[string]any{"seconds": float64(n) / rate, "params": len(fresh.Params())}
				if cpu >= 0 {
					extra["cpu_seconds"] = cpu
				}
				keep(isa, Line{Bench: "kan", Case: name + " " + p.what, Impl: impl, Metric: "rows/s", Value: rate, Extra: extra}, rate)
			}
			tr, err := trainToy(kc, tx, ty, cfg.TrainRows, cfg.TrainSteps)
			if err != nil {
				return err
			}
			rate := float64(cfg.TrainRows*tr.steps) / tr.seconds
			extra := map[string]any{"seconds": tr.seconds, "steps": tr.steps, "train_rmse": tr.rmse}
			if tr.cpu >= 0 {
				extra["cpu_seconds"] = tr.cpu
			}
			keep(isa, Line{Bench: "kan", Case: trainName, Impl: impl, Metric: "rows/s", Value: rate, Extra: extra}, rate)
			var rmse float64
			var ferr error
			r := Time(cfg.Target/4, func(k int) {
				for range k {
					rmse, ferr = fitRelAdd(fx, fy, cfg.FitRows, cfg.Steps, cfg.Float64)
				}
			})
			if ferr != nil {
				return ferr
			}
			sec := r.NsPerOp() / 1e9
			keep(isa, Line{Bench: "kan", Case: fitName, Impl: impl, Metric: "s", Value: sec,
				Extra: map[string]any{"train_rmse": rmse}}, 1/sec)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	cases := []string{}
	for _, p := range passes {
		cases = append(cases, name+" "+p.what)
	}
	cases = append(cases, trainName, fitName)
	var lines []Line
	rates := map[string]map[string]float64{}
	for _, c := range cases {
		rates[c] = map[string]float64{}
		for _, isa := range cfg.ISAs {
			l := best[c][isa]
			rates[c][isa] = l.Extra["rate"].(float64)
			delete(l.Extra, "rate")
			lines = append(lines, l)
		}
	}
	return append(lines, speedupLines("kan", cases, cfg.ISAs, rates)...), nil
}

// trained is one timed training run: wall and process CPU seconds (-1
// where unavailable).
type trained struct {
	seconds, cpu, rmse float64
	steps              int
}

// trainToy trains a fresh network of configuration kc on n rows with
// model.Train's defaults (steps: 0 for the default) and times it.
func trainToy(kc kan.Config, x, y []float64, n, steps int) (trained, error) {
	net, err := kan.New(kc)
	if err != nil {
		return trained{}, err
	}
	d := model.Data{X: x, Y: y, N: n, D: net.NumIn()}
	start, c0 := time.Now(), processCPU()
	res, err := model.Train(net, model.Regression, d, model.Data{}, model.TrainConfig{Steps: steps})
	sec, cpu := time.Since(start).Seconds(), (processCPU() - c0).Seconds()
	if err != nil {
		return trained{}, err
	}
	if c0 < 0 {
		cpu = -1
	}
	return trained{seconds: sec, cpu: cpu, steps: max(1, res.Steps), rmse: rmseOf(net, x, y, n)}, nil
}

// toyRows samples the KAN paper's four-input toy law
// exp(½(sin(π(x1²+x2²)) + sin(π(x3²+x4²)))) on [-1,1]^d (d >= 4; further
// inputs are noise columns the law ignores; fewer use the first d terms).
func toyRows(n, d int) ([]float64, []float64) {
	rng := rand.New(rand.NewPCG(5, 6))
	x, y := make([]float64, n*d), make([]float64, n)
	for r := range y {
		row := x[r*d : (r+1)*d]
		for i := range row {
			row[i] = 2*rng.Float64() - 1
		}
		s := 0.0
		for p := 0; p+1 < min(d, 4); p += 2 {
			s += math.Sin(math.Pi * (row[p]*row[p] + row[p+1]*row[p+1]))
		}
		y[r] = math.Exp(s / 2)
	}
	return x, y
}

// rmseOf is the root-mean-square error of net on n rows.
func rmseOf(net *kan.Net, x, y []float64, n int) float64 {
	out := make([]float64, n)
	net.Forward(x, n, out)
	s := 0.0
	for i := range out {
		s += (out[i] - y[i]) * (out[i] - y[i])
	}
	return math.Sqrt(s / float64(n))
}

// relAddRows samples the relativistic velocity addition law on [-0.9,0.9]².
func relAddRows(n int) ([]float64, []float64) {
	rng := rand.New(rand.NewPCG(2, 4))
	x, y := make([]float64, 2*n), make([]float64, n)
	for r := range y {
		a, b := -0.9+1.8*rng.Float64(), -0.9+1.8*rng.Float64()
		x[2*r], x[2*r+1] = a, b
		y[r] = (a + b) / (1 + a*b)
	}
	return x, y
}

// fitRelAdd trains a fresh 2,5,1 KAN (G=5, pykan defaults) by L-BFGS and
// returns its training RMSE.
func fitRelAdd(x, y []float64, n, steps int, f64 bool) (float64, error) {
	w, _ := kan.ParseWidth("2,5,1")
	c := kan.DefaultConfig(w)
	c.Grid, c.Float64, c.Seed = 5, f64, 1
	net, err := kan.New(c)
	if err != nil {
		return 0, err
	}
	train := model.Data{X: x, Y: y, N: n, D: 2}
	if _, err := model.Train(net, model.Regression, train, model.Data{}, model.TrainConfig{Steps: steps}); err != nil {
		return 0, err
	}
	return rmseOf(net, x, y, n), nil
}
