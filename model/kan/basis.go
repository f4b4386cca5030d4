package kan

import (
	"github.com/ansatz/ansatz/kernels"
)

// prepareKnots brings the engine's prepared knot vectors up to date with
// the layers' knots (a grid update or refit replaces them), before a pass
// evaluates them from several goroutines. Uniform grids get one too: the
// general-knot kernel (a table row per interval) runs faster than the
// uniform one's per-point arithmetic.
func (e *eng[T]) prepareKnots() {
	net := e.net
	K := net.cfg.K
	if len(e.knots) != len(net.layers) {
		e.knots = make([][]*kernels.Knots, len(net.layers))
	}
	for l, ly := range net.layers {
		if len(e.knots[l]) != ly.nIn {
			e.knots[l] = make([]*kernels.Knots, ly.nIn)
		}
		for i, t := range ly.knots {
			if e.knots[l][i].Equal(t, K) {
				continue
			}
			kn, err := kernels.NewKnots(t, K)
			if err != nil {
				panic("kan: layer knots: " + err.Error()) // knots are built by this package
			}
			e.knots[l][i] = kn
		}
	}
}

// fusedForward reports whether a forward pass over n rows runs the fused
// kernel (kernels.SplineAccKnots), whose per-pass table multiplies each
// input's weights into its K+1 polynomials on every knot interval: about
// intervals·(K+1)² multiply-adds per output, against K+1 saved per
// output and row, so it pays from (intervals)·(K+1) rows on.
func (e *eng[T]) fusedForward(n int) bool {
	K := e.net.cfg.K
	intervals := e.net.cfg.Grid + 2*K
	return n >= intervals*(K+1)
}

// prepareSplines sets each layer input's fused-forward weights from W and
// the prepared knots (after weights and prepareKnots).
func (e *eng[T]) prepareSplines() {
	net := e.net
	if len(e.spl) != len(net.layers) {
		e.spl = make([][]kernels.SplineKnots[T], len(net.layers))
	}
	for l, ly := range net.layers {
		if len(e.spl[l]) != ly.nIn {
			e.spl[l] = make([]kernels.SplineKnots[T], ly.nIn)
		}
		for i := range e.spl[l] {
			_, ws := e.weightRows(e.W[l], l, i)
			e.spl[l][i].Set(e.knots[l][i], ly.nOut, ws)
		}
	}
}

// basis evaluates the local B-spline basis of layer input i on col in T.
func (e *eng[T]) basis(l, i int, col []T, idx []int32, val, der []T) {
	kernels.BasisLocalKnots(col, e.knots[l][i], idx, val, der)
}

// blockBasis evaluates the local basis of layer l's input i on rows
// b0..b1 of the last forward into the worker's scratch, with derivatives
// when der is set.
func (e *eng[T]) blockBasis(wk *worker[T], l, i, b0, b1 int, der bool) ([]int32, []T, []T) {
	b, K1 := b1-b0, e.net.cfg.K+1
	wk.idx = grow(wk.idx, b)
	wk.val = grow(wk.val, b*K1)
	var d []T
	if der {
		wk.der = grow(wk.der, b*K1)
		d = wk.der
	}
	e.basis(l, i, e.xc[l][i*e.n+b0:i*e.n+b1], wk.idx, wk.val, d)
	return wk.idx, wk.val, d
}

// blockSilu evaluates σ(x) and silu(x) = x·σ(x) of layer l's input i on
// rows b0..b1 into the worker's scratch.
func (e *eng[T]) blockSilu(wk *worker[T], l, i, b0, b1 int) (sig, silu []T) {
	x := e.xc[l][i*e.n+b0 : i*e.n+b1]
	wk.sig = grow(wk.sig, len(x))
	wk.silu = grow(wk.silu, len(x))
	kernels.Sigmoid(wk.sig, x)
	kernels.Mul(wk.silu, x, wk.sig)
	return wk.sig, wk.silu
}

// basisAt evaluates the local basis of an arbitrary knot vector at x in
// float64 (for least-squares refits): idx per point and K+1 values each.
func basisAt(x, knots []float64, K int) ([]int32, []float64) {
	idx := make([]int32, len(x))
	val := make([]float64, len(x)*(K+1))
	kernels.BasisLocalKnots64(x, knots, K, idx, val, nil)
	return idx, val
}

// isUniform reports whether the knots are evenly spaced (to rounding).
func isUniform(t []float64) bool {
	h := (t[len(t)-1] - t[0]) / float64(len(t)-1)
	for j := range t {
		if d := t[j] - (t[0] + float64(j)*h); d > 1e-12*max(1, abs(t[0]), abs(t[len(t)-1])) || -d > 1e-12*max(1, abs(t[0]), abs(t[len(t)-1])) {
			return false
		}
	}
	return true
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}
