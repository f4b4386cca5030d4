package decompose

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
)

// surrogateOf fits a surrogate to f on 1500 rows of [lo, hi]^m.
func surrogateOf(t *testing.T, m int, lo, hi float64, f func(x []float64) float64) *view {
	t.Helper()
	d := table(1000, m, lo, hi, 7, f)
	s, err := FitSurrogate(context.Background(), d, SurrogateConfig{Seed: 3, MaxIter: 800})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("surrogate relative error %.3g", s.RelErr())
	if !s.usable() {
		t.Fatalf("surrogate too coarse to test: error %.3g", s.RelErr())
	}
	return rootView(s, d)
}

func TestSeparate(t *testing.T) {
	cases := []struct {
		name string
		f    func(x []float64) float64
		ok   bool
		kind sepKind
		mask uint64 // the items on one side (either side)
	}{
		{"a*b+c*d", func(x []float64) float64 { return x[0]*x[1] + x[2]*x[3] }, true, sepAdd, 0b0011},
		{"a*b*c/d", func(x []float64) float64 { return x[0] * x[1] * x[2] / x[3] }, true, sepMul, 0},
		{"(a*b+c*d)/(a+c)", func(x []float64) float64 { return (x[0]*x[1] + x[2]*x[3]) / (x[0] + x[2]) }, false, 0, 0},
		{"a*b+c*d+a*d", func(x []float64) float64 { return x[0]*x[1] + x[2]*x[3] + x[0]*x[3] }, false, 0, 0},
	}
	for i, c := range cases {
		if testing.Short() && i > 0 && i < len(cases)-1 {
			continue // -short: one that holds, one that does not
		}
		t.Run(c.name, func(t *testing.T) {
			v := surrogateOf(t, 4, 1, 5, c.f)
			sep, ok := separate(v, sepPairs, DefaultTol, rand.New(rand.NewPCG(1, 2)))
			t.Logf("best %v mask %04b stat %.3g", sep.kind, sep.mask, sep.stat)
			if ok != c.ok {
				t.Fatalf("separable = %v, want %v (stat %.3g)", ok, c.ok, sep.stat)
			}
			if !ok {
				return
			}
			if sep.kind != c.kind {
				t.Fatalf("kind %v, want %v", sep.kind, c.kind)
			}
			if c.mask != 0 && sep.mask != c.mask && sep.mask != 0b1111^c.mask {
				t.Fatalf("split %04b, want %04b", sep.mask, c.mask)
			}
		})
	}
}

func TestSymmetric(t *testing.T) {
	cases := []struct {
		name string
		f    func(x []float64) float64
		ok   bool
		kind symKind
		i, j int
	}{
		{"(a-b)^2+c*(a-b)", func(x []float64) float64 { d := x[0] - x[1]; return d*d + x[2]*d }, true, symMinus, 0, 1},
		{"sqrt(a*c+b)", func(x []float64) float64 { return math.Sqrt(x[0]*x[2] + x[1]) }, true, symTimes, 0, 2},
		{"b/c+a*b/c", func(x []float64) float64 { return x[1]/x[2] + x[0]*x[1]/x[2] }, true, symDiv, 1, 2},
		{"a^2+a*b+b*c", func(x []float64) float64 { return x[0]*x[0] + x[0]*x[1] + x[1]*x[2] }, false, 0, 0, 0},
	}
	for i, c := range cases {
		if testing.Short() && i > 0 && i < len(cases)-1 {
			continue // -short: one that holds, one that does not
		}
		t.Run(c.name, func(t *testing.T) {
			v := surrogateOf(t, 3, 1, 5, c.f)
			sym, ok := symmetric(v, symRows, DefaultTol, rand.New(rand.NewPCG(1, 2)))
			t.Logf("best %v (%d,%d) stat %.3g", sym.kind, sym.i, sym.j, sym.stat)
			if ok != c.ok {
				t.Fatalf("symmetric = %v, want %v (stat %.3g)", ok, c.ok, sym.stat)
			}
			if ok && (sym.kind != c.kind || sym.i != c.i || sym.j != c.j) {
				t.Fatalf("got %v of (%d,%d), want %v of (%d,%d)", sym.kind, sym.i, sym.j, c.kind, c.i, c.j)
			}
		})
	}
}

// 1/(a² + b²) is not separable as it is, but its inverse is a sum: the
// plan splits 1/f additively into a part of a and a part of b.
func TestTransformedSplit(t *testing.T) {
	v := surrogateOf(t, 2, 1, 5, func(x []float64) float64 { return 1 / (x[0]*x[0] + x[1]*x[1]) })
	rng := rand.New(rand.NewPCG(1, 2))
	if sep, ok := separate(v, sepPairs, DefaultTol, rng); ok {
		t.Fatalf("1/(a²+b²) passed as separable (%v, stat %.3g)", sep.kind, sep.stat)
	}
	n := plan(v, DefaultTol, 4, rng)
	if got := n.describe([]string{"a", "b"}); n.tf != tfInv || n.kind != sepAdd || got != "1/(f1(a) + f2(b))" {
		t.Fatalf("plan %q, transform %d", got, n.tf)
	}
}
