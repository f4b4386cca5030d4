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
	Width   string        // throughput network (default "4,16,16,1")
	Grid    int           // G (default 10)
	K       int           // spline order (default 3)
	Rows    int           // rows per forward call (default 100000)
	FitRows int           // rows of the L-BFGS fit case (default 1000)
	Steps   int           // L-BFGS steps of the fit case (default 50)
	Float64 bool          // compute in float64
	Target  time.Duration // minimum time per measurement (default 1s)
	ISAs    []string      // implementations (default ISAs(), best first)
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
	orDefault(&c.Target, time.Second)
	orDefault(&c.Rounds, 3)
	if c.ISAs == nil {
		c.ISAs = ISAs()
	}
}

// KANThroughput measures, under each ISA in one run: rows/s of the
// forward pass and of forward+backward (all parameter gradients) of a KAN
// on Rows rows, and the seconds an L-BFGS fit of a 2,5,1 KAN (G=5) to
// (x+y)/(1+xy) takes; each the best of Rounds alternating sweeps; then
// speedup lines (ISA/generic).
func KANThroughput(cfg KANConfig) ([]Line, error) {
	cfg.defaults()
	w, err := kan.ParseWidth(cfg.Width)
	if err != nil {
		return nil, err
	}
	kc := kan.DefaultConfig(w)
	kc.Grid, kc.K, kc.Float64, kc.Seed = cfg.Grid, cfg.K, cfg.Float64, 1
	net, err := kan.New(kc)
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(1, 3))
	n := cfg.Rows
	x := make([]float64, n*net.NumIn())
	for i := range x {
		x[i] = 2*rng.Float64() - 1
	}
	out := make([]float64, n*net.NumOut())
	dout := make([]float64, len(out))
	for i := range dout {
		dout[i] = rng.NormFloat64() / float64(n)
	}
	prec := precision(cfg.Float64)
	name := fmt.Sprintf("%s %s G=%d k=%d %d rows", prec, cfg.Width, cfg.Grid, cfg.K, n)
	fitName := fmt.Sprintf("%s 2,5,1 G=5 lbfgs %d steps %d rows", prec, cfg.Steps, cfg.FitRows)
	passes := netPasses(func() { net.Forward(x, n, out) }, func() { net.Backward(dout, nil) })
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
			impl := Impl("gemm") + "+" + Impl("basis")
			for _, p := range passes {
				rate := p.rowRate(cfg.Target, n)
				keep(isa, Line{Bench: "kan", Case: name + " " + p.what, Impl: impl, Metric: "rows/s", Value: rate,
					Extra: map[string]any{"seconds": float64(n) / rate, "params": len(net.Params())}}, rate)
			}
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
	caseOf := func(what string) string {
		if what == "fit" {
			return fitName
		}
		return name + " " + what
	}
	var lines []Line
	var cases []string
	rates := map[string]map[string]float64{}
	for _, what := range []string{"forward", "forward+backward", "fit"} {
		c := caseOf(what)
		cases = append(cases, c)
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
	out := make([]float64, n)
	net.Forward(x, n, out)
	s := 0.0
	for i := range out {
		s += (out[i] - y[i]) * (out[i] - y[i])
	}
	return math.Sqrt(s / float64(n)), nil
}
