package symreg

import (
	"context"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/symreg/expr"
)

// parseT parses a formula over x0, x1, …
func parseT(t *testing.T, src string) *expr.Node {
	t.Helper()
	n, err := expr.Parse(src, nil)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// Constants that differ from 2π and 1/2 by an unfinished fit snap onto
// them and print as such; the data is exact, so the snapped formula must
// fit at least as well.
func TestSnapConstantsOnExactData(t *testing.T) {
	d := lawData(300, 2, 1, 3, 1, func(x []float64) float64 { return 2*math.Pi*x[0] + x[1]*x[1]/2 })
	tree := parseT(t, "6.283185307*x0 + 0.50000000004*(x1*x1)")
	got, loss := SnapConstants(tree, d, SnapOptions{})
	if s := expr.Readable(got, d.Names, 6, expr.CanonOptions{}); s != "2*pi*x0 + x1^2/2" {
		t.Fatalf("snapped to %s (loss %g)", s, loss)
	}
	if loss > exactFloor(d) {
		t.Fatalf("snapped loss %g above the exact floor %g", loss, exactFloor(d))
	}
	if tree.String() != "6.283185307*x0 + 0.50000000004*(x1*x1)" {
		t.Fatalf("input changed: %s", tree)
	}
}

// A constant that the data pins away from any simple value stays: 0.5003
// is not 1/2 on exact data.
func TestSnapConstantsKeepsWhatTheDataPins(t *testing.T) {
	d := lawData(300, 1, 1, 3, 2, func(x []float64) float64 { return 0.5003 * x[0] })
	tree := parseT(t, "0.5003*x0")
	got, _ := SnapConstants(tree, d, SnapOptions{Radius: 1e-2})
	if got.String() != "0.5003*x0" {
		t.Fatalf("snapped to %s", got)
	}
}

// After a snap the other constants are refitted: the intercept moves to
// its exact value once the slope sits on 1/2.
func TestSnapConstantsRefitsTheOthers(t *testing.T) {
	d := lawData(200, 1, 1, 3, 3, func(x []float64) float64 { return 0.5*x[0] + 0.123456789 })
	tree := parseT(t, "0.500001*x0 + 0.123455")
	got, loss := SnapConstants(tree, d, SnapOptions{})
	cs := expr.ConstNodes(got)
	if cs[0].Value != 0.5 || math.Abs(cs[1].Value-0.123456789) > 1e-12 {
		t.Fatalf("got %s (loss %g): the intercept was not refitted", got, loss)
	}
}

// With noise σ the data cannot pin 2π to better than about σ/√n: given
// the noise, the snap is taken; treated as exact data, it is not.
func TestSnapConstantsWithinNoise(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	const sigma = 0.01
	d := lawData(200, 1, 1, 3, 4, func(x []float64) float64 { return 2 * math.Pi * x[0] })
	for i := range d.Y {
		d.Y[i] += sigma * rng.NormFloat64()
	}
	tree := parseT(t, "x0")
	tree = &expr.Node{Op: expr.OpMul, L: expr.Const(1), R: tree}
	FitConstants(tree, d.X, d.Y, nil, FitOptions{}) // the least-squares slope, off 2π by the noise
	if got, _ := SnapConstants(tree, d, SnapOptions{Noise: sigma * sigma}); !strings.Contains(expr.Readable(got, d.Names, 6, expr.CanonOptions{}), "pi") {
		t.Errorf("with the noise given: %s not snapped to 2π", got)
	}
	if got, _ := SnapConstants(tree, d, SnapOptions{Radius: 1e-2}); expr.Equal(got, tree) == false {
		t.Errorf("as exact data: %s snapped to %s", tree, got)
	}
	if got, _ := SnapConstants(tree, d, SnapOptions{Noise: sigma * sigma, Off: true}); !expr.Equal(got, tree) {
		t.Errorf("Off: %s changed to %s", tree, got)
	}
}

// A search on data from a known law prints its constants as a physicist
// writes them: 2*pi, and the 1/2 of a kinetic energy.
func TestSearchPrintsSnappedConstants(t *testing.T) {
	cases := []struct {
		name string
		f    func(x []float64) float64
		want string
	}{
		{"pendulum", func(x []float64) float64 { return 2 * math.Pi * math.Sqrt(x[0]/x[1]) }, "2*pi*sqrt(x0/x1)"},
		{"kinetic", func(x []float64) float64 { return x[0] * x[1] * x[1] / 2 }, "x0*x1^2/2"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := lawData(200, 2, 1, 4, 5, c.f)
			o := smallOptions()
			o.Ops = []expr.Op{expr.OpAdd, expr.OpMul, expr.OpDiv, expr.OpSqrt}
			o.Iterations, o.StopExact, o.Seed = 40, true, 3
			res, err := Search(context.Background(), d, o, nil)
			if err != nil {
				t.Fatal(err)
			}
			best := res.Front[Choose(res.Front, SelectBest)]
			got := expr.Readable(best.Tree, d.Names, 6, expr.CanonOptions{Bounds: expr.BoundsOf(d.X)})
			if got != c.want {
				t.Fatalf("printed %s (tree %s), want %s", got, best.Tree, c.want)
			}
		})
	}
}

// A leftover of the fit that the data cannot tell from 0 is dropped and
// the tree shrinks; a constant the data pins stays.
func TestSnapConstantsDropsNegligible(t *testing.T) {
	d := lawData(300, 2, 1, 3, 1, func(x []float64) float64 { return x[0] / (x[1] + 0.3) })
	got, _ := SnapConstants(parseT(t, "x0/(x1 + 0.3 - 2.2e-15)"), d, SnapOptions{})
	if s := expr.Format(got, d.Names); s != "x0/(x1 + 0.3)" {
		t.Fatalf("snapped to %s, want x0/(x1 + 0.3)", s)
	}
}
