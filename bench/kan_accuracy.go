package bench

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/model/fit"
	"github.com/ansatz/ansatz/model/kan"
	"github.com/ansatz/ansatz/model/snap"
	"github.com/ansatz/ansatz/symreg/expr"
)

// KANProblem is one of the KAN paper's toy functions with the width and
// input domain the paper fits it with.
type KANProblem struct {
	Name   string
	Width  string
	Lo, Hi float64 // every input uniform in [Lo, Hi]
	F      func(x []float64) float64
	// Law is the closed form a snapped KAN should reach (the acceptance
	// checks it); empty when the law is outside the snap library's reach.
	Law string
}

// KANProblems are the functions `ansatz bench kan --accuracy` fits:
// velocity addition and the KAN paper's toy examples.
var KANProblems = []KANProblem{
	{Name: "velocity-addition", Width: "2,5,1", Lo: -0.9, Hi: 0.9, Law: "(x0+x1)/(1+x0·x1)",
		F: func(x []float64) float64 { return (x[0] + x[1]) / (1 + x[0]*x[1]) }},
	{Name: "exp-sin", Width: "2,5,1", Lo: -1, Hi: 1, Law: "exp(sin(πx0)+x1²)",
		F: func(x []float64) float64 { return math.Exp(math.Sin(math.Pi*x[0]) + x[1]*x[1]) }},
	{Name: "xy", Width: "2,5,1", Lo: -1, Hi: 1, Law: "x0·x1",
		F: func(x []float64) float64 { return x[0] * x[1] }},
	{Name: "bessel", Width: "1,1", Lo: -1, Hi: 1,
		F: func(x []float64) float64 { return math.J0(20 * x[0]) }},
	{Name: "exp-sin-4d", Width: "4,4,2,1", Lo: -1, Hi: 1,
		F: func(x []float64) float64 {
			return math.Exp(0.5 * (math.Sin(math.Pi*(x[0]*x[0]+x[1]*x[1])) + math.Sin(math.Pi*(x[2]*x[2]+x[3]*x[3]))))
		}},
}

// Rows samples n rows of p uniformly in its domain (row-major x, y).
func (p KANProblem) Rows(rng *rand.Rand, n int) (x, y []float64) {
	d := p.Inputs()
	x, y = make([]float64, n*d), make([]float64, n)
	for r := range y {
		for j := 0; j < d; j++ {
			x[r*d+j] = p.Lo + (p.Hi-p.Lo)*rng.Float64()
		}
		y[r] = p.F(x[r*d : (r+1)*d])
	}
	return x, y
}

// Inputs is the number of input columns.
func (p KANProblem) Inputs() int {
	d := 1
	for _, c := range p.Width {
		if c == ',' {
			break
		}
		d = int(c - '0')
	}
	return d
}

// Table returns n sampled rows as a fit.Table with columns x0, x1, … and
// target y.
func (p KANProblem) Table(rng *rand.Rand, n int) fit.Table {
	x, y := p.Rows(rng, n)
	f := make([]string, p.Inputs())
	for j := range f {
		f[j] = fmt.Sprintf("x%d", j)
	}
	return fit.Table{X: x, Y: y, N: n, Features: f, Target: "y"}
}

// KANAccuracyConfig describes `ansatz bench kan --accuracy`: each problem
// trained on TrainRows rows with Base (its Width set per problem; the
// rest as the command line's defaults give it) and scored on TestRows
// fresh rows.
type KANAccuracyConfig struct {
	Base      model.TrainConfig
	TrainRows int      // default 1000
	TestRows  int      // default 2000
	Problems  []string // names to run (default all)
	Seed      uint64   // data seed
	// Snap also snaps each trained model on its training rows and
	// reports the formula and its largest relative error on the fresh
	// rows (1e-6 or less: the law itself).
	Snap bool
	// Each, when set, receives each problem's line as soon as it is done
	// (a full run takes minutes).
	Each func(Line)
}

// KANAccuracy trains a KAN per problem and reports its held-out RMSE,
// with the grid kept, the steps and the seconds.
func KANAccuracy(cfg KANAccuracyConfig) ([]Line, error) {
	orDefault(&cfg.TrainRows, 1000)
	orDefault(&cfg.TestRows, 2000)
	var lines []Line
	for _, p := range KANProblems {
		if cfg.Problems != nil && !slices.Contains(cfg.Problems, p.Name) {
			continue
		}
		rng := rand.New(rand.NewPCG(cfg.Seed, uint64(len(p.Name))))
		tab := p.Table(rng, cfg.TrainRows)
		tx, ty := p.Rows(rng, cfg.TestRows)
		c := cfg.Base
		c.Model, c.Width = "kan", p.Width
		// The fresh rows are the test set: all TrainRows rows go to
		// training (validation still taken out of them), as the issue's
		// "1000 training points" and pykan's train_num mean.
		c.TestFrac = 0
		res, err := fit.Train(c, tab)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p.Name, err)
		}
		pr := res.Model.Predict(tx, cfg.TestRows)
		rmse := RMSE(pr, ty)
		extra := map[string]any{"width": p.Width, "seconds": res.Seconds, "steps": res.Steps,
			"train_rows": res.Train.N}
		if k, ok := res.Model.Net.(*kan.Net); ok {
			extra["grid"] = k.Config().Grid
		}
		if cfg.Snap {
			s, err := snap.Model(res.Model, tab.X, tab.Y, tab.N, snap.DefaultOptions())
			if err != nil {
				return nil, fmt.Errorf("%s: snap: %w", p.Name, err)
			}
			extra["formula"] = expr.FormatDigits(s.Tree, tab.Features, 0)
			extra["snap_max_rel_err"] = maxRelErr(s.Tree, tx, ty, p.Inputs())
		}
		l := Line{Bench: "kan", Case: p.Name + " held-out", Impl: "default", Metric: "rmse", Value: rmse, Extra: extra}
		if cfg.Each != nil {
			cfg.Each(l)
		}
		lines = append(lines, l)
	}
	return lines, nil
}

// maxRelErr is the largest |f(x) − y| / max(|y|, 1e-3·max|y|) over the
// rows of x (row-major, d columns).
func maxRelErr(f *expr.Node, x, y []float64, d int) float64 {
	scale := 0.0
	for _, v := range y {
		scale = max(scale, math.Abs(v))
	}
	worst := 0.0
	for r, v := range y {
		e := math.Abs(f.EvalAt(x[r*d:(r+1)*d])-v) / max(math.Abs(v), 1e-3*scale)
		if math.IsNaN(e) {
			return math.Inf(1)
		}
		worst = max(worst, e)
	}
	return worst
}

// RMSE is the root mean squared difference of pred and y.
func RMSE(pred, y []float64) float64 {
	s := 0.0
	for i := range y {
		s += (pred[i] - y[i]) * (pred[i] - y[i])
	}
	return math.Sqrt(s / float64(len(y)))
}
