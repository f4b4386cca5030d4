package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// The kernel in force (AVX2, NEON, or generic with -isa generic / purego)
// must agree with the references: the same idx, zeros and NaNs in the same
// places, and values within a few rounding errors.

// basisSizes are the point counts every kernel is tested at.
func basisSizes(lanes int) []int {
	return []int{0, 1, lanes - 1, lanes, lanes + 1, 3*lanes + 1, 1000, 100000}
}

// basisTol is the allowed difference of values and derivatives: a few
// rounding errors per Horner step (both sides compute u = (x-t_j)/h
// against the same knot, so no error grows with |x|/h).
func basisTol(g Grid, x, eps float64) (val, der float64) {
	val = 4 * eps * float64(g.K+1)
	return val, val * float64(g.K+1) / g.Step()
}

// checkBasis runs BasisLocal on x (a sub-slice at offset off of a larger
// buffer, with NaN guard bands behind every output) and compares it with
// the generic reference for T: the same idx, values and derivatives within
// basisTol of T's epsilon, NaN where it has NaN, and der untouched when nil.
func checkBasis[T Float](t *testing.T, g Grid, x []T, withDer bool) {
	t.Helper()
	n, w := len(x), g.K+1
	idx, val, der := guardedBasis(t, fmt.Sprintf("%+v", g), n, w, withDer, func(idx []int32, val, der []T) {
		BasisLocal(x, g, idx, val, der)
	})
	gi, gv, gd := make([]int32, n), make([]T, n*w), make([]T, n*w)
	tableIn[T](buildSet(Generic)).basisLocal(x, g, gi, gv, gd)
	eps := 0x1p-52
	if sizeOf[T]() == 4 {
		eps = 0x1p-23
	}
	for i := range x {
		if idx[i] != gi[i] {
			t.Fatalf("%+v x=%v: idx %d, reference %d", g, x[i], idx[i], gi[i])
		}
		tv, td := basisTol(g, float64(x[i]), eps)
		for r := 0; r < w; r++ {
			a, b := float64(val[i*w+r]), float64(gv[i*w+r])
			if !closeOrBothNaN(a, b, tv) {
				t.Fatalf("%+v x=%v r=%d: value %v, reference %v (tol %g)", g, x[i], r, a, b, tv)
			}
			if withDer {
				a, b = float64(der[i*w+r]), float64(gd[i*w+r])
				if !closeOrBothNaN(a, b, td) {
					t.Fatalf("%+v x=%v r=%d: derivative %v, reference %v (tol %g)", g, x[i], r, a, b, td)
				}
			}
		}
	}
}

// guardedBasis runs eval on outputs for n points of w values followed by
// guard bands (idx -7, values NaN), with der NaN-filled and passed as nil
// unless withDer, and fails if eval wrote past the outputs or into an
// unwanted der. It returns the outputs.
func guardedBasis[T Float](t *testing.T, what string, n, w int, withDer bool, eval func(idx []int32, val, der []T)) ([]int32, []T, []T) {
	t.Helper()
	const guard = 17
	idx := make([]int32, n+guard)
	val, der := make([]T, n*w+guard), make([]T, n*w+guard)
	nan := T(math.NaN())
	for i := range val {
		val[i], der[i] = nan, nan
	}
	for i := range idx {
		idx[i] = -7
	}
	var d []T
	if withDer {
		d = der[:n*w]
	}
	eval(idx[:n], val[:n*w], d)
	for i := 0; i < guard; i++ {
		if idx[n+i] != -7 || val[n*w+i] == val[n*w+i] || der[n*w+i] == der[n*w+i] {
			t.Fatalf("%s n=%d: wrote past the end (guard %d)", what, n, i)
		}
	}
	if !withDer && slices.ContainsFunc(der, func(v T) bool { return v == v }) {
		t.Fatalf("%s: der written although nil", what)
	}
	return idx, val, der
}

func to32(x []float64) []float32 {
	out := make([]float32, len(x))
	for i, v := range x {
		out[i] = float32(v)
	}
	return out
}

// TestBasisImplSizes covers every order 0…7 (assembly for 1…5), the
// awkward sizes, unaligned starts and guard bands, with and without
// derivatives.
func TestBasisImplSizes(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for k := 0; k <= 7; k++ {
		g := Grid{Lo: -1.3, Hi: 2.1, G: 7, K: k}
		for _, lanes := range []int{4, 8} {
			for _, n := range basisSizes(lanes) {
				if n == 100000 && (k != 3 || testing.Short()) {
					continue
				}
				off := rng.IntN(3)
				buf := basisTestPoints(rng, g, n+off)
				x := buf[off:]
				checkBasis(t, g, x, n%2 == 0)
				checkBasis(t, g, x, n%2 == 1)
				x32 := to32(buf)[off:]
				checkBasis(t, g, x32, n%2 == 0)
				checkBasis(t, g, x32, n%2 == 1)
			}
		}
	}
}

// TestBasisImplRandomGrids: many grids, including ones far from zero and
// with large G, where float32 rounding of the knots matters most.
func TestBasisImplRandomGrids(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for trial := 0; trial < 300; trial++ {
		g := randomGrid(rng, 6)
		if trial%3 == 0 {
			g.Lo += 100 * rng.NormFloat64()
			g.Hi = g.Lo + 0.5 + 10*rng.Float64()
			g.G = 1 + rng.IntN(200)
		}
		x := basisTestPoints(rng, g, 37)
		checkBasis(t, g, x, true)
		checkBasis(t, g, to32(x), true)
	}
}

// TestBasisImplKnotPoints puts every point exactly on a knot or one ulp
// either side: the half-open rule must pick the same interval everywhere.
func TestBasisImplKnotPoints(t *testing.T) {
	for k := 0; k <= 5; k++ {
		g := Grid{Lo: -2, Hi: 3, G: 10, K: k}
		var x []float64
		for j := 0; j <= g.G+2*g.K; j++ {
			t := g.Knot(j)
			x = append(x, t, math.Nextafter(t, math.Inf(1)), math.Nextafter(t, math.Inf(-1)))
		}
		checkBasis(t, g, x, true)
		var x32 []float32
		p := newLocator32(g)
		for j := 0; j <= g.G+2*g.K; j++ {
			t := p.lo + float32(float32(j-g.K)*p.h)
			x32 = append(x32, t, math.Nextafter32(t, float32(math.Inf(1))), math.Nextafter32(t, float32(math.Inf(-1))))
		}
		checkBasis(t, g, x32, true)
	}
}

// TestBasisDenseMatchesLocal: every dense row is the local window placed
// at idx, zeros elsewhere.
func TestBasisDenseMatchesLocal(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	for trial := 0; trial < 20; trial++ {
		g := randomGrid(rng, 5)
		x := basisTestPoints(rng, g, 300+rng.IntN(300))
		nf, w := g.NumFuncs(), g.K+1
		dense := make([]float64, len(x)*nf)
		BasisDense(x, g, dense)
		dense32 := make([]float32, len(x)*nf)
		BasisDense(to32(x), g, dense32)
		idx, val := make([]int32, len(x)), make([]float64, len(x)*w)
		BasisLocal(x, g, idx, val, nil)
		idx32, val32 := make([]int32, len(x)), make([]float32, len(x)*w)
		BasisLocal(to32(x), g, idx32, val32, nil)
		for i := range x {
			for c := 0; c < nf; c++ {
				want := 0.0
				if r := c - int(idx[i]); r >= 0 && r < w {
					want = val[i*w+r]
				}
				if math.IsNaN(x[i]) {
					want = math.NaN()
				}
				got := dense[i*nf+c]
				if !closeOrBothNaN(got, want, 0) {
					t.Fatalf("%+v x=%v column %d: dense %v, local %v", g, x[i], c, got, want)
				}
				want32 := float32(0)
				if r := c - int(idx32[i]); r >= 0 && r < w {
					want32 = val32[i*w+r]
				}
				if math.IsNaN(x[i]) {
					want32 = float32(math.NaN())
				}
				if !closeOrBothNaN(float64(dense32[i*nf+c]), float64(want32), 0) {
					t.Fatalf("%+v x=%v column %d: dense32 %v, local32 %v", g, x[i], c, dense32[i*nf+c], want32)
				}
			}
		}
	}
}

// TestBasisImplName: every basis kernel (uniform, general-knot, fused
// layer) runs the ISA in force (each has assembly for every ISA Available
// lists), so the comparisons above really test the assembly unless -isa
// generic or purego is used.
func TestBasisImplName(t *testing.T) {
	_, impl := Implementations()
	if impl["basis"] != Current() {
		t.Fatalf("basis runs %q, ISA in force is %q", impl["basis"], Current())
	}
}
