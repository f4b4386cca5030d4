package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// The knots kernel in force must agree with basisKnotsGeneric: the same
// idx, zeros and NaNs in the same places, values within a few rounding
// errors of T, derivatives within that times (K+1)/(t_{j+1}-t_j).

// randomKnots is an extended knot vector as a KAN has after adapting its
// grid: G+1 sorted interior knots (some repeated, some a hair apart,
// some far from zero), extended by K on each side.
func randomKnots(rng *rand.Rand, kmax int) ([]float64, int) {
	k := rng.IntN(kmax + 1)
	g := 1 + rng.IntN(20)
	lo, span := rng.NormFloat64()*3, 0.2+5*rng.Float64()
	if rng.IntN(4) == 0 {
		lo += 100 * rng.NormFloat64()
	}
	t := make([]float64, g+1+2*k)
	for j := range t {
		t[j] = lo + span*rng.Float64()
	}
	slices.Sort(t)
	for j := 1; j < len(t); j++ {
		switch rng.IntN(10) {
		case 0:
			t[j] = t[j-1] // repeated knot
		case 1:
			t[j] = t[j-1] + 1e-3*span // a narrow interval
		}
	}
	if t[len(t)-1] == t[0] {
		t[len(t)-1] += span
	}
	return t, k
}

// knotsTestPoints mixes points over and beyond the knots with exact knots,
// their float neighbours (in T's precision), ±Inf, NaN and huge values.
func knotsTestPoints[T Float](rng *rand.Rand, t []float64, n int) []T {
	a, b := t[0]-0.3, t[len(t)-1]+0.3
	x := make([]T, n)
	for i := range x {
		switch rng.IntN(8) {
		case 0:
			x[i] = T(t[rng.IntN(len(t))])
		case 1:
			v := T(t[rng.IntN(len(t))])
			if sizeOf[T]() == 4 {
				x[i] = T(math.Nextafter32(float32(v), float32(math.Inf(2*rng.IntN(2)-1))))
			} else {
				x[i] = T(math.Nextafter(float64(v), math.Inf(2*rng.IntN(2)-1)))
			}
		case 2:
			x[i] = T([]float64{math.Inf(1), math.Inf(-1), math.NaN(), t[0], t[len(t)-1], 1e30, -1e30, 0}[rng.IntN(8)])
		default:
			x[i] = T(a + (b-a)*rng.Float64())
		}
	}
	return x
}

// checkKnotsBasis runs BasisLocalKnots on x with NaN guard bands behind
// every output and compares it with the reference.
func checkKnotsBasis[T Float](t *testing.T, kn *Knots, x []T, withDer bool) {
	t.Helper()
	n, w := len(x), kn.k+1
	idx, val, der := guardedBasis(t, fmt.Sprintf("k=%d knots %v", kn.k, kn.t), n, w, withDer, func(idx []int32, val, der []T) {
		BasisLocalKnots(x, kn, idx, val, der)
	})
	gi, gv, gd := make([]int32, n), make([]T, n*w), make([]T, n*w)
	basisKnotsGeneric(x, kn, gi, gv, gd)
	compareKnotsBasis(t, kn, x, idx, val, der, gi, gv, gd, withDer)
}

// compareKnotsBasis compares one implementation's output with the
// reference's (gi, gv, gd).
func compareKnotsBasis[T Float](t *testing.T, kn *Knots, x []T, idx []int32, val, der []T, gi []int32, gv, gd []T, withDer bool) {
	t.Helper()
	w := kn.k + 1
	eps := 0x1p-52
	if sizeOf[T]() == 4 {
		eps = 0x1p-23
	}
	tr := knotsOf[T](kn)
	tv := 64 * eps * float64(w)
	for i := range x {
		if idx[i] != gi[i] {
			t.Fatalf("k=%d knots %v x=%v: idx %d, reference %d", kn.k, kn.t, x[i], idx[i], gi[i])
		}
		td := tv
		if j := sortSearchT(tr, x[i]); j >= 0 && j+1 < len(tr) {
			td *= float64(w) / (kn.t[j+1] - kn.t[j])
		}
		for r := 0; r < w; r++ {
			a, b := float64(val[i*w+r]), float64(gv[i*w+r])
			if !closeOrBothNaN(a, b, tv) {
				t.Fatalf("k=%d knots %v x=%v r=%d: value %v, reference %v (tol %g)", kn.k, kn.t, x[i], r, a, b, tv)
			}
			if withDer {
				a, b = float64(der[i*w+r]), float64(gd[i*w+r])
				if !closeOrBothNaN(a, b, td*max(1, math.Abs(b))) {
					t.Fatalf("k=%d knots %v x=%v r=%d: derivative %v, reference %v (tol %g)", kn.k, kn.t, x[i], r, a, b, td)
				}
			}
		}
	}
}

// sortSearchT is the last j with t_j <= x (-1 if none or NaN).
func sortSearchT[T Float](t []T, x T) int {
	j := -1
	for a, v := range t {
		if v <= x {
			j = a
		}
	}
	return j
}

func mustKnots(t *testing.T, knots []float64, k int) *Knots {
	t.Helper()
	kn, err := NewKnots(knots, k)
	if err != nil {
		t.Fatal(err)
	}
	return kn
}

// TestBasisKnotsImplSizes: awkward sizes, unaligned starts, every order
// 0 … 7 (assembly for 1 … 5), both precisions, with and without der.
func TestBasisKnotsImplSizes(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for k := 0; k <= 7; k++ {
		knots, _ := randomKnots(rng, 0)
		kn := mustKnots(t, extendKnotsTest(knots, k), k)
		for _, lanes := range []int{2, 4, 8} {
			for _, n := range basisSizes(lanes) {
				if n == 100000 && (k != 3 || testing.Short()) {
					continue
				}
				off := rng.IntN(3)
				x64 := knotsTestPoints[float64](rng, kn.t, n+off)[off:]
				x32 := knotsTestPoints[float32](rng, kn.t, n+off)[off:]
				checkKnotsBasis(t, kn, x64, n%2 == 0)
				checkKnotsBasis(t, kn, x64, n%2 == 1)
				checkKnotsBasis(t, kn, x32, n%2 == 0)
				checkKnotsBasis(t, kn, x32, n%2 == 1)
			}
		}
	}
}

// extendKnotsTest adds k knots at spacing 0.4 on each side of t.
func extendKnotsTest(t []float64, k int) []float64 {
	out := make([]float64, 0, len(t)+2*k)
	for j := k; j >= 1; j-- {
		out = append(out, t[0]-0.4*float64(j))
	}
	out = append(out, t...)
	for j := 1; j <= k; j++ {
		out = append(out, t[len(t)-1]+0.4*float64(j))
	}
	return out
}

// TestBasisKnotsImplRandom: many random knot vectors, with repeats, narrow
// intervals and offsets far from zero.
func TestBasisKnotsImplRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	for trial := 0; trial < 300; trial++ {
		knots, k := randomKnots(rng, 6)
		kn := mustKnots(t, knots, k)
		checkKnotsBasis(t, kn, knotsTestPoints[float64](rng, knots, 37), true)
		checkKnotsBasis(t, kn, knotsTestPoints[float32](rng, knots, 37), true)
	}
}

// TestBasisKnotsTable checks the coefficient table itself against the
// reference in plain Go (so it is tested under purego and -isa generic
// too): locate, u from the row header, Horner.
func TestBasisKnotsTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 26))
	for trial := 0; trial < 200; trial++ {
		knots, k := randomKnots(rng, 6)
		kn := mustKnots(t, knots, k)
		x := knotsTestPoints[float64](rng, knots, 41)
		n, w := len(x), k+1
		p := w + rng.IntN(3)
		tab := knotsTable[float64](kn, p)
		rl := knotsRowLen(k, p)
		idx, val, der := make([]int32, n), make([]float64, n*w), make([]float64, n*w)
		for i, xi := range x {
			row := sortSearchT(kn.t, xi) + 1 // 0 for NaN: idx 0
			ix := min(max(row-1-k, 0), kn.lastIdx())
			if xi != xi {
				row = len(kn.t) + 1
			}
			idx[i] = int32(ix)
			r := tab[row*rl : (row+1)*rl]
			h := r[(2*k+1)*p:]
			xc := min(max(xi, kn.t[0]), kn.t[len(kn.t)-1])
			u := (xc - h[0] - h[1]) * h[2]
			for q := 0; q < w; q++ {
				v := r[k*p+q]
				for m := k - 1; m >= 0; m-- {
					v = v*u + r[m*p+q]
				}
				val[i*w+q] = v
				if k == 0 {
					der[i*w+q] = 0 * v
					continue
				}
				d := r[(2*k)*p+q]
				for m := k - 2; m >= 0; m-- {
					d = d*u + r[(k+1+m)*p+q]
				}
				der[i*w+q] = d * h[2]
			}
		}
		gi, gv, gd := make([]int32, n), make([]float64, n*w), make([]float64, n*w)
		basisKnotsGeneric(x, kn, gi, gv, gd)
		compareKnotsBasis(t, kn, x, idx, val, der, gi, gv, gd, true)
	}
}

// TestBasisKnotsPrepared: a Knots copies its knots, Equal tells a changed
// vector, and bad vectors are refused.
func TestBasisKnotsPrepared(t *testing.T) {
	knots := []float64{-2, -1, 0, 0.5, 1, 2, 3, 4}
	kn := mustKnots(t, knots, 3)
	if !kn.Equal(knots, 3) || kn.Equal(knots, 2) || kn.NumFuncs() != 4 || kn.K() != 3 {
		t.Fatalf("Equal/NumFuncs/K wrong: %v %d %d", kn.Equal(knots, 3), kn.NumFuncs(), kn.K())
	}
	knots[3] = 0.25
	if kn.Equal(knots, 3) {
		t.Fatal("Equal after the caller changed its knots")
	}
	for _, bad := range [][]float64{{0, 1, 2, 1.5, 3, 4, 5, 6}, {0, 1, 2, 3, 4, 5, 6}, {1, 1, 1, 1, 1, 1, 1, 1}, {0, 1, 2, math.NaN(), 4, 5, 6, 7}} {
		if _, err := NewKnots(bad, 3); err == nil {
			t.Errorf("NewKnots(%v) accepted", bad)
		}
	}
}

func FuzzBasisKnots(f *testing.F) {
	f.Add(uint64(1), 0.3, float32(0.3))
	f.Add(uint64(7), math.Inf(1), float32(math.NaN()))
	f.Add(uint64(9), -1e300, float32(101))
	f.Fuzz(func(t *testing.T, seed uint64, x float64, x32 float32) {
		rng := rand.New(rand.NewPCG(seed, 27))
		knots, k := randomKnots(rng, 7)
		kn := mustKnots(t, knots, k)
		pts := append(knotsTestPoints[float64](rng, knots, 20), x, math.Nextafter(x, 0))
		checkKnotsBasis(t, kn, pts, true)
		pts32 := append(knotsTestPoints[float32](rng, knots, 20), x32, float32(x))
		checkKnotsBasis(t, kn, pts32, true)
	})
}
