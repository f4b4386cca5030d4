package kernels

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"testing"
)

// bsplineReference is testdata/reference/bspline_reference.json: basis
// values computed from the definition (see its "about").
type bsplineReference struct {
	About string `json:"about"`
	Cases []struct {
		GridSize  int        `json:"grid_size"`
		Order     int        `json:"order"`
		GridRange [2]float64 `json:"grid_range"`
		Knots     []float64  `json:"knots"`
		Values    []struct {
			X     float64   `json:"x"`
			Basis []float64 `json:"basis"`
		} `json:"values"`
	} `json:"cases"`
}

func loadBSplineReference(t *testing.T) bsplineReference {
	t.Helper()
	b, err := os.ReadFile("../testdata/reference/bspline_reference.json")
	if err != nil {
		t.Fatalf("reference file missing (copy of ../shared/testdata/reference): %v", err)
	}
	var ref bsplineReference
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	if len(ref.Cases) == 0 {
		t.Fatal("reference has no cases")
	}
	return ref
}

// TestBasisReference checks the kernel in force (dense and local forms),
// the generic reference and the general-knot version against the reference
// file: 1e-12 for float64, 1e-6 for float32, points outside included.
func TestBasisReference(t *testing.T) {
	ref := loadBSplineReference(t)
	for ci, c := range ref.Cases {
		g := Grid{Lo: c.GridRange[0], Hi: c.GridRange[1], G: c.GridSize, K: c.Order}
		knots := g.Knots()
		if len(knots) != len(c.Knots) {
			t.Fatalf("case %d: %d knots, reference has %d", ci, len(knots), len(c.Knots))
		}
		for j := range knots {
			if knots[j] != c.Knots[j] {
				t.Errorf("case %d: knot %d = %v, reference %v", ci, j, knots[j], c.Knots[j])
			}
		}
		nf := g.NumFuncs()
		n := len(c.Values)
		x := make([]float64, n)
		x32 := make([]float32, n)
		for i, v := range c.Values {
			x[i], x32[i] = v.X, float32(v.X)
			if len(v.Basis) != nf {
				t.Fatalf("case %d point %d: %d values, want G+K = %d", ci, i, len(v.Basis), nf)
			}
		}
		dense := make([]float64, n*nf)
		BasisDense(x, g, dense)
		dense32 := make([]float32, n*nf)
		BasisDense(x32, g, dense32)
		w := g.K + 1
		idx, val := make([]int32, n), make([]float64, n*w)
		kidx, kval := make([]int32, n), make([]float64, n*w)
		gidx, gval := make([]int32, n), make([]float64, n*w)
		BasisLocal(x, g, idx, val, nil)
		BasisLocalKnots64(x, c.Knots, g.K, kidx, kval, nil)
		basisLocalGeneric64(x, g, gidx, gval, nil)
		for i, v := range c.Values {
			for fn, want := range v.Basis {
				if got := dense[i*nf+fn]; math.Abs(got-want) > 1e-12 {
					t.Errorf("case %d (G=%d K=%d) x=%v B_%d: dense %v, want %v", ci, g.G, g.K, v.X, fn, got, want)
				}
				if got := dense32[i*nf+fn]; math.Abs(float64(got)-want) > 1e-6 {
					t.Errorf("case %d (G=%d K=%d) x=%v B_%d: dense32 %v, want %v", ci, g.G, g.K, v.X, fn, got, want)
				}
			}
			for name, l := range map[string]struct {
				idx []int32
				val []float64
			}{"local": {idx, val}, "knots": {kidx, kval}, "generic": {gidx, gval}} {
				ix := int(l.idx[i])
				if ix < 0 || ix > g.G-1 {
					t.Fatalf("case %d x=%v: %s idx %d outside [0,G-1]", ci, v.X, name, ix)
				}
				for fn, want := range v.Basis {
					r := fn - ix
					if r < 0 || r > g.K {
						if want != 0 {
							t.Errorf("case %d x=%v: %s window [%d,%d] misses non-zero B_%d = %v", ci, v.X, name, ix, ix+g.K, fn, want)
						}
						continue
					}
					if got := l.val[i*w+r]; math.Abs(got-want) > 1e-12 {
						t.Errorf("case %d x=%v B_%d: %s %v, want %v", ci, v.X, fn, name, got, want)
					}
				}
			}
		}
	}
}

// randomGrid draws a grid with G in 1..12 and K in 0..kmax on a random range.
func randomGrid(rng *rand.Rand, kmax int) Grid {
	lo := rng.NormFloat64() * 3
	return Grid{Lo: lo, Hi: lo + 0.1 + rng.Float64()*5, G: 1 + rng.IntN(12), K: rng.IntN(kmax + 1)}
}

// basisTestPoints mixes uniform points over (and beyond) the extended grid
// with exact knots, their float neighbours, the ends, ±Inf and NaN.
func basisTestPoints(rng *rand.Rand, g Grid, n int) []float64 {
	h := g.Step()
	a, b := g.Knot(0)-h, g.Knot(g.G+2*g.K)+h
	x := make([]float64, n)
	for i := range x {
		switch rng.IntN(8) {
		case 0:
			x[i] = g.Knot(rng.IntN(g.G + 2*g.K + 1))
		case 1:
			x[i] = math.Nextafter(g.Knot(rng.IntN(g.G+2*g.K+1)), math.Inf(2*rng.IntN(2)-1))
		case 2:
			x[i] = []float64{math.Inf(1), math.Inf(-1), math.NaN(), g.Lo, g.Hi, 1e300, -1e300, 0}[rng.IntN(8)]
		default:
			x[i] = a + (b-a)*rng.Float64()
		}
	}
	return x
}

// TestBasisKnotsMatchesUniform cross-checks the two independent references:
// the uniform triangle and the general Cox–de Boor on the grid's knots.
func TestBasisKnotsMatchesUniform(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 200; trial++ {
		g := randomGrid(rng, 7)
		x := basisTestPoints(rng, g, 50)
		w := g.K + 1
		i1, v1, d1 := make([]int32, len(x)), make([]float64, len(x)*w), make([]float64, len(x)*w)
		i2, v2, d2 := make([]int32, len(x)), make([]float64, len(x)*w), make([]float64, len(x)*w)
		basisLocalGeneric64(x, g, i1, v1, d1)
		BasisLocalKnots64(x, g.Knots(), g.K, i2, v2, d2)
		for i := range x {
			if i1[i] != i2[i] {
				t.Fatalf("%+v x=%v: idx %d (uniform) vs %d (knots)", g, x[i], i1[i], i2[i])
			}
			for r := 0; r < w; r++ {
				a, b := v1[i*w+r], v2[i*w+r]
				da, db := d1[i*w+r], d2[i*w+r]
				if !closeOrBothNaN(a, b, 1e-12) || !closeOrBothNaN(da, db, 1e-11/g.Step()) {
					t.Fatalf("%+v x=%v r=%d: uniform (%v, %v) vs knots (%v, %v)", g, x[i], r, a, da, b, db)
				}
			}
		}
	}
}

func closeOrBothNaN(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= tol
}

// TestBasisPartitionOfUnity: inside [Lo, Hi) the G+K functions sum to 1 and
// their derivatives to 0; a NaN gives NaN everywhere, outside gives zeros.
func TestBasisPartitionOfUnity(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 100; trial++ {
		g := randomGrid(rng, 5)
		x := make([]float64, 64)
		for i := range x {
			x[i] = g.Lo + (g.Hi-g.Lo)*rng.Float64()
		}
		w := g.K + 1
		idx, val, der := make([]int32, len(x)), make([]float64, len(x)*w), make([]float64, len(x)*w)
		BasisLocal(x, g, idx, val, der)
		for i := range x {
			s, ds := 0.0, 0.0
			for r := 0; r < w; r++ {
				s += val[i*w+r]
				ds += der[i*w+r]
			}
			if math.Abs(s-1) > 1e-12 || math.Abs(ds) > 1e-9/g.Step() {
				t.Fatalf("%+v x=%v: sum %v, derivative sum %v", g, x[i], s, ds)
			}
		}
	}
	g := Grid{Lo: -1, Hi: 1, G: 5, K: 3}
	x := []float64{math.NaN(), math.Inf(1), math.Inf(-1), g.Knot(g.G + 2*g.K), math.Nextafter(g.Knot(0), math.Inf(-1))}
	idx, val, der := make([]int32, len(x)), make([]float64, len(x)*4), make([]float64, len(x)*4)
	BasisLocal(x, g, idx, val, der)
	for r := 0; r < 4; r++ {
		if !math.IsNaN(val[r]) || !math.IsNaN(der[r]) {
			t.Fatalf("NaN x: value %v derivative %v, want NaN", val[r], der[r])
		}
		for i := 1; i < len(x); i++ {
			if val[i*4+r] != 0 || der[i*4+r] != 0 {
				t.Fatalf("x=%v outside: value %v derivative %v, want 0", x[i], val[i*4+r], der[i*4+r])
			}
		}
	}
	if want := []int32{0, int32(g.G - 1), 0, int32(g.G - 1), 0}; !equalInt32(idx, want) {
		t.Fatalf("idx %v, want %v", idx, want)
	}
	dense := make([]float64, len(x)*g.NumFuncs())
	BasisDense(x, g, dense)
	for c := 0; c < g.NumFuncs(); c++ {
		if !math.IsNaN(dense[c]) {
			t.Fatalf("dense row of NaN x has %v in column %d", dense[c], c)
		}
	}
}

func equalInt32(a, b []int32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestBasisDerivativeFiniteDifference compares dB/dx with central
// differences of the values, away from knots (where B is smooth).
func TestBasisDerivativeFiniteDifference(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := 0; trial < 100; trial++ {
		g := randomGrid(rng, 5)
		h := g.Step()
		w := g.K + 1
		for p := 0; p < 20; p++ {
			j := rng.IntN(g.G + 2*g.K)
			x0 := g.Knot(j) + h*(0.05+0.9*rng.Float64()) // inside interval j, away from its ends
			e := h * 1e-5
			x := []float64{x0, x0 - e, x0 + e}
			idx, val, der := make([]int32, 3), make([]float64, 3*w), make([]float64, 3*w)
			BasisLocal(x, g, idx, val, der)
			for r := 0; r < w; r++ {
				fd := (val[2*w+r] - val[w+r]) / (2 * e)
				if math.Abs(fd-der[r]) > 1e-6/h {
					t.Fatalf("%+v x=%v r=%d: derivative %v, central difference %v", g, x0, r, der[r], fd)
				}
			}
		}
	}
}

// TestBasisTable checks the Horner table used by the assembly against the
// triangle for every window shift, and its zero and NaN rows.
func TestBasisTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for k := 1; k <= 5; k++ {
		p := k + 1 + rng.IntN(3)
		tab := basisTable[float64](k, p)
		stride := (2*k + 1) * p
		for trial := 0; trial < 20; trial++ {
			u := rng.Float64()
			var n, m [MaxBasisOrder + 1]float64
			uniformWindow(u, k, &n, &m)
			for row := 0; row < basisTableRows(k); row++ {
				o := row - (k + 1)
				for r := 0; r <= k; r++ {
					v, d := 0.0, 0.0
					for deg := k; deg >= 0; deg-- {
						v = v*u + tab[row*stride+deg*p+r]
					}
					for deg := k - 1; deg >= 0; deg-- {
						d = d*u + tab[row*stride+(k+1+deg)*p+r]
					}
					q := r + o
					wantV, wantD := 0.0, 0.0
					switch {
					case row == basisTableRows(k)-1:
						wantV, wantD = math.NaN(), math.NaN()
					case q >= 0 && q <= k:
						wantV = n[q]
						var l, rr float64
						if q > 0 {
							l = m[q-1]
						}
						if q < k {
							rr = m[q]
						}
						wantD = l - rr
					}
					if !closeOrBothNaN(v, wantV, 1e-14) || !closeOrBothNaN(d, wantD, 1e-13) {
						t.Fatalf("K=%d row %d r=%d u=%v: table (%v, %v), triangle (%v, %v)", k, row, r, u, v, d, wantV, wantD)
					}
				}
			}
		}
	}
}

func TestBasisPanics(t *testing.T) {
	g := Grid{Lo: 0, Hi: 1, G: 4, K: 3}
	mustPanic := func(name string, f func()) {
		t.Helper()
		defer func() {
			if recover() == nil {
				t.Errorf("%s: no panic", name)
			}
		}()
		f()
	}
	x := make([]float64, 5)
	mustPanic("short val", func() { BasisLocal(x, g, make([]int32, 5), make([]float64, 19), nil) })
	mustPanic("short idx", func() { BasisLocal(x, g, make([]int32, 4), make([]float64, 20), nil) })
	mustPanic("short der", func() { BasisLocal(x, g, make([]int32, 5), make([]float64, 20), make([]float64, 3)) })
	mustPanic("short dense", func() { BasisDense(x, g, make([]float64, 5*7-1)) })
	mustPanic("G=0", func() { BasisLocal(x, Grid{0, 1, 0, 3}, make([]int32, 5), make([]float64, 20), nil) })
	mustPanic("empty range", func() { BasisLocal(x, Grid{1, 1, 4, 3}, make([]int32, 5), make([]float64, 20), nil) })
	mustPanic("NaN range", func() { BasisLocal(x, Grid{math.NaN(), 1, 4, 3}, make([]int32, 5), make([]float64, 20), nil) })
	mustPanic("decreasing knots", func() {
		BasisLocalKnots64(x, []float64{0, 1, 2, 1.5, 3, 4, 5, 6}, 3, make([]int32, 5), make([]float64, 20), nil)
	})
	mustPanic("too few knots", func() {
		BasisLocalKnots64(x, []float64{0, 1, 2, 3, 4, 5, 6}, 3, make([]int32, 5), make([]float64, 20), nil)
	})
	if err := (Grid{Lo: -1, Hi: 1, G: 5, K: 3}).Validate(); err != nil {
		t.Fatal(err)
	}
}

// TestBasisKnotsRepeated: a clamped (open) knot vector with repeated end
// knots exercises the 0/0 = 0 rule; the values still sum to one inside.
func TestBasisKnotsRepeated(t *testing.T) {
	knots := []float64{0, 0, 0, 0, 0.3, 0.5, 0.5, 0.9, 1, 1, 1, 1}
	k := 3
	x := []float64{0, 0.1, 0.3, 0.49, 0.5, 0.7, 0.95, 0.999999}
	w := k + 1
	idx, val, der := make([]int32, len(x)), make([]float64, len(x)*w), make([]float64, len(x)*w)
	BasisLocalKnots64(x, knots, k, idx, val, der)
	for i := range x {
		s := 0.0
		for r := 0; r < w; r++ {
			v := val[i*w+r]
			if math.IsNaN(v) || math.IsInf(v, 0) || v < -1e-15 {
				t.Fatalf("x=%v: value %v", x[i], v)
			}
			s += v
		}
		if math.Abs(s-1) > 1e-12 {
			t.Fatalf("x=%v: values sum to %v", x[i], s)
		}
	}
	if val[0] != 1 { // B_0 of a clamped cubic is 1 at the left end
		t.Fatalf("B_0(0) = %v, want 1", val[0])
	}
}
