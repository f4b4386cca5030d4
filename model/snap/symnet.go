package snap

import (
	"math"

	"github.com/ansatz/ansatz/model/kan"
	"github.com/ansatz/ansatz/model/optim"
)

// Edge is a snapped edge: c·f(a·x+b)+d, or nothing when not Live.
type Edge struct {
	Live bool
	Fn   Fn
	P    Affine
	R2   float64 // of the per-edge fit, before retraining
	// Alts are the next-best library fits of this edge, tried by Improve.
	Alts []Edge
}

// Layer is one snapped edge layer, shaped as the KAN layer it came from.
type Layer struct {
	In, Out int
	Nodes   kan.Nodes
	Edges   []Edge // In×Out
}

// Net is a fully symbolic KAN: the same graph with every edge a closed
// form. Its parameters (the affine a, b, c, d of live edges) can be
// retrained by gradient.
type Net struct {
	Layers []Layer
}

// NumOut is the number of outputs.
func (s *Net) NumOut() int { return s.Layers[len(s.Layers)-1].Nodes.Count() }

// params flattens the affine parameters of live edges.
func (s *Net) params() []float64 {
	var p []float64
	for _, L := range s.Layers {
		for _, e := range L.Edges {
			if e.Live {
				p = append(p, e.P.A, e.P.B, e.P.C, e.P.D)
			}
		}
	}
	return p
}

func (s *Net) setParams(p []float64) {
	k := 0
	for l := range s.Layers {
		for q := range s.Layers[l].Edges {
			e := &s.Layers[l].Edges[q]
			if e.Live {
				e.P = Affine{p[k], p[k+1], p[k+2], p[k+3]}
				k += 4
			}
		}
	}
}

// Eval computes the outputs for one row x (the KAN's inputs).
func (s *Net) Eval(x []float64) []float64 {
	v := x
	for _, L := range s.Layers {
		v = nodesOf(L.Nodes, L.subnodes(v, nil))
	}
	return v
}

// subnodes is the layer's subnode sums Σᵢ c·f(a·vᵢ+b)+d over its live
// edges for one row v. each, when not nil, also receives every live
// edge's contribution with the edge's index i·Out+j.
func (L Layer) subnodes(v []float64, each func(k int, c float64)) []float64 {
	sub := make([]float64, L.Out)
	for i := 0; i < L.In; i++ {
		for j := 0; j < L.Out; j++ {
			e := L.Edges[i*L.Out+j]
			if !e.Live {
				continue
			}
			c := e.P.C*e.Fn.F(e.P.A*v[i]+e.P.B) + e.P.D
			sub[j] += c
			if each != nil {
				each(i*L.Out+j, c)
			}
		}
	}
	return sub
}

// nodesOf combines subnode sums into node values (products for
// multiplication nodes, over all their factors).
func nodesOf(nd kan.Nodes, sub []float64) []float64 {
	out := make([]float64, nd.Count())
	copy(out, sub[:nd.Sum])
	off := nd.Sum
	for m, ar := range nd.Mult {
		p := 1.0
		for _, v := range sub[off : off+ar] {
			p *= v
		}
		out[nd.Sum+m] = p
		off += ar
	}
	return out
}

// lossGrad is the mean squared error over rows and outputs of the
// symbolic network on (x, y) and its gradient with respect to params().
func (s *Net) lossGrad(x, y []float64, rows int, g []float64) float64 {
	clear(g)
	nOut := s.NumOut()
	nIn := s.Layers[0].In
	total := 0.0
	type cache struct{ in, sub []float64 }
	caches := make([]cache, len(s.Layers))
	for r := 0; r < rows; r++ {
		v := x[r*nIn : (r+1)*nIn]
		for l, L := range s.Layers {
			sub := L.subnodes(v, nil)
			caches[l] = cache{v, sub}
			v = nodesOf(L.Nodes, sub)
		}
		dv := make([]float64, nOut)
		for o := 0; o < nOut; o++ {
			e := v[o] - y[r*nOut+o]
			total += e * e
			dv[o] = 2 * e / float64(rows*nOut)
		}
		// Backward, parameters laid out as in params().
		k := len(g)
		for l := len(s.Layers) - 1; l >= 0; l-- {
			L := s.Layers[l]
			for _, e := range L.Edges {
				if e.Live {
					k -= 4
				}
			}
			dsub := subGrad(L.Nodes, caches[l].sub, dv)
			din := make([]float64, L.In)
			kk := k
			for i := 0; i < L.In; i++ {
				xi := caches[l].in[i]
				for j := 0; j < L.Out; j++ {
					e := L.Edges[i*L.Out+j]
					if !e.Live {
						continue
					}
					u := e.P.A*xi + e.P.B
					d := dsub[j]
					du := d * e.P.C * e.Fn.D(u)
					g[kk] += du * xi
					g[kk+1] += du
					g[kk+2] += d * e.Fn.F(u)
					g[kk+3] += d
					din[i] += du * e.P.A
					kk += 4
				}
			}
			dv = din
		}
	}
	return total / float64(rows*nOut)
}

// subGrad maps node gradients to subnode gradients: a product passes the
// product of the other factors to each factor.
func subGrad(nd kan.Nodes, sub, dnode []float64) []float64 {
	ds := make([]float64, nd.Subnodes())
	copy(ds, dnode[:nd.Sum])
	off := nd.Sum
	for m, ar := range nd.Mult {
		for f := 0; f < ar; f++ {
			p := dnode[nd.Sum+m]
			for q := 0; q < ar; q++ {
				if q != f {
					p *= sub[off+q]
				}
			}
			ds[off+f] = p
		}
		off += ar
	}
	return ds
}

// edgeMeans is the mean contribution c·f(a·x+b)+d of every edge over
// the rows of x, per layer (In×Out).
func (s *Net) edgeMeans(x []float64, rows int) [][]float64 {
	means := make([][]float64, len(s.Layers))
	for l, L := range s.Layers {
		means[l] = make([]float64, L.In*L.Out)
	}
	nIn := s.Layers[0].In
	for r := 0; r < rows; r++ {
		v := x[r*nIn : (r+1)*nIn]
		for l, L := range s.Layers {
			sub := L.subnodes(v, func(k int, c float64) { means[l][k] += c / float64(rows) })
			v = nodesOf(L.Nodes, sub)
		}
	}
	return means
}

// clone copies the network (edges by value).
func (s *Net) clone() *Net {
	c := &Net{Layers: make([]Layer, len(s.Layers))}
	for l, L := range s.Layers {
		c.Layers[l] = L
		c.Layers[l].Edges = append([]Edge(nil), L.Edges...)
	}
	return c
}

// complexity is the summed library complexity of the live edges.
func (s *Net) complexity() int {
	c := 0
	for _, L := range s.Layers {
		for _, e := range L.Edges {
			if e.Live {
				c += e.Fn.Complexity
			}
		}
	}
	return c
}

// Retrain fits all affine parameters jointly by L-BFGS on the MSE of
// (x, y) (rows×In, rows×Out), keeping the result only if it improves.
// It returns the final MSE.
func (s *Net) Retrain(x, y []float64, rows, steps int) float64 {
	f, _ := s.retrain(x, y, rows, steps, nil)
	return f
}

// retrain is Retrain asking stop (when not nil) after every step; stopped
// says it answered true, which ends the fit where it is.
func (s *Net) retrain(x, y []float64, rows, steps int, stop func() bool) (f float64, stopped bool) {
	p := s.params()
	g := make([]float64, len(p))
	start := append([]float64(nil), p...)
	f0 := s.lossGrad(x, y, rows, g)
	if len(p) == 0 || steps <= 0 {
		return f0, false
	}
	obj := func(q, gr []float64) float64 {
		s.setParams(q)
		v := s.lossGrad(x, y, rows, gr)
		if math.IsNaN(v) {
			return math.Inf(1)
		}
		return v
	}
	var progress func(int, float64) bool
	if stop != nil {
		progress = func(int, float64) bool {
			stopped = stop()
			return !stopped
		}
	}
	o := optim.LBFGS{M: 20}
	f, _ = o.Minimize(obj, p, steps, progress)
	if !(f < f0) {
		s.setParams(start)
		return f0, stopped
	}
	s.setParams(p)
	return f, stopped
}
