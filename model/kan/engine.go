package kan

import (
	"sync/atomic"

	"github.com/ansatz/ansatz/internal/panics"
	"github.com/ansatz/ansatz/kernels"
)

// engine runs forward and backward passes in one float type and keeps the
// activations of the last forward pass.
type engine interface {
	forward(x []float64, rows int, out []float64)
	backward(dout, dx []float64)
	rows() int
	// inputs returns layer l's inputs of the last forward, n×nIn row-major.
	inputs(l int) []float64
	// edgeActs writes φ_ij(x_ri) of layer l for the last forward into dst
	// (n×nIn×nOut) and, if spl is not nil, the spline sums Σ_c coef·B
	// (without scales or mask) likewise.
	edgeActs(l int, dst, spl []float64)
	// basisRow evaluates the K+1 local basis values of layer l, input i,
	// row r of the last forward: first function index and values, and
	// (when der is not nil) their derivatives.
	basisRow(l, i, r int, val, der []float64) int
	// injectBackward back-propagates extra gradients with respect to the
	// inputs of layers 1.. (inject[l], n×nIn) through the layers below,
	// adding the parameter gradients to grads.
	injectBackward(inject [][]float64, grads []float64)
}

func newEngine(n *Net) engine {
	if n.cfg.Float64 {
		return &eng[float64]{net: n}
	}
	return &eng[float32]{net: n}
}

// blockRows is the number of rows a layer processes input by input
// (their edge sums, blockRows×nOut, stay in the L1 cache while every
// input adds to them). chunkRows is the unit of parallel work; it is fixed
// (not derived from the thread count) so that gradient partial sums,
// added chunk by chunk in order, do not depend on the number of threads.
const (
	blockRows = 128
	chunkRows = 1024
)

// eng is the engine for float type T. Per layer l it keeps the inputs
// column-major (xc: nIn×n). A layer pass evaluates each input's sigmoid,
// silu and local B-spline basis block by block into the worker's scratch
// (it stays in the L1 cache; the backward pass evaluates them again, the
// basis with derivatives, rather than keeping n×nIn×(K+3) values in
// memory: the passes were bound by that traffic) and multiplies the K+1 non-zero values by the
// matching rows of the weights directly (kernels.SplineAcc,
// kernels.SplineGrad): no dense design matrix.
type eng[T kernels.Float] struct {
	net     *Net
	n       int
	W       [][]T // per layer P×nOut weights, P = nIn·(nb+1)
	acts    [][]T // acts[l]: n × nodes of layer l
	sub     [][]T // per layer n×nOut edge sums (before multiplication nodes)
	xc      [][]T
	knots   [][]*kernels.Knots         // per layer and input, for adapted grids
	spl     [][]kernels.SplineKnots[T] // per layer and input, the forward's weights on the knots
	workers []*worker[T]
	dWpart  [][][]T   // per layer, per chunk ∂L/∂W partial sums
	dW      []float64 // their ordered total
}

// worker is the scratch one goroutine uses for one block of rows: the
// local basis of one input, dsilu/dx and input gradients.
type worker[T kernels.Float] struct {
	idx       []int32
	val, der  []T
	sig, silu []T
	ds, dx    []T
}

func (e *eng[T]) rows() int { return e.n }

// grow returns s resized to n elements, reusing its storage if possible.
func grow[S ~[]E, E any](s S, n int) S {
	if cap(s) >= n {
		return s[:n]
	}
	return make(S, n)
}

// prepare sizes the buffers for n rows.
func (e *eng[T]) prepare(n int) {
	net := e.net
	L := len(net.layers)
	if len(e.acts) != L+1 {
		e.acts = make([][]T, L+1)
		e.sub = make([][]T, L)
		e.xc = make([][]T, L)
		e.W = make([][]T, L)
	}
	for l, ly := range net.layers {
		e.acts[l] = grow(e.acts[l], n*ly.nIn)
		e.sub[l] = grow(e.sub[l], n*ly.nOut)
		e.xc[l] = grow(e.xc[l], n*ly.nIn)
		e.W[l] = grow(e.W[l], ly.nIn*(net.nb()+1)*ly.nOut)
	}
	e.acts[L] = grow(e.acts[L], n*net.NumOut())
	e.n = n
}

// parallel runs fn over the row chunks of n rows on up to
// kernels.Threads() goroutines, each with its own scratch.
func (e *eng[T]) parallel(n int, fn func(w *worker[T], c, r0, r1 int)) {
	nc := (n + chunkRows - 1) / chunkRows
	nt := max(1, min(kernels.Threads(), nc))
	for len(e.workers) < nt {
		e.workers = append(e.workers, &worker[T]{})
	}
	if nt == 1 {
		for c := 0; c < nc; c++ {
			panics.Point("kan.rows")
			fn(e.workers[0], c, c*chunkRows, min(n, (c+1)*chunkRows))
		}
		return
	}
	var next atomic.Int64
	var g panics.Group // a worker's panic is raised again in the caller
	for t := 0; t < nt; t++ {
		w := e.workers[t]
		g.Go(func() {
			for {
				c := int(next.Add(1) - 1)
				if c >= nc {
					return
				}
				panics.Point("kan.rows")
				fn(w, c, c*chunkRows, min(n, (c+1)*chunkRows))
			}
		})
	}
	g.Wait()
}

// weights fills W[l] from the parameters: row i·w is mask·scale_base,
// rows i·w+1+c are mask·scale_sp·coef_c.
func (e *eng[T]) weights(l int) {
	net := e.net
	ly := net.layers[l]
	nb := net.nb()
	w := nb + 1
	W := e.W[l]
	p := net.params
	for i := 0; i < ly.nIn; i++ {
		for j := 0; j < ly.nOut; j++ {
			m := ly.mask[i*ly.nOut+j]
			W[(i*w)*ly.nOut+j] = T(m * p[net.sbAt(ly, i, j)])
			sp := m * p[net.spAt(ly, i, j)]
			c := p[net.coefAt(ly, i, j):]
			for q := 0; q < nb; q++ {
				W[(i*w+1+q)*ly.nOut+j] = T(sp * c[q])
			}
		}
	}
}

// weightRows returns layer l's weights of input i: the silu row wb and
// the nb spline rows ws, each nOut wide (slices of W[l]).
func (e *eng[T]) weightRows(W []T, l, i int) (wb, ws []T) {
	ly := e.net.layers[l]
	w := e.net.nb() + 1
	m := ly.nOut
	return W[i*w*m : (i*w+1)*m], W[(i*w+1)*m : (i*w+w)*m]
}

func (e *eng[T]) forward(x []float64, n int, out []float64) {
	net := e.net
	e.prepare(n)
	for l := range net.layers {
		e.weights(l)
	}
	e.prepareKnots()
	fused := e.fusedForward(n)
	if fused {
		e.prepareSplines()
	}
	// Chunk-major: each chunk of rows goes through every layer while its
	// activations are still in cache.
	K := net.cfg.K
	e.parallel(n, func(wk *worker[T], _, r0, r1 int) {
		nIn := net.layers[0].nIn
		a0 := e.acts[0][r0*nIn : r1*nIn]
		for q, v := range x[r0*nIn : r1*nIn] {
			a0[q] = T(v)
		}
		toColumns(a0, nIn, e.xc[0][r0:], n)
		for l, ly := range net.layers {
			m, nn := ly.nOut, ly.out.Count()
			for b0 := r0; b0 < r1; b0 += blockRows {
				b1 := min(b0+blockRows, r1)
				y := e.sub[l][b0*m : b1*m]
				clear(y)
				for i := 0; i < ly.nIn; i++ {
					wb, ws := e.weightRows(e.W[l], l, i)
					if fused {
						kernels.SplineAccKnots(e.xc[l][i*n+b0:i*n+b1], &e.spl[l][i], wb, y)
						continue
					}
					idx, val, _ := e.blockBasis(wk, l, i, b0, b1, false)
					_, silu := e.blockSilu(wk, l, i, b0, b1)
					kernels.SplineAcc(m, K, idx, val, silu, wb, ws, y)
				}
				if len(net.cfg.Symbolic) > 0 {
					e.symForward(l, b0, b1)
				}
				// The block's node values, and while they are in L1
				// the next layer's input columns.
				a := e.acts[l+1][b0*nn : b1*nn]
				combine(ly.out, y, a, b1-b0)
				if l+1 < len(net.layers) {
					toColumns(a, nn, e.xc[l+1][b0:], n)
				}
			}
		}
		nOut := net.NumOut()
		for q, v := range e.acts[len(net.layers)][r0*nOut : r1*nOut] {
			out[r0*nOut+q] = float64(v)
		}
	})
}

// toColumns copies the rows of src (len(src)/cols rows of cols values)
// into columns: column i starts at dst[i*stride]. Row by row: src is read
// once in order and each column written in order (column by column
// would read a chunk's rows cols times, from L2).
func toColumns[T kernels.Float](src []T, cols int, dst []T, stride int) {
	rows := len(src) / cols
	if rows == 0 {
		return
	}
	_ = dst[(cols-1)*stride+rows-1]
	for r := 0; r < rows; r++ {
		for i, v := range src[r*cols : r*cols+cols] {
			dst[i*stride+r] = v
		}
	}
}

// combine turns n rows of edge sums (subnodes) into node values: sum
// nodes copy, multiplication nodes take the product of their group.
func combine[T kernels.Float](nodes Nodes, sub, act []T, n int) {
	ns, nn := nodes.Subnodes(), nodes.Count()
	if len(nodes.Mult) == 0 { // sum nodes only: the same rows
		copy(act[:n*nn], sub[:n*ns])
		return
	}
	for r := 0; r < n; r++ {
		s, a := sub[r*ns:(r+1)*ns], act[r*nn:(r+1)*nn]
		copy(a, s[:nodes.Sum])
		off := nodes.Sum
		for m, ar := range nodes.Mult {
			p := T(1)
			for _, v := range s[off : off+ar] {
				p *= v
			}
			a[nodes.Sum+m] = p
			off += ar
		}
	}
}

func (e *eng[T]) inputs(l int) []float64 {
	a := e.acts[l]
	out := make([]float64, len(a))
	for q, v := range a {
		out[q] = float64(v)
	}
	return out
}

func (e *eng[T]) edgeActs(l int, dst, spl []float64) {
	net := e.net
	ly := net.layers[l]
	n, K1 := e.n, net.cfg.K+1
	p := net.params
	e.prepareKnots()
	idx, val, sig := make([]int32, n), make([]T, n*K1), make([]T, n)
	for i := 0; i < ly.nIn; i++ {
		e.basis(l, i, e.xc[l][i*n:(i+1)*n], idx, val, nil)
		kernels.Sigmoid(sig, e.xc[l][i*n:(i+1)*n])
		for r := 0; r < n; r++ {
			x, s := float64(e.xc[l][i*n+r]), float64(sig[r])
			id := int(idx[r])
			v := val[r*K1 : (r+1)*K1]
			for j := 0; j < ly.nOut; j++ {
				c := p[net.coefAt(ly, i, j)+id:]
				sp := 0.0
				for q := range v {
					sp += c[q] * float64(v[q])
				}
				m := ly.mask[i*ly.nOut+j]
				dst[(r*ly.nIn+i)*ly.nOut+j] = m * (p[net.sbAt(ly, i, j)]*x*s + p[net.spAt(ly, i, j)]*sp)
				if spl != nil {
					spl[(r*ly.nIn+i)*ly.nOut+j] = sp
				}
			}
		}
	}
	e.symActs(l, dst)
}

func (e *eng[T]) basisRow(l, i, r int, val, der []float64) int {
	K1 := e.net.cfg.K + 1
	e.prepareKnots()
	var idx [1]int32
	v, d := make([]T, K1), make([]T, K1)
	e.basis(l, i, e.xc[l][i*e.n+r:i*e.n+r+1], idx[:], v, d)
	for c := range v {
		val[c] = float64(v[c])
	}
	if der != nil {
		for c := range d {
			der[c] = float64(d[c])
		}
	}
	return int(idx[0])
}
