package pipeline

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/ansatz/ansatz/model"
)

// TestChoicesIgnoreTestRows checks the protocol: every choice (the
// attribution ranking, the focus set, the curve, the search fronts, the
// chosen formula) is made without the test rows, so shuffling the test
// rows' targets changes the test scores and nothing else. On this table
// choosing on the test rows would change the answer: the formula with the
// best test R² differs once the test targets are shuffled.
func TestChoicesIgnoreTestRows(t *testing.T) {
	if testing.Short() {
		t.Skip("a whole discovery or search: runs without -short (CI runs -short under the race detector)")
	}
	law := func(x []float64) float64 { return x[0]*x[1] + 0.5*x[2] }
	honest := synth(t, 240, 0.05, law)
	shuffled := synth(t, 240, 0.05, law)
	cfg := quick()
	cfg.Repeats, cfg.Iterations, cfg.CurveMax, cfg.Train.Epochs = 2, 6, 2, 60
	split, err := model.SplitRows(shuffled.Rows, cfg.Train.TestFrac, cfg.Train.ValFrac, cfg.Train.Seed)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	test := split.Test
	rng.Shuffle(len(test), func(a, b int) {
		shuffled.Y[test[a]], shuffled.Y[test[b]] = shuffled.Y[test[b]], shuffled.Y[test[a]]
	})

	a, err := Run(context.Background(), honest, cfg)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Run(context.Background(), shuffled, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if a.Law.Chosen < 0 || len(a.Law.Runs) != 2 {
		t.Fatalf("want two searches and a law, got %d runs, chosen %d", len(a.Law.Runs), a.Law.Chosen)
	}
	if ca, cb := noTimes(t, choices(a)), noTimes(t, choices(b)); ca != cb {
		t.Errorf("shuffling the test targets changed a choice:\n%s\n%s", ca, cb)
	}
	if a.Law.Formula != b.Law.Formula || a.Law.Formula == "" {
		t.Errorf("law %q became %q", a.Law.Formula, b.Law.Formula)
	}
	if !(float64(a.Law.TestR2) > 0.9) || !(float64(b.Law.TestR2) < 0.5) {
		t.Errorf("test R² %v with the real test targets, %v with shuffled ones: the shuffle should show", a.Law.TestR2, b.Law.TestR2)
	}
	if bestOnTest(a) == bestOnTest(b) {
		t.Errorf("the front formula with the best test R² is %q either way: the table does not tell a test-row choice apart", bestOnTest(a))
	}
}

// choices is the result without what the test stage writes.
func choices(r *Result) *Result {
	c := *r
	s, f, l := *r.Signal, *r.Focus, *r.Law
	s.Model, s.Baseline, s.Verdict, s.Scatter, s.Confusion = Score{}, Score{}, "", nil, nil
	f.Score, f.Full, f.Baseline, f.Kept = Score{}, Score{}, Score{}, 0
	f.Curve = slices.Clone(f.Curve)
	for i := range f.Curve {
		f.Curve[i].Test = 0
	}
	l.TestR2, l.TestRMSE, l.TestAcc, l.Scatter, l.Residuals = 0, 0, 0, nil, nil
	l.Runs = slices.Clone(l.Runs)
	for k := range l.Runs {
		l.Runs[k].Front = slices.Clone(l.Runs[k].Front)
		for i := range l.Runs[k].Front {
			p := &l.Runs[k].Front[i]
			p.TestR2, p.TestLoss, p.TestAcc = 0, 0, 0
		}
	}
	c.Signal, c.Focus, c.Law = &s, &f, &l
	return &c
}

// bestOnTest is the front formula a choice on the test rows would make.
func bestOnTest(r *Result) string {
	best, v := "", 0.0
	for _, run := range r.Law.Runs {
		for _, p := range run.Front {
			if best == "" || float64(p.TestR2) > v {
				best, v = p.Infix, float64(p.TestR2)
			}
		}
	}
	return best
}
