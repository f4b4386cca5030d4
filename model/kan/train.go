package kan

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/model/optim"
)

// Reg holds pykan's regularisation weights.
type Reg struct {
	Lamb         float64 `json:"lamb"`
	LambL1       float64 `json:"lamb_l1"`
	LambEntropy  float64 `json:"lamb_entropy"`
	LambCoef     float64 `json:"lamb_coef"`
	LambCoefDiff float64 `json:"lamb_coefdiff"`
}

// pykan's training schedule, which every KAN run follows. The penalty is
// Lamb·(λ_l1·L1 + λ_entropy·entropy of the edge scales), Lamb from the
// TrainConfig. Grids adapt to the data every gridStop/gridUpdates steps
// from gridStart to gridStop. pykan's start_grid_update_step of -1 updates
// at step 0, which fits the next layers' grids to the tiny range of the
// untrained hidden activations; with one L-BFGS iteration per step (pykan
// does 20) that traps training, so the first update here comes later.
const (
	lambL1      = 1
	lambEntropy = 2
	gridUpdates = 10 // pykan's grid_update_num
	gridStop    = 50 // pykan's stop_grid_update_step
	gridStart   = 10 // pykan's start_grid_update_step (see above)
	lbfgsMemory = 10 // L-BFGS history pairs
)

// Default optimiser settings of a KAN (TrainConfig zero values).
const (
	defaultSteps = 100
	defaultLR    = 1e-2 // Adam
)

// Train implements model.Trainer with pykan's loop: L-BFGS (default) or
// Adam on cfg.Batch rows (0: full batch) for cfg.Steps steps, MSE loss for
// regression and softmax cross-entropy (y = class index) for
// classification, plus the regularisation penalty. The validation loss is
// reported after every step; the last parameters are kept (BestStep is
// Steps). Converging L-BFGS ends training once the grid updates are over.
func (n *Net) Train(task model.Task, train, val model.Data, cfg model.TrainConfig) (model.Result, error) {
	steps := cfg.Steps
	if steps <= 0 {
		steps = defaultSteps
	}
	loss := "mse"
	if task == model.Classification {
		loss = "ce"
	}
	obj := &objective{net: n, loss: loss}
	for _, d := range []model.Data{train, val} {
		if err := obj.check(d); err != nil {
			return model.Result{}, err
		}
	}
	if train.N < 1 {
		return model.Result{}, fmt.Errorf("kan: no training rows")
	}
	n.reg = Reg{Lamb: cfg.Lamb, LambL1: lambL1, LambEntropy: lambEntropy}
	defer func() { n.reg = Reg{} }()
	const freq = max(1, gridStop/gridUpdates)
	full := func(p, g []float64) float64 { return obj.eval(train, g) }
	var lb *optim.LBFGS
	var adam *optim.Adam
	switch cfg.Opt {
	case "", "auto", "lbfgs":
		lb = &optim.LBFGS{M: lbfgsMemory}
	case "adam":
		lr := cfg.LR
		if lr == 0 {
			lr = defaultLR
		}
		adam = optim.NewAdam(lr)
	default:
		return model.Result{}, inputerr.Field("model.TrainConfig.Opt", "%q: want lbfgs or adam", cfg.Opt)
	}
	res := model.Result{Steps: cfg.DoneSteps, Stopped: model.StopSteps, ValLoss: math.NaN()}
	// done reports step (0-based) to the caller, Stop before OnStep as
	// model.Train does, and says whether training ends there.
	done := func(step int, f float64) bool {
		res.Steps = step + 1
		res.ValLoss = obj.loss1(val)
		if cfg.Stop != nil && cfg.Stop() {
			res.Stopped = model.StopInterrupted
		}
		if cfg.OnStep != nil {
			cfg.OnStep(model.StepInfo{Step: res.Steps, Epoch: float64(res.Steps), Loss: f,
				ValLoss: res.ValLoss, HaveVal: !math.IsNaN(res.ValLoss)})
		}
		return res.Stopped == model.StopInterrupted
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x747261696e))
	var perm []int
	pos := 0
	g := make([]float64, len(n.params))
	for step := cfg.DoneSteps; step < steps; step++ {
		if step%freq == 0 && step < gridStop && step >= gridStart {
			n.UpdateGrid(train.X, train.N)
			if lb != nil {
				lb.Invalidate()
			}
		}
		var f float64
		if lb != nil {
			v, err := lb.Step(full, n.params)
			f = v
			if errors.Is(err, optim.ErrConverged) && step >= gridStop {
				done(step, f)
				break
			}
			if errors.Is(err, optim.ErrLineSearch) {
				lb.Reset()
			} else if err != nil && !errors.Is(err, optim.ErrConverged) {
				return res, err
			}
		} else {
			batch := train
			if cfg.Batch > 0 && cfg.Batch < train.N {
				if perm == nil || pos+cfg.Batch > train.N {
					perm, pos = rng.Perm(train.N), 0
				}
				batch = train.Rows(perm[pos : pos+cfg.Batch])
				pos += cfg.Batch
			}
			f = obj.eval(batch, g)
			adam.Step(n.params, g)
		}
		if math.IsNaN(f) {
			return res, errors.New("kan: training diverged (loss is NaN)")
		}
		if done(step, f) {
			break
		}
	}
	res.BestStep = res.Steps
	return res, nil
}

// objective evaluates loss + regularisation and its gradient.
type objective struct {
	net  *Net
	loss string
	out  []float64
	dout []float64
}

// check validates the shape of d (and class indices for "ce").
func (o *objective) check(d model.Data) error {
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
func (o *objective) eval(d model.Data, g []float64) float64 {
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
func (o *objective) loss1(d model.Data) float64 {
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
