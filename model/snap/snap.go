package snap

import (
	"errors"
	"math"

	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/model/kan"
	"github.com/ansatz/ansatz/symreg/expr"
)

// Options control Snap.
type Options struct {
	Fit FitOptions
	// Lib restricts the library (nil: all of Library).
	Lib []Fn
	// RetrainSteps L-BFGS iterations for the joint affine refit (0: none).
	RetrainSteps int
	// Alternatives is how many runner-up functions per edge Improve tries
	// (with the whole network retrained each time), besides dropping the
	// edge to a constant and the linear fit.
	Alternatives int
	// Polish, when y is given, turns the formula into the law it stands
	// for (see Polish); nil: no polish.
	Polish *PolishOptions
	// Sparsify, when set and y is given, snaps a sparse copy of the
	// network (see Sparsify) instead of the network itself.
	Sparsify *SparsifyOptions
	// MaxRows bounds the rows the edge fits and the retraining of the
	// symbolic network use (0: all), evenly spaced; Polish sees all.
	MaxRows int
	// Stop, when set, is asked after every retraining step and before
	// every candidate Improve tries; true ends retraining and Improve
	// early, keeping the best network so far (Snapped.Stopped). Edge
	// fitting always completes: without every edge there is no formula.
	Stop func() bool
}

// DefaultOptions: DefaultFit, the whole library, 200 retraining steps on
// at most 512 rows, the polish.
func DefaultOptions() Options {
	return Options{Fit: DefaultFit(), RetrainSteps: 200, Alternatives: 2, Polish: &PolishOptions{}, MaxRows: 512,
		Sparsify: ptr(DefaultSparsify())}
}

// Snapped is a snapped KAN.
type Snapped struct {
	Net *Net
	// Tree is the whole model as one formula in the raw input columns
	// (input standardisation and target scaling folded in).
	Tree *expr.Node
	// Stopped says Options.Stop ended retraining or Improve early.
	Stopped bool
}

// FromKAN snaps every live edge of net using the network's own inputs
// on the n rows of x (the network's inputs, i.e. standardised), choosing
// per edge the best-scoring library function.
func FromKAN(net *kan.Net, x []float64, rows int, opt Options) (*Net, error) {
	if rows < 4 {
		return nil, errors.New("snap: need at least 4 rows")
	}
	lib := opt.Lib
	if lib == nil {
		lib = Library
	}
	inputs, acts := net.Activations(x, rows)
	views := net.Layers()
	s := &Net{}
	for l, v := range views {
		L := Layer{In: v.In, Out: v.Out, Nodes: v.Nodes, Edges: make([]Edge, v.In*v.Out)}
		xs, ys := make([]float64, rows), make([]float64, rows)
		for i := 0; i < v.In; i++ {
			for r := 0; r < rows; r++ {
				xs[r] = inputs[l][r*v.In+i]
			}
			for j := 0; j < v.Out; j++ {
				if v.Mask[i*v.Out+j] == 0 {
					continue
				}
				for r := 0; r < rows; r++ {
					ys[r] = acts[l][(r*v.In+i)*v.Out+j]
				}
				fits := FitEdge(xs, ys, lib, opt.Fit)
				if len(fits) == 0 {
					return nil, errors.New("snap: no library function fits an edge")
				}
				// The best fit, its runners-up and, always, the linear fit:
				// a noisy spline of a linear edge can score sin or tanh
				// first, and Improve should get to try the simple law.
				// Likewise the square: sin, exp or a gaussian at a tiny
				// scale mimic a parabola on a spline's wiggles.
				var e []Edge
				for k, f := range fits {
					if k <= opt.Alternatives || f.Fn == "x" || f.Fn == "x^2" {
						fn, _ := lookupIn(lib, f.Fn)
						e = append(e, Edge{Live: true, Fn: fn, P: f.P, R2: f.R2})
					}
				}
				e[0].Alts = e[1:]
				L.Edges[i*v.Out+j] = e[0]
			}
		}
		s.Layers = append(s.Layers, L)
	}
	return s, nil
}

func lookupIn(lib []Fn, name string) (Fn, bool) {
	for _, f := range lib {
		if f.Name == name {
			return f, true
		}
	}
	return Fn{}, false
}

// Model snaps a KAN model: edges fitted on the rows of raw x (n×d), the
// affine parameters retrained against the target y (raw, regression),
// and the formula emitted in raw units.
func Model(m *model.Model, x, y []float64, rows int, opt Options) (*Snapped, error) {
	net, ok := m.Net.(*kan.Net)
	if !ok {
		return nil, errors.New("snap: the model is not a KAN")
	}
	if m.Task != model.Regression {
		return nil, errors.New("snap: only regression models can be snapped to a formula")
	}
	d := len(m.Features)
	sx, sy, n := x, y, rows
	if opt.MaxRows > 0 && rows > opt.MaxRows {
		sx, sy, n = spread(x, y, rows, d, opt.MaxRows)
	}
	z := m.Standardize(sx, n)
	var ys []float64
	if y != nil {
		ys = make([]float64, n)
		for r := range ys {
			ys[r] = (sy[r] - m.YMean) / m.YStd
		}
		if opt.Sparsify != nil {
			so := *opt.Sparsify
			so.Stop = opt.Stop
			net = Sparsify(net, z, ys, n, so)
		}
	}
	s, err := FromKAN(net, z, n, opt)
	if err != nil {
		return nil, err
	}
	if y != nil && opt.RetrainSteps > 0 {
		if _, stopped := s.retrain(z, ys, n, opt.RetrainSteps, opt.Stop); !stopped {
			s = s.Improve(z, ys, n, opt)
		}
	}
	tree := s.Tree(m.Mean, m.Std)[0]
	tree = simplified(scaleOut(tree, m.YMean, m.YStd), x, rows, d)
	stopped := opt.Stop != nil && opt.Stop()
	if y != nil && opt.Polish != nil && !stopped {
		tree, _ = Polish(tree, x, y, rows, d, *opt.Polish)
	}
	return &Snapped{Net: s, Tree: tree, Stopped: stopped}, nil
}

// Improve revisits the per-edge choices with the whole network in view:
// edge by edge, each runner-up function replaces the chosen one, all
// constants are retrained, and the change is kept if the network's score
// WeightSimple·Σcomplexity + (1−WeightSimple)·log2(1−R²) improves. A
// per-edge fit cannot tell tan from arctanh on a short range of a noisy
// spline; the law that makes the whole network exact can. When
// opt.Stop answers true it returns the best network so far.
func (s *Net) Improve(x, y []float64, rows int, opt Options) *Net {
	score := func(n *Net, mse float64) float64 {
		my, v := 0.0, 0.0
		for _, t := range y[:rows*n.NumOut()] {
			my += t
		}
		my /= float64(rows * n.NumOut())
		for _, t := range y[:rows*n.NumOut()] {
			v += (t - my) * (t - my)
		}
		v /= float64(rows * n.NumOut())
		r2 := 1.0
		if v > 0 {
			r2 = 1 - mse/v
		}
		w := opt.Fit.WeightSimple
		return w*float64(n.complexity()) + (1-w)*math.Log2(math.Max(1-r2, 0)+1e-12)
	}
	if len(s.params())/4 > maxImproveEdges {
		return s // each candidate costs a full retrain: too slow for big networks
	}
	best := s
	bestScore := score(s, s.lossGrad(x, y, rows, make([]float64, len(s.params()))))
	zero, _ := Lookup("0")
	for l := range s.Layers {
		for q := range s.Layers[l].Edges {
			cur := best.Layers[l].Edges[q]
			if !cur.Live {
				continue
			}
			alts := cur.Alts
			if cur.Fn.Name != "0" {
				// Dropping the edge to its mean is always a candidate: a
				// negligible edge then costs no complexity.
				mean := best.edgeMeans(x, rows)[l][q]
				alts = append([]Edge{{Live: true, Fn: zero, P: Affine{1, 0, 0, mean}, R2: 0}}, alts...)
			}
			for _, alt := range alts {
				if opt.Stop != nil && opt.Stop() {
					return best
				}
				c := best.clone()
				e := &c.Layers[l].Edges[q]
				e.Fn, e.P, e.R2 = alt.Fn, alt.P, alt.R2
				mse, stopped := c.retrain(x, y, rows, opt.RetrainSteps, opt.Stop)
				if stopped {
					return best // a half-retrained candidate is no fair comparison
				}
				if sc := score(c, mse); sc < bestScore {
					best, bestScore = c, sc
				}
			}
		}
	}
	return best
}

// simplified returns symreg's simplification of t when it computes the
// same values on the data rows (to 1e-9 relative), else t itself.
func simplified(t *expr.Node, x []float64, rows, d int) *expr.Node {
	st := expr.Simplify(t)
	for r := 0; r < rows; r++ {
		a, b := t.EvalAt(x[r*d:(r+1)*d]), st.EvalAt(x[r*d:(r+1)*d])
		if math.IsNaN(a) != math.IsNaN(b) || math.Abs(a-b) > 1e-9*math.Max(1, math.Abs(a)) {
			return t
		}
	}
	return st
}

func ptr[T any](v T) *T { return &v }

// spread is m evenly spaced rows of x (row-major, d columns) and y (nil
// stays nil).
func spread(x, y []float64, rows, d, m int) ([]float64, []float64, int) {
	sx := make([]float64, 0, m*d)
	var sy []float64
	for i := 0; i < m; i++ {
		r := i * rows / m
		sx = append(sx, x[r*d:(r+1)*d]...)
		if y != nil {
			sy = append(sy, y[r])
		}
	}
	return sx, sy, m
}

// maxImproveEdges bounds the live edges Improve revisits.
const maxImproveEdges = 64

// scaleOut wraps t as ymean + ystd·t.
func scaleOut(t *expr.Node, mean, std float64) *expr.Node {
	if std != 1 {
		t = bin(expr.OpMul, cst(std), t)
	}
	if mean != 0 {
		t = bin(expr.OpAdd, t, cst(mean))
	}
	return t
}

// R2 is the coefficient of determination of pred against y.
func R2(pred, y []float64) float64 {
	my := 0.0
	for _, v := range y {
		my += v
	}
	my /= float64(len(y))
	var sse, sst float64
	for i := range y {
		sse += (pred[i] - y[i]) * (pred[i] - y[i])
		sst += (y[i] - my) * (y[i] - my)
	}
	if sst == 0 {
		if sse == 0 {
			return 1
		}
		return math.Inf(-1)
	}
	return 1 - sse/sst
}
