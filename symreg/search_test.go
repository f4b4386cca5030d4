package symreg

import (
	"context"
	"math"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/symreg/expr"
)

// lawData samples y = f(x) for nvar uniform inputs in [lo, hi].
func lawData(n, nvar int, lo, hi float64, seed uint64, f func(x []float64) float64) *Data {
	rng := rand.New(rand.NewPCG(seed, 7))
	d := &Data{X: make([][]float64, nvar), Y: make([]float64, n)}
	for k := range d.X {
		d.X[k] = make([]float64, n)
		d.Names = append(d.Names, "x"+string(rune('0'+k)))
	}
	x := make([]float64, nvar)
	for i := range d.Y {
		for k := range x {
			x[k] = lo + (hi-lo)*rng.Float64()
			d.X[k][i] = x[k]
		}
		d.Y[i] = f(x)
	}
	return d
}

// smallOptions are fast settings for unit tests.
func smallOptions() Options {
	o := DefaultOptions()
	o.Populations = 4
	o.PopulationSize = 20
	o.Cycles = 5
	o.MaxSize = 15
	return o
}

func frontKey(f []FrontEntry) []string {
	var out []string
	for _, e := range f {
		out = append(out, encodeTree(e.Tree)+"|"+encodeFloat(e.Loss))
	}
	return out
}

func encodeFloat(v float64) string { return encodeTree(&expr.Node{Op: expr.OpConst, Value: v}) }

func sameFront(t *testing.T, a, b []FrontEntry) {
	t.Helper()
	ka, kb := frontKey(a), frontKey(b)
	if len(ka) != len(kb) {
		t.Fatalf("fronts differ in length: %d vs %d\n%v\n%v", len(ka), len(kb), ka, kb)
	}
	for i := range ka {
		if ka[i] != kb[i] {
			t.Fatalf("front entry %d differs:\n%s\n%s", i, ka[i], kb[i])
		}
	}
}

func TestSearchDeterministicAcrossThreads(t *testing.T) {
	d := lawData(100, 2, -2, 2, 1, func(x []float64) float64 { return x[0]*x[1] + 2 })
	o := smallOptions()
	o.Iterations = 4
	o.Seed = 42
	var fronts [][]FrontEntry
	for _, threads := range []int{1, 2, 1} {
		o.Threads = threads
		r, err := Search(context.Background(), d, o, nil)
		if err != nil {
			t.Fatal(err)
		}
		if r.Iterations != 4 || r.StopReason != StopIterations {
			t.Fatalf("iterations %d, stop %q", r.Iterations, r.StopReason)
		}
		fronts = append(fronts, r.Front)
	}
	sameFront(t, fronts[0], fronts[1])
	sameFront(t, fronts[0], fronts[2])

	o.Seed = 43
	r, err := Search(context.Background(), d, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(frontKey(r.Front)) == len(frontKey(fronts[0])) && frontKey(r.Front)[len(r.Front)-1] == frontKey(fronts[0])[len(fronts[0])-1] && len(r.Front) > 3 {
		t.Log("different seeds gave the same best formula (possible, but suspicious)")
	}
}

func TestSearchRecoversEasyLaw(t *testing.T) {
	d := lawData(200, 3, -3, 3, 2, func(x []float64) float64 { return x[0]*x[1] + math.Sin(x[2]) })
	o := smallOptions()
	o.Ops = []expr.Op{expr.OpAdd, expr.OpSub, expr.OpMul, expr.OpSin}
	o.Iterations = 60 // it stops at the exact fit, well before (also under -race)
	o.StopExact = true
	o.Threads = 2
	r, err := Search(context.Background(), d, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	best := r.Front[Choose(r.Front, SelectBest)]
	if best.Loss > 1e-20 {
		t.Fatalf("not recovered after %d iterations: %s (loss %g)", r.Iterations, expr.Format(best.Tree, d.Names), best.Loss)
	}
	if best.Complexity > 8 {
		t.Errorf("recovered formula is not the simple one: %s (complexity %d)", expr.Format(best.Tree, d.Names), best.Complexity)
	}
	if r.StopReason != StopExactFit {
		t.Errorf("stop reason %q, want exact", r.StopReason)
	}
}

func TestSearchCancelKeepsResult(t *testing.T) {
	d := lawData(100, 2, 1, 3, 3, func(x []float64) float64 { return x[0] / x[1] })
	o := smallOptions()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	o.Progress = func(p Progress) {
		if p.Iteration == 2 {
			cancel()
		}
	}
	r, err := Search(ctx, d, o, nil) // no other stopping rule: the context ends it
	if err != nil {
		t.Fatal(err)
	}
	if r.StopReason != StopInterrupted || r.Iterations != 2 || len(r.Front) == 0 {
		t.Fatalf("stop %q after %d iterations with %d front entries", r.StopReason, r.Iterations, len(r.Front))
	}
}

func TestSearchCheckpointResumeContinues(t *testing.T) {
	d := lawData(80, 2, 1, 3, 4, func(x []float64) float64 { return x[0]*x[0] + x[1] })
	o := smallOptions()
	o.Seed = 9
	o.Iterations = 6
	straight, err := Search(context.Background(), d, o, nil)
	if err != nil {
		t.Fatal(err)
	}

	path := filepath.Join(t.TempDir(), "ckpt.json")
	o.Iterations = 3
	o.CheckpointPath = path
	first, err := Search(context.Background(), d, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := LoadCheckpoint(path)
	if err != nil {
		t.Fatal(err)
	}
	if c.Iteration != 3 || len(c.Islands) != o.Populations || len(c.HallOfFame) == 0 {
		t.Fatalf("checkpoint: iteration %d, %d islands, %d hall-of-fame entries", c.Iteration, len(c.Islands), len(c.HallOfFame))
	}
	o.Iterations = 6
	o.CheckpointPath = ""
	o.Populations = 1 // ignored: the checkpoint's settings win
	resumed, err := Search(context.Background(), d, o, c)
	if err != nil {
		t.Fatal(err)
	}
	if resumed.Iterations != 6 || resumed.Evals <= first.Evals {
		t.Fatalf("resume restarted: iterations %d, evals %d (before %d)", resumed.Iterations, resumed.Evals, first.Evals)
	}
	// The hall of fame carries on: nothing got worse.
	if resumed.Front[len(resumed.Front)-1].Loss > first.Front[len(first.Front)-1].Loss {
		t.Fatalf("best loss rose after resume")
	}
	// And the state is complete: 3+3 iterations equal 6 straight ones.
	sameFront(t, straight.Front, resumed.Front)
}

func TestSearchGuessWarmStart(t *testing.T) {
	d := lawData(100, 2, 1, 3, 5, func(x []float64) float64 { return 2.5*math.Exp(x[0]) - x[1] })
	o := smallOptions()
	o.Iterations = 1
	g, err := expr.Parse("1*exp(x0) - x1", []string{"x0", "x1"})
	if err != nil {
		t.Fatal(err)
	}
	o.Guesses = []*expr.Node{g}
	r, err := Search(context.Background(), d, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	if best := r.Front[len(r.Front)-1]; best.Loss > 1e-18 {
		t.Fatalf("guess (with fitted constant) not on the front: best %s loss %g", expr.Format(best.Tree, d.Names), best.Loss)
	}
}

func TestSearchBadInput(t *testing.T) {
	o := smallOptions()
	o.Iterations = 1
	cases := map[string]*Data{
		"no rows":        {X: [][]float64{{}}, Y: nil, Names: []string{"a"}},
		"ragged":         {X: [][]float64{{1, 2}}, Y: []float64{1, 2, 3}, Names: []string{"a"}},
		"nan target":     {X: [][]float64{{1, 2}}, Y: []float64{1, math.NaN()}, Names: []string{"a"}},
		"weights length": {X: [][]float64{{1, 2}}, Y: []float64{1, 2}, W: []float64{1}, Names: []string{"a"}},
	}
	for name, d := range cases {
		if _, err := Search(context.Background(), d, o, nil); err == nil || !inputerr.Is(err) {
			t.Errorf("%s: err = %v, want an input error", name, err)
		}
	}
	d := lawData(10, 1, 0, 1, 1, func(x []float64) float64 { return x[0] })
	bad := o
	bad.Ops = nil
	if _, err := Search(context.Background(), d, bad, nil); !inputerr.Is(err) {
		t.Errorf("no ops: %v", err)
	}
	bad = o
	bad.Iterations = 0
	if _, err := Search(context.Background(), d, bad, nil); !inputerr.Is(err) {
		t.Errorf("no stopping rule: %v", err)
	}
}

func TestSearchBatchAndLosses(t *testing.T) {
	d := lawData(400, 2, 1, 3, 6, func(x []float64) float64 { return x[0] + x[1]*x[1] })
	for _, loss := range []LossKind{LossMSE, LossL1, LossHuber, LossLogCosh} {
		o := smallOptions()
		o.Iterations = 3
		o.Batch = 50
		o.Loss = loss
		r, err := Search(context.Background(), d, o, nil)
		if err != nil {
			t.Fatalf("%v: %v", loss, err)
		}
		// Hall-of-fame losses are full-data losses: recompute them.
		for _, e := range r.Front {
			pred := make([]float64, d.Rows())
			expr.NewEvaluator().Eval64(expr.Compile(e.Tree), d.X, pred)
			want := lossOf(loss, o.HuberDelta, pred, d.Y, nil)
			if math.Abs(want-e.Loss) > 1e-9*math.Max(1, want) {
				t.Fatalf("%v: front loss %g, full-data loss %g for %s", loss, e.Loss, want, e.Tree)
			}
		}
	}
}

func TestSearchComplexityWeights(t *testing.T) {
	d := lawData(100, 2, -2, 2, 8, func(x []float64) float64 { return math.Sin(x[0]) + x[1] })
	o := smallOptions()
	o.Ops = []expr.Op{expr.OpAdd, expr.OpMul, expr.OpSin}
	o.Iterations = 3
	o.ComplexityWeights = "sin=4,const=2"
	r, err := Search(context.Background(), d, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	w, _ := expr.ParseWeights(o.ComplexityWeights)
	for _, e := range r.Front {
		if e.Complexity != w.Complexity(e.Tree) {
			t.Fatalf("%s: complexity %d, weighted %d", e.Tree, e.Complexity, w.Complexity(e.Tree))
		}
	}
	o.ComplexityWeights = "sin=0"
	if _, err := Search(context.Background(), d, o, nil); !inputerr.Is(err) {
		t.Fatalf("bad weights: %v", err)
	}
}

func TestCleanFrontSnapsAndDrops(t *testing.T) {
	d := lawData(50, 1, 1, 2, 10, func(x []float64) float64 { return 0.5 * x[0] })
	o := smallOptions()
	o.Iterations = 1
	if err := o.validate(); err != nil {
		t.Fatal(err)
	}
	e, err := newEngine(d, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	messy, _ := expr.Parse("0.5000000000000001*x0 + 1e-17", []string{"x0"})
	e.hof = newHallOfFame(o.MaxSize, exactFloor(d))
	e.hof.offer(e.scoreFull(e.islands[0], messy, nil))
	e.cleanFront()
	f := e.hof.Front()
	got := expr.Format(f[0].Tree, d.Names)
	if got != "0.5*x0" || f[0].Complexity != 3 || len(f) != 1 {
		t.Fatalf("cleaned front %v: first %q (complexity %d)", len(f), got, f[0].Complexity)
	}
}

func TestSearchCancelledBeforeFirstIteration(t *testing.T) {
	d := lawData(50, 1, 1, 2, 11, func(x []float64) float64 { return x[0] * x[0] })
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r, err := Search(ctx, d, smallOptions(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Iterations != 0 || r.StopReason != StopInterrupted || len(r.Front) == 0 {
		t.Fatalf("iterations %d, stop %q, front %d", r.Iterations, r.StopReason, len(r.Front))
	}
}
