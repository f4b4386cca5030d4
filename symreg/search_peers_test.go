package symreg

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"sync"
	"testing"

	"github.com/ansatz/ansatz/cluster/inproc"
	"github.com/ansatz/ansatz/symreg/expr"
)

// onRanks runs a distributed search on n in-process ranks: rank 0 calls
// Search with ctxs[0] (and dismisses the others after), the others Serve
// with their own context. It returns rank 0's result and error, failing
// the test if another rank fails.
func onRanks(t *testing.T, n int, ctxs []context.Context, d *Data, o Options, resume *Checkpoint) (*Result, error) {
	t.Helper()
	var res *Result
	var err0 error
	var wg sync.WaitGroup
	for r, c := range inproc.Ranks(n) {
		ctx := context.Background()
		if r < len(ctxs) {
			ctx = ctxs[r]
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if r > 0 {
				if err := Serve(ctx, c); err != nil {
					t.Errorf("rank %d: %v", r, err)
				}
				return
			}
			o := o
			o.Peers = c
			res, err0 = Search(ctx, d, o, resume)
			if err := Dismiss(c); err != nil {
				t.Errorf("dismiss: %v", err)
			}
		}()
	}
	wg.Wait()
	return res, err0
}

func TestDistributedSearchIsReproducible(t *testing.T) {
	d := lawData(100, 2, -2, 2, 1, func(x []float64) float64 { return x[0]*x[1] + 2 })
	o := smallOptions()
	o.Iterations, o.Seed = 4, 42
	var runs []*Result
	for range 2 {
		r, err := onRanks(t, 3, nil, d, o, nil)
		if err != nil {
			t.Fatal(err)
		}
		if r.Ranks != 3 || r.Iterations != 4 || r.StopReason != StopIterations {
			t.Fatalf("ranks %d, iterations %d, stop %q", r.Ranks, r.Iterations, r.StopReason)
		}
		if r.Migrants.Sent == 0 || r.Migrants.Placed == 0 || r.Migrants.Placed > r.Migrants.Sent {
			t.Errorf("migrants between ranks: %+v", r.Migrants)
		}
		runs = append(runs, r)
	}
	sameFront(t, runs[0].Front, runs[1].Front)

	alone, err := Search(context.Background(), d, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	if alone.Ranks != 1 || alone.Migrants != (RankMigrants{}) {
		t.Errorf("alone: ranks %d, migrants %+v", alone.Ranks, alone.Migrants)
	}
	// Evaluations are the job's total, not rank 0's.
	if runs[0].Evals < 2*alone.Evals {
		t.Errorf("three ranks scored %d formulas, one rank alone %d", runs[0].Evals, alone.Evals)
	}
}

func TestDistributedSearchRecoversLaw(t *testing.T) {
	d := lawData(200, 3, -3, 3, 2, func(x []float64) float64 { return x[0]*x[1] + 3*x[2] })
	o := smallOptions()
	o.Iterations, o.StopExact = 40, true
	r, err := onRanks(t, 2, nil, d, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	best := r.Front[Choose(r.Front, SelectBest)]
	if best.Loss > 1e-20 || r.StopReason != StopExactFit {
		t.Fatalf("not recovered after %d iterations (%s): loss %g", r.Iterations, r.StopReason, best.Loss)
	}
}

func TestDistributedResume(t *testing.T) {
	d := lawData(80, 2, 1, 3, 4, func(x []float64) float64 { return x[0]*x[0] + x[1] })
	o := smallOptions()
	o.Seed, o.Iterations = 9, 6
	straight, err := onRanks(t, 2, nil, d, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "ckpt.json")
	o.Iterations, o.CheckpointPath = 3, path
	if _, err := onRanks(t, 2, nil, d, o, nil); err != nil {
		t.Fatal(err)
	}
	c, err := LoadCheckpoint(path)
	if err != nil {
		t.Fatal(err)
	}
	if c.Iteration != 3 || c.Ranks != 2 || len(c.Islands) != 2*o.Populations || len(c.RankRNGs) != 1 {
		t.Fatalf("checkpoint: iteration %d, ranks %d, %d islands, %d rank streams", c.Iteration, c.Ranks, len(c.Islands), len(c.RankRNGs))
	}
	o.Iterations, o.CheckpointPath = 6, ""
	t.Run("same ranks", func(t *testing.T) { // 3+3 iterations equal 6 straight ones
		resumed, err := onRanks(t, 2, nil, d, o, c)
		if err != nil {
			t.Fatal(err)
		}
		sameFront(t, straight.Front, resumed.Front)
		if resumed.Evals != straight.Evals {
			t.Errorf("evaluations: %d after resuming, %d straight", resumed.Evals, straight.Evals)
		}
	})
	for _, n := range []int{1, 3, 5} {
		t.Run(fmt.Sprint(n, " ranks"), func(t *testing.T) {
			o := o
			o.CheckpointPath = filepath.Join(t.TempDir(), "again.json")
			r, err := onRanks(t, n, nil, d, o, c)
			if err != nil {
				t.Fatal(err)
			}
			if r.Iterations != 6 || r.Ranks != n || r.Front[len(r.Front)-1].Loss > c.bestLoss() {
				t.Fatalf("iterations %d, ranks %d, best loss %g (checkpoint %g)", r.Iterations, r.Ranks, r.Front[len(r.Front)-1].Loss, c.bestLoss())
			}
			again, err := LoadCheckpoint(o.CheckpointPath)
			if err != nil || len(again.Islands) != len(c.Islands) {
				t.Fatalf("islands after resuming on %d ranks: %d, want %d (%v)", n, len(again.Islands), len(c.Islands), err)
			}
		})
	}
	t.Run("more ranks than islands", func(t *testing.T) {
		var wg sync.WaitGroup
		errs := make([]error, 9)
		for r, p := range inproc.Ranks(9) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if r > 0 {
					errs[r] = Serve(context.Background(), p)
					return
				}
				o := o
				o.Peers = p
				_, errs[0] = Search(context.Background(), d, o, c)
			}()
		}
		wg.Wait()
		for r, err := range errs {
			if err == nil {
				t.Errorf("rank %d resumed 8 islands on 9 ranks", r)
			}
		}
	})
}

// bestLoss is the lowest loss in the checkpoint's hall of fame.
func (c *Checkpoint) bestLoss() float64 {
	best := c.HallOfFame[0].Loss
	for _, m := range c.HallOfFame {
		best = min(best, m.Loss)
	}
	return float64(best)
}

func TestDistributedSearchStopsTogether(t *testing.T) {
	d := lawData(100, 2, -2, 2, 1, func(x []float64) float64 { return x[0]*x[1] + 2 })
	o := smallOptions()
	o.Iterations = 1000000
	interrupted, cancel := context.WithCancel(context.Background())
	cancel()
	// Only rank 2 is interrupted; all ranks must stop.
	r, err := onRanks(t, 3, []context.Context{context.Background(), context.Background(), interrupted}, d, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.StopReason != StopInterrupted || len(r.Front) == 0 {
		t.Fatalf("stop %q after %d iterations, front of %d", r.StopReason, r.Iterations, len(r.Front))
	}
}

func TestDistributedSearchSendsGuesses(t *testing.T) {
	d := lawData(100, 2, -2, 2, 1, func(x []float64) float64 { return x[0]*x[1] + 2 })
	o := smallOptions()
	o.Iterations = 1
	g, err := expr.Parse("x0*x1 + 1.5", d.Names)
	if err != nil {
		t.Fatal(err)
	}
	o.Guesses = []*expr.Node{g}
	r, err := onRanks(t, 2, nil, d, o, nil) // a rank failing to decode the guess fails the test
	if err != nil {
		t.Fatal(err)
	}
	if best := r.Front[len(r.Front)-1]; best.Loss > 1e-20 {
		t.Errorf("warm start lost: best %s, loss %g", expr.Format(best.Tree, d.Names), best.Loss)
	}
}

// TestExchangeKeepsTheHallOfFameOfferingAllWould checks the hall-of-fame
// exchange against its definition: every rank ends with the hall of fame
// that offering every rank's candidates in rank order gives, ties in loss
// included (the first offered wins).
func TestExchangeKeepsTheHallOfFameOfferingAllWould(t *testing.T) {
	d := lawData(50, 2, -2, 2, 1, func(x []float64) float64 { return x[0]*x[1] + 2 })
	o := smallOptions()
	o.Iterations = 1
	const ranks = 4
	formulas := []string{"x0", "x1", "x0 + x1", "x0 * x1", "x0 * x1 + x0", "x0 * x1 + 2", "x0 - x1"}
	// cands[r]: rank r's candidates in order, losses from a few values so
	// that ranks tie.
	cands := make([][]string, ranks)
	losses := make([][]float64, ranks)
	rng := rand.New(rand.NewPCG(3, 4))
	for r := range ranks {
		for range 6 {
			cands[r] = append(cands[r], formulas[rng.IntN(len(formulas))])
			losses[r] = append(losses[r], float64(1+rng.IntN(3)))
		}
	}
	engines := make([]*engine, ranks)
	members := func(e *engine, r int) []*Member {
		var ms []*Member
		for i, f := range cands[r] {
			tree, err := expr.Parse(f, d.Names)
			if err != nil {
				t.Fatal(err)
			}
			m := e.member(tree, nil, losses[r][i])
			m.Birth = int64(100*r + i) // tells equal trees apart below
			ms = append(ms, m)
		}
		return ms
	}
	var wg sync.WaitGroup
	for r, p := range inproc.Ranks(ranks) {
		o := o
		o.Peers = p
		e, err := newEngine(d, o, nil)
		if err != nil {
			t.Fatal(err)
		}
		e.dist.wish = func() wishes { return wishes{} }
		engines[r] = e
		wg.Go(func() {
			ms := members(e, r)
			e.exchange(&ms, nil)
			for _, m := range ms {
				e.hof.offer(m)
			}
		})
	}
	wg.Wait()
	want := newHallOfFame(o.MaxSize, 0)
	for r := range ranks {
		for _, m := range members(engines[0], r) {
			want.offer(m)
		}
	}
	for r, e := range engines {
		if e.dist.err != nil {
			t.Fatalf("rank %d: %v", r, e.dist.err)
		}
		for c, w := range want.Best {
			got := e.hof.Best[c]
			switch {
			case (got == nil) != (w == nil):
				t.Errorf("rank %d, complexity %d: %v, want %v", r, c, got, w)
			case got != nil && (!expr.Equal(got.Tree, w.Tree) || got.Loss != w.Loss):
				t.Errorf("rank %d, complexity %d: %s (loss %g), want %s (loss %g)", r, c,
					expr.Format(got.Tree, d.Names), got.Loss, expr.Format(w.Tree, d.Names), w.Loss)
			}
		}
	}
}
