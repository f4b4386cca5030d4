package decompose

import (
	"context"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/symreg"
	"github.com/ansatz/ansatz/symreg/expr"
	"github.com/ansatz/ansatz/symreg/solve"
)

// smallOptions is a short search: few islands, an iteration limit (so the
// result does not depend on the machine), stopping at an exact fit.
func smallOptions() symreg.Options {
	o := symreg.DefaultOptions()
	o.Ops, _ = symreg.ParseOps("+,-,*,/,sqrt")
	o.Populations, o.PopulationSize, o.Iterations, o.MaxSize = 4, 20, 20, 20
	o.StopExact, o.LinearScaling, o.Threads, o.Seed = true, true, 1, 5
	return o
}

// y = a·b + c·d + e·f (Feynman I.11.19's shape) is out of reach of a
// short search over six columns; decomposed, it is three products (the
// symmetries a·b, c·d, e·f), added (additive separability), each part a
// power law of its product, recombined and polished into the exact law,
// which solve then chooses by its exact-fit rule.
func TestSolveFindsSumOfProducts(t *testing.T) {
	d := table(1000, 6, 1, 5, 11, func(x []float64) float64 { return x[0]*x[1] + x[2]*x[3] + x[4]*x[5] })
	ctx := context.Background()
	plain, err := solve.Solve(ctx, solve.Problem{Data: d, Options: smallOptions()})
	if err != nil {
		t.Fatal(err)
	}
	if plain.Choice.Rule == solve.RuleExact {
		t.Fatalf("the plain search found %s: the test needs a law it misses", expr.Format(plain.Front[plain.Choice.Index].Tree, d.Names))
	}
	res, err := solve.Solve(ctx, solve.Problem{Data: d, Options: smallOptions(), Decompose: Solve})
	if err != nil {
		t.Fatal(err)
	}
	got := res.Front[res.Choice.Index].Tree
	t.Logf("decomposition: %s", res.Decomposition)
	if res.Choice.Rule != solve.RuleExact {
		t.Fatalf("chose %s by %s: %s", expr.Format(got, d.Names), res.Choice.Rule, res.Choice.Why)
	}
	if e := relErr(got, d); e > 1e-9 {
		t.Errorf("chose %s, relative error %.3g", expr.Format(got, d.Names), e)
	}
	for _, part := range []string{"a*b", "c*d", "e*f"} {
		if !strings.Contains(res.Decomposition, part) {
			t.Errorf("decomposition %q does not merge %s", res.Decomposition, part)
		}
	}
}

// A table with nothing to split comes back with no formula and says so.
func TestSolveNothingToSplit(t *testing.T) {
	if testing.Short() {
		t.Skip("fits a surrogate to the full; -short runs the test that splits")
	}
	d := table(1000, 3, 1, 5, 12, func(x []float64) float64 { return x[0]*x[0] + x[0]*x[1] + x[1]*x[2] })
	trees, note := Solve(context.Background(), solve.Problem{Data: d, Options: smallOptions()})
	if len(trees) != 0 || !strings.Contains(note, "nothing separable") {
		t.Errorf("got %d formulas, note %q", len(trees), note)
	}
}
