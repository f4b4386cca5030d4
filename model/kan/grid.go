package kan

import (
	"fmt"
	"math"
	"slices"

	"github.com/ansatz/ansatz/kernels"
)

// UpdateGrid adapts every layer's grids to the distribution of its inputs
// on the n rows of x (row-major n×NumIn), as pykan's
// update_grid_from_samples: per input, G+1 knots at sample quantiles
// blended with a uniform grid over the sample range (weight GridEps on
// the uniform one), extended by K knots on each side, then the spline
// coefficients refitted by least squares so each edge keeps its shape.
// Layers are updated in order, each seeing inputs computed by the already
// updated layers before it. Inputs with (almost) no spread keep their grid.
func (n *Net) UpdateGrid(x []float64, rows int) {
	if rows < 2 {
		return
	}
	out := make([]float64, rows*n.NumOut())
	G, K := n.cfg.Grid, n.cfg.K
	for l, ly := range n.layers {
		n.eng.forward(x, rows, out)
		X := n.eng.inputs(l)
		col := make([]float64, rows)
		for i := 0; i < ly.nIn; i++ {
			for r := range col {
				col[r] = X[r*ly.nIn+i]
			}
			slices.Sort(col)
			lo, hi := col[0], col[rows-1]
			if !(hi-lo > 1e-9*max(1, abs(lo), abs(hi))) || math.IsInf(hi-lo, 0) || math.IsNaN(hi-lo) {
				continue
			}
			ys := n.splineValues(ly, i, col)
			t := adaptiveKnots(col, G, K, n.cfg.GridEps, marginOf(l))
			ly.knots[i] = t
			ly.uniform[i] = isUniform(t)
			cs := fitSplines(col, ys, t, K, 0)
			for j := range cs {
				copy(n.params[n.coefAt(ly, i, j):n.coefAt(ly, i, j)+n.nb()], cs[j])
			}
		}
	}
}

// splineValues evaluates the spline sums Σ_c coef_ijc B_c(x) of every
// edge leaving input i of layer ly at the points xs (current knots), all
// edges at once through the fused layer kernel (no silu term).
func (n *Net) splineValues(ly *layer, i int, xs []float64) [][]float64 {
	K, nb, m := n.cfg.K, n.nb(), ly.nOut
	idx, val := basisAt(xs, ly.knots[i], K)
	ws := make([]float64, nb*m) // row c: coef_ijc for every j
	for j := 0; j < m; j++ {
		c := n.params[n.coefAt(ly, i, j):]
		for q := 0; q < nb; q++ {
			ws[q*m+j] = c[q]
		}
	}
	y := make([]float64, len(xs)*m)
	kernels.SplineAcc(m, K, idx, val, make([]float64, len(xs)), make([]float64, m), ws, y)
	ys := make([][]float64, m)
	for j := range ys {
		ys[j] = make([]float64, len(xs))
		for p := range xs {
			ys[j][p] = y[p*m+j]
		}
	}
	return ys
}

// adaptiveKnots builds the blended grid of pykan from sorted samples and
// extends it; knots are forced strictly increasing so duplicated samples
// never produce empty intervals. The end knots sit frac·range
// beyond the extreme samples (pykan's margin, 0 there): new inputs just
// outside the training range then still fall inside the fitted spline
// instead of on its decaying extension.
func adaptiveKnots(sorted []float64, G, K int, eps, frac float64) []float64 {
	m := len(sorted)
	g := make([]float64, G+1)
	margin := frac * (sorted[m-1] - sorted[0])
	lo, hi := sorted[0]-margin, sorted[m-1]+margin
	h := (hi - lo) / float64(G)
	for p := 0; p < G; p++ {
		a := sorted[int(float64(m)/float64(G)*float64(p))]
		if p == 0 {
			a = lo
		}
		g[p] = eps*(lo+float64(p)*h) + (1-eps)*a
	}
	g[G] = hi
	minGap := 1e-6 * h
	for p := 1; p <= G; p++ {
		if g[p] < g[p-1]+minGap {
			g[p] = g[p-1] + minGap
		}
	}
	return extendKnots(g, K)
}

// inputMargin and hiddenMargin widen adapted grids on each side, as a
// fraction of the sample range: the network's inputs of new rows stay
// close to the training range, but a hidden node's values on new rows
// (a sparsely sampled corner of the input box) can overshoot its
// training range by more, and beyond the end knot an edge loses its
// spline.
const (
	inputMargin  = 0.02
	hiddenMargin = 0.1
)

// marginOf is the grid margin of layer l's inputs.
func marginOf(l int) float64 {
	if l == 0 {
		return inputMargin
	}
	return hiddenMargin
}

// extendKnots adds K knots on each side at the mean spacing (pykan's
// extend_grid).
func extendKnots(g []float64, K int) []float64 {
	G := len(g) - 1
	h := (g[G] - g[0]) / float64(G)
	t := make([]float64, G+2*K+1)
	copy(t[K:], g)
	for j := 1; j <= K; j++ {
		t[K-j] = g[0] - float64(j)*h
		t[K+G+j] = g[G] + float64(j)*h
	}
	return t
}

// Refine returns a copy of the network with every grid extended to newG
// intervals (pykan's refine / grid extension): each new grid is uniform
// over its old grid's range, and each edge's spline is refitted by least
// squares to match the old one at the layer's inputs on the n rows of x.
// Scales and masks are kept, so the new network starts as a close copy.
func (n *Net) Refine(newG int, x []float64, rows int) (*Net, error) {
	cfg := n.cfg
	cfg.Grid = newG
	if err := cfg.check(); err != nil {
		return nil, err
	}
	if rows < 1 {
		return nil, fmt.Errorf("kan: refine needs at least one sample row")
	}
	out := make([]float64, rows*n.NumOut())
	n.eng.forward(x, rows, out)
	m := alloc(cfg)
	K := cfg.K
	for l, ly := range n.layers {
		nl := m.layers[l]
		copy(nl.mask, ly.mask)
		X := n.eng.inputs(l)
		col := make([]float64, rows)
		for i := 0; i < ly.nIn; i++ {
			t := ly.knots[i]
			nl.knots[i] = uniformKnots(t[K], t[K+n.cfg.Grid], newG, K)
			nl.uniform[i] = true
			for r := range col {
				col[r] = X[r*ly.nIn+i]
			}
			// The old spline sampled at the data and on a dense uniform
			// grid over its range: data keeps the fit faithful where the
			// inputs are, the grid keeps it defined (and the system full
			// rank) where they are not.
			pts := append(slices.Clone(col), densePoints(t[K], t[K+n.cfg.Grid], 4*(newG+K))...)
			ys := n.splineValues(ly, i, pts)
			cs := fitSplines(pts, ys, nl.knots[i], K, 0)
			for j := 0; j < ly.nOut; j++ {
				copy(m.params[m.coefAt(nl, i, j):m.coefAt(nl, i, j)+m.nb()], cs[j])
				m.params[m.sbAt(nl, i, j)] = n.params[n.sbAt(ly, i, j)]
				m.params[m.spAt(nl, i, j)] = n.params[n.spAt(ly, i, j)]
			}
		}
	}
	copy(m.params[m.symOff():], n.params[n.symOff():])
	return m, nil
}

// densePoints is k evenly spaced points on [lo, hi].
func densePoints(lo, hi float64, k int) []float64 {
	p := make([]float64, k)
	for j := range p {
		p[j] = lo + (hi-lo)*float64(j)/float64(k-1)
	}
	return p
}
