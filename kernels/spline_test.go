package kernels

import (
	"math"
	"math/rand/v2"
	"testing"
)

// splineCase is random input for the fused KAN kernels: n rows, m
// outputs, nb weight rows, order k.
type splineCase[T Float] struct {
	m, k                    int
	idx                     []int32
	v, d, s, ds, wb, ws, dy []T
}

func newSplineCase[T Float](rng *rand.Rand, n, m, k, nb int, specials bool) splineCase[T] {
	w := k + 1
	c := splineCase[T]{m: m, k: k, idx: make([]int32, n)}
	rnd := func(l int) []T {
		out := make([]T, l)
		for i := range out {
			out[i] = T(rng.NormFloat64())
			if specials && rng.IntN(50) == 0 {
				out[i] = T([]float64{math.NaN(), math.Inf(1), math.Inf(-1), 0}[rng.IntN(4)])
			}
		}
		return out
	}
	for r := range c.idx {
		c.idx[r] = int32(rng.IntN(nb - w + 1))
	}
	c.v, c.d, c.s, c.ds = rnd(n*w), rnd(n*w), rnd(n), rnd(n)
	c.wb, c.ws, c.dy = rnd(m), rnd(nb*m), rnd(n*m)
	return c
}

// splineTol is the allowed difference for a sum of terms whose absolute
// values add up to mag: a few rounding errors of T per term.
func splineTol[T Float](terms int, mag float64) float64 {
	eps := 0x1p-52
	if sizeOf[T]() == 4 {
		eps = 0x1p-23
	}
	return 4 * eps * float64(terms) * mag
}

// withGuard returns a copy of s followed by NaN guard values.
func withGuard[T Float](s []T, guard int) []T {
	out := make([]T, len(s)+guard)
	copy(out, s)
	for i := len(s); i < len(out); i++ {
		out[i] = T(math.NaN())
	}
	return out
}

func checkGuard[T Float](t *testing.T, what string, s []T, n int) {
	t.Helper()
	for i := n; i < len(s); i++ {
		if s[i] == s[i] {
			t.Fatalf("%s: wrote past the end at %d", what, i)
		}
	}
}

// checkSpline compares SplineAcc and SplineGrad (the ISA in force) with
// the references, output by output, with guard bands behind the outputs.
func checkSplineKernels[T Float](t *testing.T, c splineCase[T]) {
	t.Helper()
	n, m, w := len(c.idx), c.m, c.k+1
	const guard = 9
	y0 := make([]T, n*m)
	for i := range y0 {
		y0[i] = T(float64(i%7) - 3)
	}
	y, yr := withGuard(y0, guard), append([]T(nil), y0...)
	SplineAcc(m, c.k, c.idx, c.v, c.s, c.wb, c.ws, y[:n*m])
	splineAccGeneric(m, c.k, c.idx, c.v, c.s, c.wb, c.ws, yr)
	checkGuard(t, "SplineAcc y", y, n*m)
	for r := 0; r < n; r++ {
		for j := 0; j < m; j++ {
			mag := math.Abs(float64(y0[r*m+j])) + math.Abs(float64(c.s[r]*c.wb[j]))
			for q := 0; q < w; q++ {
				mag += math.Abs(float64(c.v[r*w+q] * c.ws[(int(c.idx[r])+q)*m+j]))
			}
			a, b := float64(y[r*m+j]), float64(yr[r*m+j])
			if !closeOrBothNaN(a, b, splineTol[T](w+2, mag)) && !(math.IsInf(a, 0) && a == b) {
				t.Fatalf("SplineAcc m=%d k=%d n=%d row %d out %d: %v, reference %v", m, c.k, n, r, j, a, b)
			}
		}
	}
	gb0, gs0 := make([]T, m), make([]T, len(c.ws))
	for i := range gs0 {
		gs0[i] = T(float64(i%5) - 2)
	}
	gb, gs, dx := withGuard(gb0, guard), withGuard(gs0, guard), withGuard(make([]T, n), guard)
	gbr, gsr, dxr := append([]T(nil), gb0...), append([]T(nil), gs0...), make([]T, n)
	SplineGrad(m, c.k, c.idx, c.v, c.d, c.s, c.ds, c.wb, c.ws, c.dy, gb[:m], gs[:len(gs0)], dx[:n])
	splineGradGeneric(m, c.k, c.idx, c.v, c.d, c.s, c.ds, c.wb, c.ws, c.dy, gbr, gsr, dxr)
	checkGuard(t, "SplineGrad gb", gb, m)
	checkGuard(t, "SplineGrad gs", gs, len(gs0))
	checkGuard(t, "SplineGrad dx", dx, n)
	// Weight gradients: sums over rows; bound by the absolute sums.
	magB, magS := make([]float64, m), make([]float64, len(gs0))
	for j := range magB {
		magB[j] = math.Abs(float64(gb0[j]))
	}
	for i := range magS {
		magS[i] = math.Abs(float64(gs0[i]))
	}
	for r := 0; r < n; r++ {
		for j := 0; j < m; j++ {
			g := math.Abs(float64(c.dy[r*m+j]))
			magB[j] += math.Abs(float64(c.s[r])) * g
			for q := 0; q < w; q++ {
				magS[(int(c.idx[r])+q)*m+j] += math.Abs(float64(c.v[r*w+q])) * g
			}
		}
	}
	for j := range gbr {
		if a, b := float64(gb[j]), float64(gbr[j]); !closeOrBothNaN(a, b, splineTol[T](n+1, magB[j])) && !(math.IsInf(a, 0) && a == b) {
			t.Fatalf("SplineGrad m=%d k=%d n=%d gb[%d]: %v, reference %v", m, c.k, n, j, a, b)
		}
	}
	for i := range gsr {
		if a, b := float64(gs[i]), float64(gsr[i]); !closeOrBothNaN(a, b, splineTol[T](n+1, magS[i])) && !(math.IsInf(a, 0) && a == b) {
			t.Fatalf("SplineGrad m=%d k=%d n=%d gs[%d]: %v, reference %v", m, c.k, n, i, a, b)
		}
	}
	for r := 0; r < n; r++ {
		mag := 0.0
		for j := 0; j < m; j++ {
			cm := math.Abs(float64(c.ds[r] * c.wb[j]))
			for q := 0; q < w; q++ {
				cm += math.Abs(float64(c.d[r*w+q] * c.ws[(int(c.idx[r])+q)*m+j]))
			}
			mag += cm * math.Abs(float64(c.dy[r*m+j]))
		}
		if a, b := float64(dx[r]), float64(dxr[r]); !closeOrBothNaN(a, b, splineTol[T](m+w+1, mag)) && !(math.IsInf(a, 0) && a == b) {
			t.Fatalf("SplineGrad m=%d k=%d n=%d dx[%d]: %v, reference %v", m, c.k, n, r, a, b)
		}
	}
	// Only one of the two gradients.
	dx2 := withGuard(make([]T, n), guard)
	SplineGrad(m, c.k, c.idx, c.v, c.d, c.s, c.ds, c.wb, c.ws, c.dy, nil, nil, dx2[:n])
	for r := 0; r < n; r++ {
		if !sameOrBothNaN(dx2[r], dx[r]) {
			t.Fatalf("SplineGrad without weight gradients: dx[%d] %v, with them %v", r, dx2[r], dx[r])
		}
	}
	gb2 := append([]T(nil), gb0...)
	gs2 := append([]T(nil), gs0...)
	SplineGrad(m, c.k, c.idx, c.v, c.d, c.s, c.ds, c.wb, c.ws, c.dy, gb2, gs2, nil)
	for i := range gs2 {
		if !sameOrBothNaN(gs2[i], gs[i]) {
			t.Fatalf("SplineGrad without dx: gs[%d] %v, with it %v", i, gs2[i], gs[i])
		}
	}
}

// TestSplineKernels: every order 0 … 7 (assembly for 1 … 5), output
// widths around the vector lanes, awkward row counts, NaN/Inf inputs.
func TestSplineKernels(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	for k := 0; k <= 7; k++ {
		for _, m := range []int{1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 33} {
			for _, n := range []int{0, 1, 3, 8, 37} {
				nb := k + 1 + rng.IntN(12)
				checkSplineKernels(t, newSplineCase[float64](rng, n, m, k, nb, n == 37))
				checkSplineKernels(t, newSplineCase[float32](rng, n, m, k, nb, n == 37))
			}
		}
	}
}

func FuzzSpline(f *testing.F) {
	f.Add(uint64(1), uint8(16), uint8(3), uint8(20))
	f.Add(uint64(2), uint8(1), uint8(5), uint8(3))
	f.Fuzz(func(t *testing.T, seed uint64, ms, ks, ns uint8) {
		rng := rand.New(rand.NewPCG(seed, 33))
		m, k, n := 1+int(ms)%40, int(ks)%8, int(ns)%64
		nb := k + 1 + rng.IntN(10)
		checkSplineKernels(t, newSplineCase[float64](rng, n, m, k, nb, true))
		checkSplineKernels(t, newSplineCase[float32](rng, n, m, k, nb, true))
	})
}

// TestSplinePanics: a bad idx or short outputs are programming errors.
func TestSplinePanics(t *testing.T) {
	c := newSplineCase[float64](rand.New(rand.NewPCG(1, 1)), 4, 3, 3, 6, false)
	bad := append([]int32(nil), c.idx...)
	bad[2] = 3 // rows 3 … 6 of 6
	mustPanic := func(what string, fn func()) {
		t.Helper()
		defer func() {
			if recover() == nil {
				t.Errorf("%s: no panic", what)
			}
		}()
		fn()
	}
	mustPanic("idx", func() { SplineAcc(3, 3, bad, c.v, c.s, c.wb, c.ws, make([]float64, 12)) })
	mustPanic("short y", func() { SplineAcc(3, 3, c.idx, c.v, c.s, c.wb, c.ws, make([]float64, 11)) })
	mustPanic("gb without gs", func() {
		SplineGrad(3, 3, c.idx, c.v, c.d, c.s, c.ds, c.wb, c.ws, c.dy, make([]float64, 3), nil, nil)
	})
}

// sameOrBothNaN: equal, or both NaN.
func sameOrBothNaN[T Float](a, b T) bool { return a == b || (a != a && b != b) }
