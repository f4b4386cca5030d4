package decompose

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"time"

	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/model/mlp"
	"github.com/ansatz/ansatz/model/optim"
	"github.com/ansatz/ansatz/symreg"
)

// Surrogate is a smooth model of a table's function: a small tanh MLP in
// float64 fitted by full-batch L-BFGS. The tests of decompose ask it for
// values at points that are not rows of the table (one row's values for
// some columns, another's for the rest).
//
// When every y has the same sign and none is zero the network learns
// log|y| (its error is then a relative error everywhere, which products
// of many variables spanning decades need); otherwise it learns the
// standardised y.
type Surrogate struct {
	net      model.Network
	mu, sd   []float64 // input standardisation
	logMode  bool
	sign     float64 // the sign of y in log mode
	ymu, ysd float64 // target standardisation (t = (target−ymu)/ysd)
	// Sigma is the network's RMS error on held-out rows in its target
	// space: a relative error of y in log mode, an error in units of
	// std(y) otherwise.
	Sigma float64
}

// SurrogateConfig bounds the fit.
type SurrogateConfig struct {
	Hidden   []int     // hidden widths (default 32, 32)
	MaxIter  int       // L-BFGS iterations (default 3000)
	Deadline time.Time // stop fitting then (zero: no deadline)
	MaxRows  int       // rows used at most (default 1500), a fifth held out
	Seed     uint64    // weights and the held-out rows
}

// errNoFit is returned when the table cannot be modelled.
var errNoFit = errors.New("decompose: no surrogate fits the table")

// FitSurrogate fits a surrogate to d. It stops at cfg.MaxIter iterations,
// at the deadline, or when ctx is done, keeping what it has.
func FitSurrogate(ctx context.Context, d *symreg.Data, cfg SurrogateConfig) (*Surrogate, error) {
	if len(cfg.Hidden) == 0 {
		cfg.Hidden = []int{32, 32}
	}
	if cfg.MaxIter <= 0 {
		cfg.MaxIter = 3000
	}
	if cfg.MaxRows <= 0 {
		cfg.MaxRows = 1500
	}
	n, m := d.Rows(), len(d.X)
	if n < 20 || m == 0 {
		return nil, errNoFit
	}
	s := &Surrogate{mu: make([]float64, m), sd: make([]float64, m)}
	for k, c := range d.X {
		s.mu[k], s.sd[k] = meanStd(c)
		if s.sd[k] == 0 {
			s.sd[k] = 1
		}
	}
	s.logMode, s.sign = sameSign(d.Y)
	if s.logMode && leftTailed(d.Y) {
		// y approaches 0 (a distance, say): log|y| has a long tail
		// there that the network would spend itself on.
		s.logMode = false
	}
	t := make([]float64, n)
	for i, y := range d.Y {
		t[i] = y
		if s.logMode {
			t[i] = math.Log(math.Abs(y))
		}
	}
	s.ymu, s.ysd = meanStd(t)
	if s.ysd == 0 {
		s.ysd = 1
	}
	// A seeded shuffle picks the training and held-out rows.
	rng := rand.New(rand.NewPCG(cfg.Seed, 0xdec0))
	perm := rng.Perm(n)[:min(n, cfg.MaxRows)]
	nval := max(len(perm)/5, 4)
	val, train := perm[:nval], perm[nval:]
	xs := func(rows []int) ([]float64, []float64) {
		x, y := make([]float64, len(rows)*m), make([]float64, len(rows))
		for r, i := range rows {
			for k := range m {
				x[r*m+k] = (d.X[k][i] - s.mu[k]) / s.sd[k]
			}
			y[r] = (t[i] - s.ymu) / s.ysd
		}
		return x, y
	}
	xt, yt := xs(train)
	xv, yv := xs(val)
	net, err := mlp.New(mlp.Config{Hidden: cfg.Hidden, Act: mlp.Tanh, Float64: true}, m, 1, cfg.Seed)
	if err != nil {
		return nil, err
	}
	s.net = net
	nt := len(train)
	out, dout := make([]float64, nt), make([]float64, nt)
	loss := func(p, g []float64) float64 {
		copy(net.Params(), p)
		net.Forward(xt, nt, out)
		var l float64
		for i, o := range out {
			r := o - yt[i]
			l += r * r
			dout[i] = 2 * r / float64(nt)
		}
		net.Backward(dout, nil)
		copy(g, net.Grads())
		return l / float64(nt)
	}
	p := append([]float64(nil), net.Params()...)
	opt := &optim.LBFGS{M: 20}
	_, err = opt.Minimize(loss, p, cfg.MaxIter, func(int, float64) bool {
		return ctx.Err() == nil && (cfg.Deadline.IsZero() || time.Now().Before(cfg.Deadline))
	})
	copy(net.Params(), p)
	if err != nil && !errors.Is(err, optim.ErrLineSearch) {
		return nil, err
	}
	pv := make([]float64, len(val))
	net.Forward(xv, len(val), pv)
	var se float64
	for i, v := range pv {
		se += (v - yv[i]) * (v - yv[i])
	}
	s.Sigma = math.Sqrt(se/float64(len(val))) * s.ysd
	if math.IsNaN(s.Sigma) {
		return nil, errNoFit
	}
	return s, nil
}

// Eval writes the surrogate's y at the points pts (row-major, one row of
// len(mu) values per point) into out.
func (s *Surrogate) Eval(pts []float64, out []float64) {
	m := len(s.mu)
	n := len(out)
	x := make([]float64, n*m)
	for i := range n {
		for k := range m {
			x[i*m+k] = (pts[i*m+k] - s.mu[k]) / s.sd[k]
		}
	}
	// Evaluate in chunks so the network's buffers stay small.
	const chunk = 4096
	for lo := 0; lo < n; lo += chunk {
		hi := min(n, lo+chunk)
		s.net.Forward(x[lo*m:hi*m], hi-lo, out[lo:hi])
	}
	for i, t := range out {
		t = s.ymu + s.ysd*t
		if s.logMode {
			t = s.sign * math.Exp(t)
		}
		out[i] = t
	}
}

// ErrAt is the surrogate's expected error at a point of value y: σ·|y| in
// log mode, σ (in y's units) otherwise.
func (s *Surrogate) ErrAt(y float64) float64 {
	if s.logMode {
		return s.Sigma * math.Abs(y)
	}
	return s.Sigma
}

// RelErr is the surrogate's error relative to the spread of what it
// learnt (y, or log|y|).
func (s *Surrogate) RelErr() float64 { return s.Sigma / s.ysd }

// usable reports whether the surrogate is accurate enough for the tests
// (maxSurrogateErr, maxLogErr).
func (s *Surrogate) usable() bool {
	return s.RelErr() <= maxSurrogateErr && !(s.logMode && s.Sigma > maxLogErr)
}

func meanStd(v []float64) (float64, float64) {
	var m float64
	for _, x := range v {
		m += x
	}
	m /= float64(len(v))
	var s float64
	for _, x := range v {
		s += (x - m) * (x - m)
	}
	return m, math.Sqrt(s / float64(len(v)))
}

// leftTailed reports whether log|y| is strongly skewed to the left
// (skewness below −1).
func leftTailed(y []float64) bool {
	l := make([]float64, len(y))
	for i, v := range y {
		l[i] = math.Log(math.Abs(v))
	}
	m, sd := meanStd(l)
	if sd == 0 {
		return false
	}
	var s3 float64
	for _, v := range l {
		s3 += math.Pow((v-m)/sd, 3)
	}
	return s3/float64(len(l)) < -1
}

// sameSign reports whether every y is non-zero with one sign, and which.
func sameSign(y []float64) (bool, float64) {
	pos, neg := 0, 0
	for _, v := range y {
		switch {
		case v > 0:
			pos++
		case v < 0:
			neg++
		default:
			return false, 0
		}
	}
	switch len(y) {
	case pos:
		return true, 1
	case neg:
		return true, -1
	}
	return false, 0
}
