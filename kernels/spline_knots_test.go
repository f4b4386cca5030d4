package kernels

import (
	"math"
	"math/rand/v2"
	"testing"
)

// SplineAccKnots in force must agree with the loop of its doc comment
// (basisKnotsGeneric, then splineAccGeneric) within a few rounding errors
// of T per unit of |y|+|s·wb| plus, per weight, its magnitude times the
// absolute coefficient sum of its basis polynomial on the point's
// interval (the assembly evaluates the weighted polynomials by Horner),
// the silu term with silu from siluGeneric.

// checkSplineKnots runs SplineAccKnots on x with m outputs and random
// weights (NaN guard band behind y) and compares it with the reference.
func checkSplineKnots[T Float](t *testing.T, rng *rand.Rand, kn *Knots, x []T, m int) {
	t.Helper()
	n, k := len(x), kn.k
	w := k + 1
	rnd := func(l int, specials bool) []T {
		out := make([]T, l)
		for i := range out {
			out[i] = T(rng.NormFloat64())
			if specials && rng.IntN(40) == 0 {
				out[i] = T([]float64{math.NaN(), math.Inf(1), math.Inf(-1), 0}[rng.IntN(4)])
			}
		}
		return out
	}
	ws, wb := rnd(kn.NumFuncs()*m, false), rnd(m, false)
	y0 := rnd(n*m, false)
	var sp SplineKnots[T]
	sp.Set(kn, m, ws)
	const guard = 9
	y := withGuard(y0, guard)
	SplineAccKnots(x, &sp, wb, y[:n*m])
	checkGuard(t, "SplineAccKnots y", y, n*m)

	idx, val, s := make([]int32, n), make([]T, n*w), make([]T, n)
	basisKnotsGeneric(x, kn, idx, val, nil)
	siluGeneric(s, x)
	yr := append([]T(nil), y0...)
	splineAccGeneric(m, k, idx, val, s, wb, ws, yr)
	eps := 0x1p-52
	if sizeOf[T]() == 4 {
		eps = 0x1p-23
	}
	tr := knotsOf[T](kn)
	for r := 0; r < n; r++ {
		// |coefficients| of the functions on x's interval (outside: none).
		var absPoly [MaxBasisOrder + 1]float64
		j := sortSearchT(tr, x[r])
		if j >= 0 && j+1 < len(tr) && kn.t[j+1] > kn.t[j] {
			polys := knotsPolys(kn.t, k, j)
			for q := 0; q <= k; q++ {
				if sl := int(idx[r]) + q - (j - k); sl >= 0 && sl <= k {
					for _, c := range polys[sl][:k+1] {
						absPoly[q] += math.Abs(c)
					}
				}
			}
		}
		for o := 0; o < m; o++ {
			mag := math.Abs(float64(y0[r*m+o])) + math.Abs(float64(s[r]*wb[o]))
			for q := 0; q < w; q++ {
				mag += (1 + absPoly[q]) * math.Abs(float64(ws[(int(idx[r])+q)*m+o]))
			}
			tol := 64 * eps * float64(k+2) * mag
			a, b := float64(y[r*m+o]), float64(yr[r*m+o])
			if !closeOrBothNaN(a, b, tol) && !(math.IsInf(a, 0) && a == b) {
				t.Fatalf("SplineAccKnots k=%d m=%d n=%d knots %v x=%v s=%v row %d out %d: %v, reference %v (tol %g)",
					k, m, n, kn.t, x[r], s[r], r, o, a, b, tol)
			}
		}
	}
}

// TestSplineKnotsSizes: every order 0 … 7 (assembly for 1 … 5), row
// counts around the vector lanes and large, output widths around the
// lanes, unaligned x, special points.
func TestSplineKnotsSizes(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	for k := 0; k <= 7; k++ {
		knots, _ := randomKnots(rng, 0)
		kn := mustKnots(t, extendKnotsTest(knots, k), k)
		for _, n := range basisSizes(8) {
			if n == 100000 && (k != 3 || testing.Short()) {
				continue
			}
			for _, m := range []int{1, 3, 4, 8, 9, 16, 17} {
				if n >= 1000 && m != 16 && m != 1 {
					continue
				}
				off := rng.IntN(3)
				checkSplineKnots(t, rng, kn, knotsTestPoints[float64](rng, kn.t, n+off)[off:], m)
				checkSplineKnots(t, rng, kn, knotsTestPoints[float32](rng, kn.t, n+off)[off:], m)
			}
		}
	}
}

// TestSplineKnotsRandom: random knot vectors with repeats, narrow
// intervals and offsets far from zero.
func TestSplineKnotsRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(43, 44))
	for trial := 0; trial < 200; trial++ {
		knots, k := randomKnots(rng, 6)
		kn := mustKnots(t, knots, k)
		m := 1 + rng.IntN(20)
		checkSplineKnots(t, rng, kn, knotsTestPoints[float64](rng, knots, 37), m)
		checkSplineKnots(t, rng, kn, knotsTestPoints[float32](rng, knots, 37), m)
	}
}

// TestSplineKnotsReset: Set again with other knots and width reuses the
// table's storage and gives the new spline, not a mix.
func TestSplineKnotsReset(t *testing.T) {
	rng := rand.New(rand.NewPCG(45, 46))
	var sp SplineKnots[float32]
	for _, m := range []int{17, 2, 9} {
		knots, k := randomKnots(rng, 5)
		kn := mustKnots(t, knots, k)
		ws := make([]float32, kn.NumFuncs()*m)
		for i := range ws {
			ws[i] = float32(rng.NormFloat64())
		}
		sp.Set(kn, m, ws)
		x := knotsTestPoints[float32](rng, knots, 21)
		wb := make([]float32, m)
		y, yr := make([]float32, len(x)*m), make([]float32, len(x)*m)
		SplineAccKnots(x, &sp, wb, y)
		var fresh SplineKnots[float32]
		fresh.Set(kn, m, ws)
		SplineAccKnots(x, &fresh, wb, yr)
		for i := range y {
			if !sameOrBothNaN(y[i], yr[i]) {
				t.Fatalf("m=%d: reused SplineKnots gives %v at %d, a fresh one %v", m, y[i], i, yr[i])
			}
		}
	}
}

// TestSplineKnotsPanics: short outputs, short weights and an unset
// SplineKnots are programming errors.
func TestSplineKnotsPanics(t *testing.T) {
	kn := mustKnots(t, extendKnotsTest([]float64{0, 1, 2}, 3), 3)
	mustPanic := func(what string, fn func()) {
		t.Helper()
		defer func() {
			if recover() == nil {
				t.Errorf("%s: no panic", what)
			}
		}()
		fn()
	}
	var sp SplineKnots[float64]
	x := []float64{0.5, 1.5}
	mustPanic("unset", func() { SplineAccKnots(x, &sp, []float64{1}, make([]float64, 2)) })
	mustPanic("short ws", func() { sp.Set(kn, 2, make([]float64, 2*kn.NumFuncs()-1)) })
	sp.Set(kn, 2, make([]float64, 2*kn.NumFuncs()))
	mustPanic("short y", func() { SplineAccKnots(x, &sp, []float64{1, 1}, make([]float64, 3)) })
	mustPanic("short wb", func() { SplineAccKnots(x, &sp, []float64{1}, make([]float64, 4)) })
}

func FuzzSplineKnots(f *testing.F) {
	f.Add(uint64(1), uint8(16), uint8(20), 0.3)
	f.Add(uint64(2), uint8(1), uint8(3), math.Inf(-1))
	f.Fuzz(func(t *testing.T, seed uint64, ms, ns uint8, x float64) {
		rng := rand.New(rand.NewPCG(seed, 47))
		knots, k := randomKnots(rng, 7)
		kn := mustKnots(t, knots, k)
		m, n := 1+int(ms)%40, int(ns)%64
		pts := append(knotsTestPoints[float64](rng, knots, n), x)
		checkSplineKnots(t, rng, kn, pts, m)
		pts32 := append(knotsTestPoints[float32](rng, knots, n), float32(x))
		checkSplineKnots(t, rng, kn, pts32, m)
	})
}

// TestSplineKnotsSilu isolates the silu term (zero spline weights, wb = 1,
// y = 0): within 4 rounding errors of T of siluGeneric's value, below
// 1e-30 in magnitude where silu is (x < -69), and the special values the
// same (NaN, silu(-Inf) NaN, silu(+Inf) +Inf).
func TestSplineKnotsSilu(t *testing.T) {
	testSplineKnotsSilu[float32](t)
	testSplineKnotsSilu[float64](t)
}

func testSplineKnotsSilu[T Float](t *testing.T) {
	rng := rand.New(rand.NewPCG(48, 49))
	kn := mustKnots(t, extendKnotsTest([]float64{-1, 0, 1}, 3), 3)
	x := []T{0, T(math.Copysign(0, -1)), 1e-30, -1e-30, 80, -80, 80.5, -80.5, 88, -88, 89, -89, 100, -100, 1e30, -1e30,
		T(math.Inf(1)), T(math.Inf(-1)), T(math.NaN())}
	for range 3000 {
		x = append(x, T(rng.NormFloat64()*20))
	}
	var sp SplineKnots[T]
	sp.Set(kn, 1, make([]T, kn.NumFuncs()))
	y, ref := make([]T, len(x)), make([]T, len(x))
	SplineAccKnots(x, &sp, []T{1}, y)
	siluGeneric(ref, x)
	eps := 0x1p-52
	if sizeOf[T]() == 4 {
		eps = 0x1p-23
	}
	for i := range x {
		a, b := float64(y[i]), float64(ref[i])
		if math.IsNaN(a) || math.IsNaN(b) || math.IsInf(b, 0) {
			if !sameOrBothNaN(a, b) {
				t.Fatalf("float%d silu(%v) = %v, reference %v", 8*sizeOf[T](), x[i], a, b)
			}
			continue
		}
		if math.Abs(a-b) > 4*eps*math.Abs(b)+1e-30 {
			t.Fatalf("float%d silu(%v) = %v, reference %v", 8*sizeOf[T](), x[i], a, b)
		}
	}
}
