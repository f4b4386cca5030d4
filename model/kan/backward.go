package kan

import "github.com/ansatz/ansatz/kernels"

// The backward pass: gradients with respect to the parameters (and,
// when asked, the inputs) for the rows of the last forward pass.

// uncombine is the adjoint of combine: from node gradients dAct to edge
// sum gradients dSub. A product's gradient to each factor is the product
// of the other factors (computed directly, so zeros are handled).
func uncombine[T kernels.Float](nodes Nodes, sub, dAct, dSub []T, n int) {
	ns, nn := nodes.Subnodes(), nodes.Count()
	for r := 0; r < n; r++ {
		s, da, ds := sub[r*ns:(r+1)*ns], dAct[r*nn:(r+1)*nn], dSub[r*ns:(r+1)*ns]
		copy(ds, da[:nodes.Sum])
		off := nodes.Sum
		for m, ar := range nodes.Mult {
			g := s[off : off+ar]
			for f := range g {
				p := da[nodes.Sum+m]
				for q, v := range g {
					if q != f {
						p *= v
					}
				}
				ds[off+f] = p
			}
			off += ar
		}
	}
}

func (e *eng[T]) backward(dout, dx []float64) {
	net := e.net
	clear(net.grads)
	nL := len(net.layers)
	dA := make([]T, len(e.acts[nL]))
	for q := range dA {
		dA[q] = T(dout[q])
	}
	e.backprop(dA, nL-1, nil, net.grads, dx)
}

func (e *eng[T]) injectBackward(inject [][]float64, grads []float64) {
	top := len(e.net.layers) - 1
	if top < 1 || inject[top] == nil {
		return
	}
	dA := make([]T, len(inject[top]))
	for q, v := range inject[top] {
		dA[q] = T(v)
	}
	e.backprop(dA, top-1, inject, grads, nil)
}

// backprop propagates dA (the gradient with respect to the node values
// that layer `from` outputs) down to the inputs, adding parameter
// gradients into grads. inject[l], when present, is an extra gradient
// with respect to layer l's inputs, added on the way (the regulariser's
// dependence on hidden activations). dx, if not nil, receives the
// gradient with respect to the network inputs.
func (e *eng[T]) backprop(dA []T, from int, inject [][]float64, grads, dx []float64) {
	net := e.net
	n := e.n
	w := net.nb() + 1
	nc := (n + chunkRows - 1) / chunkRows
	dYs := make([][]T, from+1)
	dXs := make([][]T, from+1)
	for l := 0; l <= from; l++ {
		ly := net.layers[l]
		dYs[l] = make([]T, n*ly.nOut)
		if l > 0 || dx != nil {
			dXs[l] = make([]T, n*ly.nIn)
		}
	}
	for len(e.dWpart) <= from {
		e.dWpart = append(e.dWpart, nil)
	}
	for l := 0; l <= from; l++ {
		for len(e.dWpart[l]) < nc {
			e.dWpart[l] = append(e.dWpart[l], nil)
		}
	}
	symPart := make([][]float64, nc) // per chunk, the symbolic edges' ∂L/∂(a,b,c,d)
	// Chunk-major, like forward: a chunk's rows go down through every
	// layer; only the weight gradients need a cross-chunk sum, done below
	// in chunk order so the result does not depend on the thread count.
	e.parallel(n, func(wk *worker[T], c, r0, r1 int) {
		dAl := dA
		for l := from; l >= 0; l-- {
			ly := net.layers[l]
			P := ly.nIn * w
			nn := ly.out.Count()
			dY, dX := dYs[l], dXs[l]
			uncombine(ly.out, e.sub[l][r0*ly.nOut:r1*ly.nOut], dAl[r0*nn:r1*nn], dY[r0*ly.nOut:r1*ly.nOut], r1-r0)
			e.dWpart[l][c] = grow(e.dWpart[l][c], P*ly.nOut)
			dW := e.dWpart[l][c]
			clear(dW)
			for b0 := r0; b0 < r1; b0 += blockRows {
				e.blockGrad(wk, l, b0, min(b0+blockRows, r1), dY, dW, dX)
			}
			if ns := len(net.cfg.Symbolic); ns > 0 {
				if l == from {
					symPart[c] = make([]float64, 4*ns)
				}
				e.symBackward(l, r0, r1, dY, dX, symPart[c])
			}
			if dX != nil && l > 0 && inject != nil && inject[l] != nil {
				for q := r0 * ly.nIn; q < r1*ly.nIn; q++ {
					dX[q] += T(inject[l][q])
				}
			}
			dAl = dX
		}
	})
	for l := from; l >= 0; l-- {
		ly := net.layers[l]
		size := ly.nIn * w * ly.nOut
		e.dW = grow(e.dW, size)
		clear(e.dW)
		for c := 0; c < nc; c++ {
			for q, v := range e.dWpart[l][c][:size] {
				e.dW[q] += float64(v)
			}
		}
		e.paramGrads(l, grads)
	}
	for _, part := range symPart { // in chunk order, as the weights
		for q, v := range part {
			grads[net.symOff()+q] += v
		}
	}
	if dx != nil {
		for q := range dx[:n*net.NumIn()] {
			dx[q] = float64(dXs[0][q])
		}
	}
}

// blockGrad back-propagates rows b0..b1 of dY through layer l, input by
// input: weight gradients into dW (laid out as W) and, when dX is not
// nil, input gradients into dX (n×nIn).
func (e *eng[T]) blockGrad(wk *worker[T], l, b0, b1 int, dY, dW, dX []T) {
	net := e.net
	ly := net.layers[l]
	n, m := e.n, ly.nOut
	b := b1 - b0
	wk.ds = grow(wk.ds, b)
	wk.dx = grow(wk.dx, b)
	var dx []T
	if dX != nil {
		dx = wk.dx
	}
	for i := 0; i < ly.nIn; i++ {
		xc := e.xc[l][i*n+b0 : i*n+b1]
		sg, silu := e.blockSilu(wk, l, i, b0, b1)
		if dx != nil {
			for r, x := range xc { // d silu/dx = σ(x)·(1 + x·(1-σ(x)))
				s := sg[r]
				wk.ds[r] = s * (1 + x*(1-s))
			}
		}
		idx, val, der := e.blockBasis(wk, l, i, b0, b1, dx != nil)
		wb, ws := e.weightRows(e.W[l], l, i)
		gb, gs := e.weightRows(dW, l, i)
		kernels.SplineGrad(m, net.cfg.K, idx, val, der, silu, wk.ds, wb, ws,
			dY[b0*m:b1*m], gb, gs, dx)
		for r, v := range dx {
			dX[(b0+r)*ly.nIn+i] = v
		}
	}
}

// paramGrads adds ∂L/∂W of layer l, mapped to the parameters, to g.
func (e *eng[T]) paramGrads(l int, g []float64) {
	net := e.net
	ly := net.layers[l]
	nb := net.nb()
	w := nb + 1
	p := net.params
	for i := 0; i < ly.nIn; i++ {
		for j := 0; j < ly.nOut; j++ {
			m := ly.mask[i*ly.nOut+j]
			if m == 0 {
				continue
			}
			g[net.sbAt(ly, i, j)] += m * e.dW[(i*w)*ly.nOut+j]
			sp := p[net.spAt(ly, i, j)]
			c := p[net.coefAt(ly, i, j):]
			gc := g[net.coefAt(ly, i, j):]
			dsp := 0.0
			for q := 0; q < nb; q++ {
				d := m * e.dW[(i*w+1+q)*ly.nOut+j]
				dsp += d * c[q]
				gc[q] += d * sp
			}
			g[net.spAt(ly, i, j)] += dsp
		}
	}
}
