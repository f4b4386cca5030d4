package kernels

import (
	"fmt"
	"math"
)

// Grid is a uniform B-spline grid as used by KAN layers: G intervals of
// width h = (Hi-Lo)/G on [Lo, Hi], extended by K intervals on each side, so
// there are G+2K+1 knots t_j = Lo + (j-K)·h (j = 0 … G+2K) and G+K basis
// functions B_0 … B_{G+K-1} of order K (degree K; K=3 is cubic).
//
// Conventions (those of the KAN paper's reference implementation, and of
// testdata/reference/bspline_reference.json):
//   - order 0: B_{j,0}(x) = 1 on the half-open [t_j, t_{j+1}), else 0;
//   - Cox–de Boor: B_{i,k} is (x-t_i)/(t_{i+k}-t_i)·B_{i,k-1} plus
//     (t_{i+k+1}-x)/(t_{i+k+1}-t_{i+1})·B_{i+1,k-1}, with 0/0 taken as 0;
//   - points outside [t_0, t_{G+2K}) get all zeros (so x = t_{G+2K} is
//     outside), and so do ±Inf;
//   - NaN x gives NaN in every value and derivative (index 0), so a NaN in
//     the data can never silently turn into a zero feature.
//
// Knots are computed as Lo + float64(j-K)*h with the product rounded before
// the sum, exactly as the reference file lists them; a point is placed in
// the interval of those rounded knots, so points exactly on a knot follow
// the half-open rule bit for bit.
type Grid struct {
	Lo, Hi float64
	G, K   int
}

// MaxBasisOrder is the largest order K the basis kernels accept.
const MaxBasisOrder = 15

// Step is the knot spacing h = (Hi-Lo)/G.
func (g Grid) Step() float64 { return (g.Hi - g.Lo) / float64(g.G) }

// NumFuncs is the number of basis functions, G+K.
func (g Grid) NumFuncs() int { return g.G + g.K }

// Knot is t_j = Lo + (j-K)·h, the product rounded before the addition.
func (g Grid) Knot(j int) float64 {
	return g.Lo + float64(float64(j-g.K)*g.Step())
}

// Knots returns the G+2K+1 knots of the extended grid, for
// BasisLocalKnots64 or for a KAN that starts adapting its grid.
func (g Grid) Knots() []float64 {
	t := make([]float64, g.G+2*g.K+1)
	for j := range t {
		t[j] = g.Knot(j)
	}
	return t
}

// Validate reports why a grid cannot be used, or nil.
func (g Grid) Validate() error {
	switch {
	case g.G < 1:
		return fmt.Errorf("basis grid: G = %d intervals, want >= 1", g.G)
	case g.K < 0 || g.K > MaxBasisOrder:
		return fmt.Errorf("basis grid: order K = %d, want 0..%d", g.K, MaxBasisOrder)
	case math.IsNaN(g.Lo) || math.IsNaN(g.Hi) || math.IsInf(g.Lo, 0) || math.IsInf(g.Hi, 0):
		return fmt.Errorf("basis grid: range [%g, %g] is not finite", g.Lo, g.Hi)
	case !(g.Hi > g.Lo):
		return fmt.Errorf("basis grid: range [%g, %g] is empty", g.Lo, g.Hi)
	}
	return nil
}

// mustValidate panics on a bad grid: grids come from code, not users, so
// a bad one is a programming error, like a too-short slice.
func (g Grid) mustValidate() {
	if err := g.Validate(); err != nil {
		panic("kernels: " + err.Error())
	}
}

// checkLocalLens panics unless idx holds n entries, val n·(K+1) and der
// (when not nil) n·(K+1).
func checkLocalLens(n, k, nidx, nval, nder int, hasDer bool) {
	w := n * (k + 1)
	if nidx < n || nval < w || (hasDer && nder < w) {
		panic(fmt.Sprintf("kernels: basis output too short: %d points of order %d need idx %d, val/der %d; have %d, %d, %d",
			n, k, n, w, nidx, nval, nder))
	}
}

// BasisLocal evaluates, for each x[i], the K+1 basis functions that can
// be non-zero there. idx[i] is the first of them, clamped to [0, G-1], and
// val[i*(K+1)+r] = B_{idx[i]+r}(x[i]) — exactly the dense form's entry in
// that column, zeros included (near and beyond the ends of the extended
// grid some of the K+1 are zero). der, when not nil, gets dB/dx likewise
// (the derivative from the right at knots, following the half-open rule).
// idx must hold len(x) entries, val and der len(x)·(K+1); it panics on a
// shorter output or an invalid grid.
//
// For float32 points the point is located among the knots rounded to
// float32 (lo32 + f·h32, each step rounded to float32; see locate32), so
// every implementation places a float32 point on the same side of a knot;
// the values then agree with the float64 basis to about 1e-7. The float32
// knots must stay distinct and increasing: keep h above about
// 1e-4·max(|Lo|, |Hi|).
func BasisLocal[T Float](x []T, g Grid, idx []int32, val, der []T) {
	g.mustValidate()
	checkLocalLens(len(x), g.K, len(idx), len(val), len(der), der != nil)
	tableOf[T]().basisLocal(x, g, idx, val, der)
}

// basisOrders returns a BasisLocal kernel that runs asm for orders 1 …
// maxK (the orders an ISA has assembly for) and the reference ref for the
// others.
func basisOrders[T Float](maxK int, asm, ref func(x []T, g Grid, idx []int32, val, der []T)) func(x []T, g Grid, idx []int32, val, der []T) {
	return func(x []T, g Grid, idx []int32, val, der []T) {
		if g.K < 1 || g.K > maxK {
			ref(x, g, idx, val, der)
			return
		}
		asm(x, g, idx, val, der)
	}
}

// denseChunk is how many points BasisDense evaluates per local call; the
// scratch stays in the L1 cache.
const denseChunk = 256

// BasisDense writes the full basis: out[i*(G+K)+c] = B_c(x[i]) for all
// G+K functions (a NaN x gives a row of NaN). out must hold len(x)·(G+K)
// values. It scatters the local form, so it runs the same kernel.
func BasisDense[T Float](x []T, g Grid, out []T) {
	g.mustValidate()
	nf, w := g.NumFuncs(), g.K+1
	if len(out) < len(x)*nf {
		panic(fmt.Sprintf("kernels: basis dense output too short: %d points x %d functions need %d, have %d",
			len(x), nf, len(x)*nf, len(out)))
	}
	m := min(len(x), denseChunk)
	idx := make([]int32, m)
	val := make([]T, m*w)
	for lo := 0; lo < len(x); lo += denseChunk {
		xs := x[lo:min(lo+denseChunk, len(x))]
		BasisLocal(xs, g, idx[:len(xs)], val[:len(xs)*w], nil)
		for i, xi := range xs {
			row := out[(lo+i)*nf : (lo+i+1)*nf]
			if xi != xi {
				for c := range row {
					row[c] = xi
				}
				continue
			}
			clear(row)
			copy(row[idx[i]:], val[i*w:(i+1)*w])
		}
	}
}
