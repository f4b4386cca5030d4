package solve

import (
	"math"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/symreg"
	"github.com/ansatz/ansatz/symreg/expr"
)

// frontOf fits each formula's constants on d and makes a front of them,
// complexities from their sizes (losses as fitted; Select does not trust
// them).
func frontOf(t *testing.T, d *symreg.Data, srcs ...string) []symreg.FrontEntry {
	t.Helper()
	var out []symreg.FrontEntry
	for _, s := range srcs {
		n := mustParse(t, s, d.Names)
		if len(expr.ConstNodes(n)) > 0 {
			symreg.FitConstants(n, d.X, d.Y, d.W, symreg.FitOptions{MaxIter: 100})
		}
		out = append(out, symreg.FrontEntry{Tree: n, Complexity: n.Size(), Loss: symreg.MSE(n, d)})
	}
	return out
}

// I.12.1 (F = μ·N) from 20 rows with 1 % noise: the front holds the law
// and formulas with lower training error, an extra linear term and a
// high-frequency interpolant; the choice is the law, by cross-validation,
// with the interpolant set aside and the rule said.
func TestSelectLawOnSmallNoisyTable(t *testing.T) {
	names := []string{"mu", "Nn"}
	d := uniformData(20, []float64{0.1, 1}, []float64{1, 5}, names, func(x []float64) float64 { return x[0] * x[1] }, 0.01*1.1, 3)
	front := frontOf(t, d, "1.5", "mu*Nn", "1.01*mu*Nn + 0.01*Nn - 0.01",
		"mu*Nn + 0.01*sin(1839.5*Nn + 1.3)")
	c := Select(front, d, SelectConfig{Seed: 1})
	if c.Index != 1 || c.Rule != RuleCV {
		t.Fatalf("chose %d (%s) by %s: %s", c.Index, expr.Format(front[max(c.Index, 0)].Tree, names), c.Rule, c.Why)
	}
	for _, w := range []string{"cross-validated", "set aside", "sin changes"} {
		if !strings.Contains(c.Why, w) && !strings.Contains(c.NoiseMethod, w) {
			t.Errorf("why %q (noise from %q) does not mention %q", c.Why, c.NoiseMethod, w)
		}
	}
	if !(c.Noise > 0) {
		t.Errorf("noise %g", c.Noise)
	}
}

// On exact data the simplest formula that fits to rounding is chosen,
// even when a larger one fits a little better still.
func TestSelectExact(t *testing.T) {
	names := []string{"x", "y"}
	d := uniformData(200, []float64{1, 1}, []float64{3, 3}, names, func(x []float64) float64 { return 2 * math.Pi * x[0] / x[1] }, 0, 5)
	front := frontOf(t, d, "x", "6.2*x + 0.01*y", "2*pi*x/y", "2*pi*x/y + 1e-17*x")
	c := Select(front, d, SelectConfig{})
	if c.Index != 2 || c.Rule != RuleExact {
		t.Fatalf("chose %d by %s: %s", c.Index, c.Rule, c.Why)
	}
}

// A formula that fits the sampled range as well as the law but bends
// away outside it (here a cubic standing in for exp, on noisy data) is
// passed over for the law when the law is no simpler: refitted on the
// central 80 % of the range, the cubic misses the outer 20 %.
func TestSelectPrefersWhatHoldsAtTheEdges(t *testing.T) {
	names := []string{"x"}
	d := uniformData(400, []float64{0}, []float64{4}, names, func(x []float64) float64 { return math.Exp(x[0]) }, 0.02, 9)
	cub := "1 + 1.1*x + 0.4*x*x + 0.2*x*x*x"
	front := frontOf(t, d, "10*x", cub, "1.01*exp(0.999*x) + 0.001*x*x*x*x + 0.001*x*x*x + 0.001*x*x + 0.001*x + 0.001")
	central, outer := edgeSplit(d)
	eCub := edgeError(front[1].Tree, d, central, outer)
	eLaw := edgeError(front[2].Tree, d, central, outer)
	if !(eCub > 10*eLaw) {
		t.Fatalf("edge errors: cubic %g, law %g", eCub, eLaw)
	}
}

// Replicates give the noise directly; without them the nearest
// neighbours' differences bound it from above, close to it on a dense
// table of a smooth law.
func TestEstimateNoise(t *testing.T) {
	names := []string{"x"}
	d := uniformData(2000, []float64{0}, []float64{1}, names, func(x []float64) float64 { return 3 * x[0] }, 0.1, 11)
	n := EstimateNoise(d, 1000)
	if n.Method != "nearest-neighbour differences" || math.Abs(n.Var/0.01-1) > 0.2 {
		t.Errorf("dense table: %+v, want ≈ 0.01", n)
	}
	r := &symreg.Data{X: [][]float64{{1, 1, 1, 2, 2, 2, 3, 3}}, Y: []float64{1, 2, 3, 5, 5, 5, 7, 9}, Names: names}
	n = EstimateNoise(r, 1000)
	// groups {1,2,3}: ss 2, {5,5,5}: 0, {7,9}: 2; dof 2+2+1
	if n.Method != "replicates" || math.Abs(n.Var-0.8) > 1e-12 {
		t.Errorf("replicates: %+v, want 0.8", n)
	}
}

// On noisy data the chosen formula's constants are snapped at the
// estimated noise: 0.4987·x·z fitted to x·z/2 with 1 % noise becomes
// x·z/2 exactly.
func TestChooseSnapsAtTheNoise(t *testing.T) {
	names := []string{"x", "z"}
	d := uniformData(50, []float64{1, 1}, []float64{3, 3}, names, func(x []float64) float64 { return x[0] * x[1] / 2 }, 0.02, 13)
	r := &Result{}
	r.Front = frontOf(t, d, "2.1", "0.4987*x*z")
	r.choose(Problem{Data: d, Options: symreg.DefaultOptions()})
	if r.Choice.Index != 1 || r.Choice.Rule != RuleCV {
		t.Fatalf("chose %d by %s: %s", r.Choice.Index, r.Choice.Rule, r.Choice.Why)
	}
	if c := expr.ConstNodes(r.Front[1].Tree); len(c) != 1 || c[0].Value != 0.5 {
		t.Errorf("chosen %s", expr.Format(r.Front[1].Tree, names))
	}
}
