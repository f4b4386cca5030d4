// Package optim holds the optimisers the trainable models use, over a
// flat float64 parameter vector: Adam (mini-batch, optional decoupled
// weight decay) and L-BFGS with a strong-Wolfe line search (full batch).
// Models flatten their parameters into one slice so one optimiser serves
// every architecture.
package optim

import "math"

// Func is an objective: it returns f(params) and writes ∂f/∂params into
// grad (len(grad) == len(params)). It must not keep either slice.
type Func func(params, grad []float64) float64

// Adam is the Adam optimiser (Kingma & Ba) with bias correction and,
// when WeightDecay > 0, decoupled weight decay as in AdamW (the decay is
// applied to the parameters, not folded into the gradient moments).
type Adam struct {
	LR          float64 // step size (default 1e-3 when 0)
	Beta1       float64 // first-moment decay (default 0.9 when 0)
	Beta2       float64 // second-moment decay (default 0.999 when 0)
	Eps         float64 // denominator guard (default 1e-8 when 0)
	WeightDecay float64 // decoupled decay per unit LR; 0 disables

	m, v []float64
	t    int
}

// NewAdam returns an Adam optimiser with learning rate lr and the usual
// defaults for the other constants.
func NewAdam(lr float64) *Adam { return &Adam{LR: lr} }

// Reset forgets the moment estimates, for example after the parameter
// vector changed meaning (a grid update or pruning).
func (a *Adam) Reset() { a.m, a.v, a.t = nil, nil, 0 }

// Step moves params one Adam step along grad (a gradient of the loss to
// minimise). The moment buffers are sized on first use; a later call with
// a different length resets them.
func (a *Adam) Step(params, grad []float64) {
	if len(grad) != len(params) {
		panic("optim: Adam.Step: len(grad) != len(params)")
	}
	if len(a.m) != len(params) {
		a.m = make([]float64, len(params))
		a.v = make([]float64, len(params))
		a.t = 0
	}
	lr, b1, b2, eps := a.LR, a.Beta1, a.Beta2, a.Eps
	if lr == 0 {
		lr = 1e-3
	}
	if b1 == 0 {
		b1 = 0.9
	}
	if b2 == 0 {
		b2 = 0.999
	}
	if eps == 0 {
		eps = 1e-8
	}
	a.t++
	c1 := 1 - math.Pow(b1, float64(a.t))
	c2 := 1 - math.Pow(b2, float64(a.t))
	for i, g := range grad {
		a.m[i] = b1*a.m[i] + (1-b1)*g
		a.v[i] = b2*a.v[i] + (1-b2)*g*g
		mh := a.m[i] / c1
		vh := a.v[i] / c2
		if a.WeightDecay > 0 {
			params[i] -= lr * a.WeightDecay * params[i]
		}
		params[i] -= lr * mh / (math.Sqrt(vh) + eps)
	}
}
