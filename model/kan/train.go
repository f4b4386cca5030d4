package kan

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/model/optim"
)

// TrainConfig controls Fit. Zero values mean the defaults noted.
type TrainConfig struct {
	Steps int     `json:"steps"` // optimiser iterations (default 100)
	Opt   string  `json:"opt"`   // "lbfgs" (default) or "adam"
	LR    float64 `json:"lr"`    // Adam learning rate (default 1e-2)
	// Batch rows per Adam step; 0 or ≥ rows is full batch. L-BFGS always
	// uses the full batch (its line search needs a fixed objective).
	Batch int    `json:"batch"`
	Loss  string `json:"loss"` // "mse" (default) or "ce" (softmax cross-entropy, y = class index)
	// Regularisation: Lamb·(LambL1·L1 + LambEntropy·entropy of the edge
	// scales + LambCoef·mean|coef| + LambCoefDiff·mean|Δcoef|), as pykan.
	Reg Reg `json:"reg"`
	// UpdateGrid adapts the grids to the data every
	// StopGridUpdateStep/GridUpdateNum steps before StopGridUpdateStep
	// (pykan's defaults 10 and 50).
	UpdateGrid         bool `json:"update_grid"`
	GridUpdateNum      int  `json:"grid_update_num"`
	StopGridUpdateStep int  `json:"stop_grid_update_step"`
	// StartGridUpdateStep is the first step that may update grids
	// (pykan's start_grid_update_step). pykan's default -1 updates at
	// step 0, which fits the next layers' grids to the tiny range of the
	// untrained hidden activations; with one L-BFGS iteration per step
	// (pykan does 20) that traps training, so the default here is later.
	StartGridUpdateStep int    `json:"start_grid_update_step"`
	History             int    `json:"history"` // L-BFGS memory (default 10)
	Seed                uint64 `json:"seed"`    // mini-batch order
}

// Reg holds pykan's regularisation weights.
type Reg struct {
	Lamb         float64 `json:"lamb"`
	LambL1       float64 `json:"lamb_l1"`
	LambEntropy  float64 `json:"lamb_entropy"`
	LambCoef     float64 `json:"lamb_coef"`
	LambCoefDiff float64 `json:"lamb_coefdiff"`
}

// DefaultTrain is LBFGS for 100 steps with pykan's grid-update schedule
// and regularisation weights (λ = 0, λ_l1 = 1, λ_entropy = 2).
func DefaultTrain() TrainConfig {
	return TrainConfig{Steps: 100, Opt: "lbfgs", LR: 1e-2, Loss: "mse",
		Reg:        Reg{LambL1: 1, LambEntropy: 2},
		UpdateGrid: true, GridUpdateNum: 10, StopGridUpdateStep: 50, StartGridUpdateStep: 10, History: 10}
}

// Data is a block of rows for Fit: X row-major N×NumIn, Y row-major
// N×NumOut (regression) or N class indices (loss "ce").
type Data struct {
	X, Y []float64
	N    int
}

// Progress receives, after each step, the training objective (loss plus
// regularisation; for Adam on the step's mini-batch) and the validation
// loss (NaN without validation data); returning false stops training.
type Progress func(step int, train, val float64) bool

// Fit trains the network on train (and reports the loss on val) with the
// chosen optimiser. The network's regularisation weights are set to
// tc.Reg for the run.
func (n *Net) Fit(train, val Data, tc TrainConfig, progress Progress) error {
	if tc.Steps <= 0 {
		tc.Steps = 100
	}
	if tc.Loss == "" {
		tc.Loss = "mse"
	}
	if tc.Loss != "mse" && tc.Loss != "ce" {
		return inputerr.New("kan: unknown loss %q (mse, ce)", tc.Loss)
	}
	obj := &objective{net: n, loss: tc.Loss}
	for _, d := range []Data{train, val} {
		if err := obj.check(d); err != nil {
			return err
		}
	}
	if train.N < 1 {
		return fmt.Errorf("kan: no training rows")
	}
	n.reg = tc.Reg
	defer func() { n.reg = Reg{} }()
	freq := 0
	if tc.UpdateGrid {
		num, stop := tc.GridUpdateNum, tc.StopGridUpdateStep
		if num <= 0 {
			num = 10
		}
		if stop <= 0 {
			stop = 50
		}
		tc.StopGridUpdateStep = stop
		freq = max(1, stop/num)
	}
	full := func(p, g []float64) float64 { return obj.eval(train, g) }
	var lb *optim.LBFGS
	var adam *optim.Adam
	switch tc.Opt {
	case "", "lbfgs":
		lb = &optim.LBFGS{M: tc.History}
	case "adam":
		lr := tc.LR
		if lr == 0 {
			lr = 1e-2
		}
		adam = optim.NewAdam(lr)
	default:
		return inputerr.New("--opt %q: want lbfgs or adam", tc.Opt)
	}
	rng := rand.New(rand.NewPCG(tc.Seed, 0x747261696e))
	var perm []int
	pos := 0
	g := make([]float64, len(n.params))
	for step := 0; step < tc.Steps; step++ {
		if freq > 0 && step%freq == 0 && step < tc.StopGridUpdateStep && step >= tc.StartGridUpdateStep {
			n.UpdateGrid(train.X, train.N)
			if lb != nil {
				lb.Invalidate()
			}
		}
		var f float64
		if lb != nil {
			v, err := lb.Step(full, n.params)
			f = v
			if errors.Is(err, optim.ErrConverged) && !(freq > 0 && step < tc.StopGridUpdateStep) {
				if progress != nil {
					progress(step, f, obj.loss1(val))
				}
				break
			}
			if errors.Is(err, optim.ErrLineSearch) {
				lb.Reset()
			} else if err != nil && !errors.Is(err, optim.ErrConverged) {
				return err
			}
		} else {
			batch := train
			if tc.Batch > 0 && tc.Batch < train.N {
				if perm == nil || pos+tc.Batch > train.N {
					perm, pos = rng.Perm(train.N), 0
				}
				batch = subset(train, perm[pos:pos+tc.Batch], n.NumIn(), obj.ydim())
				pos += tc.Batch
			}
			f = obj.eval(batch, g)
			adam.Step(n.params, g)
		}
		if math.IsNaN(f) {
			return errors.New("kan: training diverged (loss is NaN)")
		}
		if progress != nil && !progress(step, f, obj.loss1(val)) {
			break
		}
	}
	return nil
}

// subset picks rows of d.
func subset(d Data, rows []int, din, dy int) Data {
	o := Data{X: make([]float64, len(rows)*din), Y: make([]float64, len(rows)*dy), N: len(rows)}
	for k, r := range rows {
		copy(o.X[k*din:(k+1)*din], d.X[r*din:(r+1)*din])
		copy(o.Y[k*dy:(k+1)*dy], d.Y[r*dy:(r+1)*dy])
	}
	return o
}

// objective evaluates loss + regularisation and its gradient.
type objective struct {
	net  *Net
	loss string
	out  []float64
	dout []float64
}

// check validates the shape of d (and class indices for "ce").
func (o *objective) check(d Data) error {
	if len(d.X) != d.N*o.net.NumIn() || len(d.Y) != d.N*o.ydim() {
		return fmt.Errorf("kan: data has %d inputs and %d targets for %d rows of %d inputs", len(d.X), len(d.Y), d.N, o.net.NumIn())
	}
	if o.loss == "ce" {
		for r, v := range d.Y {
			if v != math.Trunc(v) || v < 0 || int(v) >= o.net.NumOut() {
				return fmt.Errorf("kan: row %d: class index %g outside 0..%d", r+1, v, o.net.NumOut()-1)
			}
		}
	}
	return nil
}

func (o *objective) ydim() int {
	if o.loss == "ce" {
		return 1
	}
	return o.net.NumOut()
}

// eval returns the training objective on d and writes its gradient.
func (o *objective) eval(d Data, g []float64) float64 {
	n := o.net
	c := n.NumOut()
	o.out = grow(o.out, d.N*c)
	o.dout = grow(o.dout, d.N*c)
	n.Forward(d.X, d.N, o.out)
	f := lossGrad(o.loss, o.out, d.Y, d.N, c, o.dout)
	n.Backward(o.dout, nil)
	f += n.Penalty(n.grads)
	copy(g, n.grads)
	return f
}

// loss1 is the data loss on d without gradient (NaN for no rows).
func (o *objective) loss1(d Data) float64 {
	if d.N == 0 {
		return math.NaN()
	}
	c := o.net.NumOut()
	out := make([]float64, d.N*c)
	o.net.Forward(d.X, d.N, out)
	return lossGrad(o.loss, out, d.Y, d.N, c, nil)
}

// lossGrad is the mean loss over rows and, if dout is not nil, its
// gradient with respect to the outputs: MSE averaged over rows and
// outputs, or softmax cross-entropy averaged over rows.
func lossGrad(kind string, out, y []float64, n, c int, dout []float64) float64 {
	s := 0.0
	if kind == "ce" {
		for r := 0; r < n; r++ {
			z := out[r*c : (r+1)*c]
			m := z[0]
			for _, v := range z {
				m = math.Max(m, v)
			}
			sum := 0.0
			for _, v := range z {
				sum += math.Exp(v - m)
			}
			lse := m + math.Log(sum)
			t := int(y[r])
			s += lse - z[t]
			if dout != nil {
				for j, v := range z {
					p := math.Exp(v - lse)
					if j == t {
						p--
					}
					dout[r*c+j] = p / float64(n)
				}
			}
		}
		return s / float64(n)
	}
	m := float64(n * c)
	for q := 0; q < n*c; q++ {
		e := out[q] - y[q]
		s += e * e
		if dout != nil {
			dout[q] = 2 * e / m
		}
	}
	return s / m
}

// Forward implements model.Network.
func (n *Net) Forward(x []float64, rows int, out []float64) { n.eng.forward(x, rows, out) }

// Backward implements model.Network.
func (n *Net) Backward(dout, dx []float64) { n.eng.backward(dout, dx) }
