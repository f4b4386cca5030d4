package symreg

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ansatz/ansatz/symreg/expr"
	"github.com/ansatz/ansatz/symreg/units"
)

func readUnits(t *testing.T, s string) *units.Table {
	t.Helper()
	u, err := units.Read(strings.NewReader(s), "u.csv")
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func quickOptions() Options {
	o := DefaultOptions()
	o.Iterations, o.Populations, o.PopulationSize, o.Threads = 3, 2, 20, 1
	return o
}

// With no group left, SearchWithUnits only fits C of y = C·P: the pendulum.
func TestSearchWithUnitsPrefactorOnly(t *testing.T) {
	u := readUnits(t, "Variable,m,s,kg\nL,1,0,0\ng,1,-2,0\nm,0,0,1\nT,0,1,0\n")
	d := lawData(100, 3, 1, 6, 3, func(x []float64) float64 { return 2 * math.Pi * math.Sqrt(x[0]/x[2]) })
	d.Names = []string{"L", "m", "g"}
	res, info, err := SearchWithUnits(context.Background(), d, quickOptions(), nil, u, "T")
	if err != nil {
		t.Fatal(err)
	}
	if !info.Applied || info.Prefactor != "sqrt(L/g)" || len(info.Groups) != 0 {
		t.Fatalf("info %+v", info)
	}
	best := res.Front[Choose(res.Front, SelectBest)]
	if m := expr.Measure(best.Tree, d.X, d.Y, nil); m.RMSE > 1e-12 {
		t.Errorf("chosen %s RMSE %g", expr.Format(best.Tree, d.Names), m.RMSE)
	}
	// Data that is not C·P (the units are wrong for it): plain search.
	d.Y = append([]float64(nil), d.X[1]...)
	res, info, err = SearchWithUnits(context.Background(), d, quickOptions(), nil, u, "T")
	if err != nil || info.Applied || !strings.Contains(info.Reason, "R²") || len(res.Front) == 0 {
		t.Fatalf("info %+v, err %v", info, err)
	}
}

// One group: the search runs on it and the front comes back over the
// original variables, scored on the original data.
func TestSearchWithUnitsExpandsFront(t *testing.T) {
	u := readUnits(t, "Variable,m,s,kg\nm_0,0,0,1\nv,1,-1,0\nc,1,-1,0\nm,0,0,1\n")
	d := lawData(200, 3, 1, 2, 3, func(x []float64) float64 { return x[0] * (1 + x[1]/x[2]) })
	d.Names = []string{"m_0", "v", "c"}
	o := quickOptions()
	o.Iterations = 6 // 3 find 1+π on most samples, not all (either kernel set)
	o.Guesses = []*expr.Node{{Op: expr.OpVar, Var: 0}}
	var calls int
	o.Progress = func(p Progress) {
		calls++
		for _, e := range p.Front {
			if e.Tree.Size() > 0 && maxVar(e.Tree) >= 3 {
				t.Errorf("progress tree over wrong variables: %s", e.Tree)
			}
		}
	}
	res, info, err := SearchWithUnits(context.Background(), d, o, nil, u, "m")
	if err != nil {
		t.Fatal(err)
	}
	if !info.Applied || info.Prefactor != "m_0" || !(slices.Equal(info.Groups, []string{"v/c"}) || slices.Equal(info.Groups, []string{"c/v"})) || len(info.Notes) != 1 {
		t.Fatalf("info %+v", info)
	}
	if calls == 0 {
		t.Error("progress never called")
	}
	for i, e := range res.Front {
		var ev expr.Evaluator
		pred := make([]float64, d.Rows())
		ev.Eval64(expr.Compile(e.Tree), d.X, pred)
		if l := lossOf(LossMSE, 1, pred, d.Y, nil); math.Abs(l-e.Loss) > 1e-12*math.Max(l, 1e-300) {
			t.Errorf("front %d loss %g, recomputed %g", i, e.Loss, l)
		}
		if i > 0 && !(e.Loss < res.Front[i-1].Loss && e.Complexity > res.Front[i-1].Complexity) {
			t.Errorf("front not Pareto at %d", i)
		}
		if e.Complexity != expr.Complexity(e.Tree) {
			t.Errorf("complexity %d of %s", e.Complexity, e.Tree)
		}
	}
	best := res.Front[len(res.Front)-1]
	if m := expr.Measure(best.Tree, d.X, d.Y, nil); m.R2 < 0.999999 {
		t.Errorf("best %s R² %g", expr.Format(best.Tree, d.Names), m.R2)
	}
	// No table: exactly the plain search.
	_, info, err = SearchWithUnits(context.Background(), d, quickOptions(), nil, nil, "m")
	if err != nil || info.Applied {
		t.Errorf("nil units: %+v %v", info, err)
	}
}

func maxVar(n *expr.Node) int {
	if n == nil {
		return -1
	}
	m := -1
	if n.Op == expr.OpVar {
		m = n.Var
	}
	return max(m, maxVar(n.L), maxVar(n.R))
}

// tickingClock makes the search's clock advance by step at every reading,
// so time limits are counted in events, not in the machine's speed, and
// restores the real clock when the test ends.
func tickingClock(t *testing.T, step time.Duration) {
	var n atomic.Int64
	base := time.Unix(1e9, 0)
	now = func() time.Time { return base.Add(time.Duration(n.Add(1)) * step) }
	t.Cleanup(func() { now = time.Now })
}

// With a time limit and no exact fit on the groups, the plain search gets
// the rest of the time and both fronts are merged. The clock ticks per
// reading: on a loaded machine the groups' share could otherwise use up
// the whole limit, leaving no time for the plain phase.
func TestSearchWithUnitsPortfolio(t *testing.T) {
	tickingClock(t, time.Millisecond)
	u := readUnits(t, "Variable,m,s\nx1,1,0\ny1,1,0\nx2,1,0\ny2,1,0\nA,2,0\n")
	rng := rand.New(rand.NewPCG(9, 9))
	d := lawData(200, 4, 1, 3, 3, func(x []float64) float64 { return x[0]*x[1] + x[2]*x[3] + 0.01*rng.NormFloat64() })
	d.Names = []string{"x1", "y1", "x2", "y2"}
	o := quickOptions()
	o.Iterations = 0
	o.Time = 300 * time.Millisecond
	o.Guesses = []*expr.Node{{Op: expr.OpMul, L: &expr.Node{Op: expr.OpVar, Var: 0}, R: &expr.Node{Op: expr.OpVar, Var: 1}}}
	res, info, err := SearchWithUnits(context.Background(), d, o, nil, u, "A")
	if err != nil {
		t.Fatal(err)
	}
	if !info.Applied || len(info.Notes) != 2 || !strings.Contains(info.Notes[1], "merged") {
		t.Fatalf("info %+v", info)
	}
	if res.Elapsed > o.Time+20*time.Millisecond || res.Elapsed < o.Time {
		t.Errorf("elapsed %v for a %v limit", res.Elapsed, o.Time)
	}
	for i := 1; i < len(res.Front); i++ {
		if !(res.Front[i].Loss < res.Front[i-1].Loss) {
			t.Errorf("merged front not Pareto at %d", i)
		}
	}
}
