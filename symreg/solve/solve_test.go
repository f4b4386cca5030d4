package solve

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/symreg"
	"github.com/ansatz/ansatz/symreg/expr"
	"github.com/ansatz/ansatz/symreg/units"
)

// smallOptions is a quick search: few islands, an iteration limit (so the
// result does not depend on the machine), stopping at an exact fit.
func smallOptions(ops string) symreg.Options {
	o := symreg.DefaultOptions()
	o.Ops, _ = symreg.ParseOps(ops)
	o.Populations, o.PopulationSize, o.Iterations, o.MaxSize = 4, 20, 24, 15
	o.StopExact, o.LinearScaling = true, true
	return o
}

// y = asin(x·z) is out of reach of a search with + − × ÷ alone, but under
// the transform sin y it is x·z: Solve finds it there, inverts it and
// chooses it as an exact fit.
func TestSolveFindsLawUnderTransform(t *testing.T) {
	names := []string{"x", "z"}
	d := uniformData(300, []float64{0.1, 0.1}, []float64{0.9, 0.9}, names, func(x []float64) float64 { return math.Asin(x[0] * x[1]) }, 0, 2)
	res, err := Solve(context.Background(), Problem{Data: d, Options: smallOptions("+,-,*,/")})
	if err != nil {
		t.Fatal(err)
	}
	c := res.Choice
	got := res.Front[c.Index].Tree
	if c.Rule != RuleExact {
		t.Fatalf("chose %s by %s: %s (transforms: %v)", expr.Format(got, names), c.Rule, c.Why, res.Transforms)
	}
	if s := expr.Format(got, names); !strings.Contains(s, "asin") {
		t.Errorf("chose %s", s)
	}
	if len(res.Transforms) == 0 || !strings.Contains(strings.Join(res.Transforms, ";"), "sin(y)") {
		t.Errorf("transforms: %v", res.Transforms)
	}
}

// A law the plain search fits exactly runs no transform.
func TestSolveStopsAtExactFit(t *testing.T) {
	names := []string{"x", "z"}
	d := uniformData(300, []float64{1, 1}, []float64{2, 2}, names, func(x []float64) float64 { return x[0] * x[1] }, 0, 4)
	res, err := Solve(context.Background(), Problem{Data: d, Options: smallOptions("+,-,*,/")})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Transforms) != 0 || res.Choice.Rule != RuleExact {
		t.Errorf("transforms %v, rule %s", res.Transforms, res.Choice.Rule)
	}
}

// When the units alone fix the law up to its constant (F = C·q·E), noisy
// data runs no transform, and the constant snaps to 1 at the noise.
func TestSolveUnitsAloneOnNoisyData(t *testing.T) {
	table, err := units.Load("../../testdata/feynman/units.csv")
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"q2", "Ef"}
	d := uniformData(20, []float64{1, 1}, []float64{5, 5}, names, func(x []float64) float64 { return x[0] * x[1] }, 0.05, 6)
	res, err := Solve(context.Background(), Problem{Data: d, Options: smallOptions("+,-,*,/"), Units: table, Target: "F"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Transforms) != 0 || res.StopReason != symreg.StopUnitsOnly {
		t.Errorf("transforms %v, stop %s", res.Transforms, res.StopReason)
	}
	if got := expr.Format(res.Front[res.Choice.Index].Tree, names); got != "q2*Ef" && got != "Ef*q2" {
		t.Errorf("chose %s by %s: %s", got, res.Choice.Rule, res.Choice.Why)
	}
}
