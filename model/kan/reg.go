package kan

import "math"

// SetReg sets the regularisation weights Penalty uses (zero disables).
func (n *Net) SetReg(r Reg) { n.reg = r }

// Penalty implements model.Regularizer: pykan's regulariser of the last
// forward pass, times Lamb, with its gradient added to grads. Per layer,
// with s_ij = std(φ_ij)/(std(x_i)+0.1) the edge scales (pykan's
// reg_metric "edge_forward_spline_n"):
//
//	λ_l1·Σ s + λ_entropy·(row entropy + column entropy of s)
//	+ λ_coef·Σ_edges mean|coef| + λ_coefdiff·Σ_edges mean|Δcoef|.
//
// The gradient is complete, as pykan's autograd: the scale terms depend
// on each layer's inputs, so their input gradients are back-propagated
// through the layers below (one extra backward pass).
func (n *Net) Penalty(grads []float64) float64 {
	r := n.reg
	if r.Lamb == 0 || n.eng.rows() < 2 {
		return 0
	}
	total := 0.0
	inject := make([][]float64, len(n.layers))
	for l := range n.layers {
		if r.LambL1 != 0 || r.LambEntropy != 0 {
			if l > 0 {
				inject[l] = make([]float64, n.eng.rows()*n.layers[l].nIn)
			}
			total += n.scalePenalty(l, r, grads, inject[l])
		}
		if r.LambCoef != 0 || r.LambCoefDiff != 0 {
			total += n.coefPenalty(l, r, grads)
		}
	}
	n.eng.injectBackward(inject, grads)
	return total
}

// edgeStats computes per edge of layer l: activations (n×nIn×nOut), the
// spline sums, their mean and std, and the input ranges std(x_i)+0.1.
type edgeStats struct {
	act, spl  []float64
	mean, std []float64
	xr        []float64 // std(x_i) + 0.1
	xm, xs    []float64 // mean and std of x_i
	x         []float64
	rows      int
	nIn, nOut int
}

func (n *Net) edgeStats(l int) *edgeStats {
	ly := n.layers[l]
	rows := n.eng.rows()
	s := &edgeStats{rows: rows, nIn: ly.nIn, nOut: ly.nOut,
		act: make([]float64, rows*ly.nIn*ly.nOut), spl: make([]float64, rows*ly.nIn*ly.nOut),
		mean: make([]float64, ly.nIn*ly.nOut), std: make([]float64, ly.nIn*ly.nOut), xr: make([]float64, ly.nIn),
		xm: make([]float64, ly.nIn), xs: make([]float64, ly.nIn)}
	n.eng.edgeActs(l, s.act, s.spl)
	s.x = n.eng.inputs(l)
	for i := 0; i < ly.nIn; i++ {
		s.xm[i], s.xs[i] = meanStd(rows, func(r int) float64 { return s.x[r*ly.nIn+i] })
		s.xr[i] = s.xs[i] + 0.1
		for j := 0; j < ly.nOut; j++ {
			e := i*ly.nOut + j
			s.mean[e], s.std[e] = meanStd(rows, func(r int) float64 { return s.act[r*ly.nIn*ly.nOut+e] })
		}
	}
	return s
}

// meanStd is the mean and population standard deviation of n values.
func meanStd(n int, at func(int) float64) (float64, float64) {
	m := 0.0
	for r := 0; r < n; r++ {
		m += at(r)
	}
	m /= float64(n)
	v := 0.0
	for r := 0; r < n; r++ {
		d := at(r) - m
		v += d * d
	}
	return m, math.Sqrt(v / float64(n))
}

const entEps = 1e-4

// entropyTerm returns -Σ p·log2(p+ε) over a vector normalised by
// (Σ+1), and the gradient with respect to each unnormalised entry.
func entropyTerm(v []float64, grad []float64) float64 {
	S := 1.0
	for _, x := range v {
		S += x
	}
	h, dot := 0.0, 0.0
	hp := make([]float64, len(v))
	for k, x := range v {
		p := x / S
		h -= p * math.Log2(p+entEps)
		hp[k] = -math.Log2(p+entEps) - p/((p+entEps)*math.Ln2)
		dot += hp[k] * x
	}
	for k := range v {
		grad[k] = hp[k]/S - dot/(S*S)
	}
	return h
}

// scalePenalty is the L1 + entropy term of layer l. Its gradient with
// respect to the layer's inputs is added to inject (n×nIn) when not nil.
func (n *Net) scalePenalty(l int, r Reg, grads, inject []float64) float64 {
	ly := n.layers[l]
	st := n.edgeStats(l)
	nIn, nOut := ly.nIn, ly.nOut
	s := make([]float64, nIn*nOut)
	for e := range s {
		s[e] = st.std[e] / st.xr[e/nOut]
	}
	ds := make([]float64, nIn*nOut) // ∂reg/∂s
	val := 0.0
	for e := range s {
		val += r.LambL1 * s[e]
		ds[e] = r.LambL1
	}
	row := make([]float64, nIn)
	gr := make([]float64, nIn)
	for j := 0; j < nOut; j++ { // per output node, over inputs
		for i := range row {
			row[i] = s[i*nOut+j]
		}
		val += r.LambEntropy * entropyTerm(row, gr) / float64(nOut)
		for i := range row {
			ds[i*nOut+j] += r.LambEntropy * gr[i] / float64(nOut)
		}
	}
	col := make([]float64, nOut)
	gc := make([]float64, nOut)
	for i := 0; i < nIn; i++ {
		copy(col, s[i*nOut:(i+1)*nOut])
		val += r.LambEntropy * entropyTerm(col, gc) / float64(nIn)
		for j := range col {
			ds[i*nOut+j] += r.LambEntropy * gc[j] / float64(nIn)
		}
	}
	// Chain rule through s = std(φ)/xr into scale_base, scale_sp, coef,
	// and into the inputs x (through φ(x) and through xr).
	K1 := n.cfg.K + 1
	rows := st.rows
	silu := make([]float64, rows)
	dsilu := make([]float64, rows)
	ids := make([]int, rows)
	bv := make([]float64, rows*K1)
	bd := make([]float64, rows*K1)
	for i := 0; i < nIn; i++ {
		for q := 0; q < rows; q++ {
			x := st.x[q*nIn+i]
			sg := 1 / (1 + math.Exp(-x))
			silu[q], dsilu[q] = x*sg, sg*(1+x*(1-sg))
			ids[q] = n.eng.basisRow(l, i, q, bv[q*K1:(q+1)*K1], bd[q*K1:(q+1)*K1])
		}
		for j := 0; j < nOut; j++ {
			e := i*nOut + j
			m := ly.mask[e]
			if m == 0 || st.std[e] == 0 {
				continue
			}
			k := r.Lamb * ds[e] / (st.xr[i] * float64(rows) * st.std[e])
			sb, sp := n.params[n.sbAt(ly, i, j)], n.params[n.spAt(ly, i, j)]
			coef := n.params[n.coefAt(ly, i, j):]
			gsb, gsp := 0.0, 0.0
			gc := grads[n.coefAt(ly, i, j):]
			for q := 0; q < rows; q++ {
				w := k * (st.act[q*nIn*nOut+e] - st.mean[e]) * m
				gsb += w * silu[q]
				gsp += w * st.spl[q*nIn*nOut+e]
				ws := w * sp
				dspl := 0.0
				for c, b := range bv[q*K1 : (q+1)*K1] {
					gc[ids[q]+c] += ws * b
					dspl += coef[ids[q]+c] * bd[q*K1+c]
				}
				if inject != nil {
					inject[q*nIn+i] += w * (sb*dsilu[q] + sp*dspl)
				}
			}
			grads[n.sbAt(ly, i, j)] += gsb
			grads[n.spAt(ly, i, j)] += gsp
			if inject != nil && st.xs[i] > 0 {
				// s = std(φ)/(std(x)+0.1): the denominator's share.
				k2 := -r.Lamb * ds[e] * s[e] / (st.xr[i] * float64(rows) * st.xs[i])
				for q := 0; q < rows; q++ {
					inject[q*nIn+i] += k2 * (st.x[q*nIn+i] - st.xm[i])
				}
			}
		}
	}
	return r.Lamb * val
}

// coefPenalty is the λ_coef and λ_coefdiff terms of layer l.
func (n *Net) coefPenalty(l int, r Reg, grads []float64) float64 {
	ly := n.layers[l]
	nb := n.nb()
	val := 0.0
	for i := 0; i < ly.nIn; i++ {
		for j := 0; j < ly.nOut; j++ {
			at := n.coefAt(ly, i, j)
			c, g := n.params[at:at+nb], grads[at:at+nb]
			for q, v := range c {
				val += r.LambCoef * math.Abs(v) / float64(nb)
				g[q] += r.Lamb * r.LambCoef * sign(v) / float64(nb)
			}
			if nb > 1 {
				for q := 0; q+1 < nb; q++ {
					d := c[q+1] - c[q]
					val += r.LambCoefDiff * math.Abs(d) / float64(nb-1)
					g[q+1] += r.Lamb * r.LambCoefDiff * sign(d) / float64(nb-1)
					g[q] -= r.Lamb * r.LambCoefDiff * sign(d) / float64(nb-1)
				}
			}
		}
	}
	return r.Lamb * val
}

func sign(v float64) float64 {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}
