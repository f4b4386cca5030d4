package symreg

import (
	"math"
	"testing"

	"github.com/ansatz/ansatz/symreg/expr"
)

func TestHallOfFameFront(t *testing.T) {
	h := newHallOfFame(10, 0)
	leaf := func(v float64) *expr.Node { return &expr.Node{Op: expr.OpConst, Value: v} }
	add := func(c int, loss float64) bool {
		return h.offer(&Member{Tree: leaf(float64(c)), Complexity: c, Loss: loss})
	}
	if !add(1, 10) || !add(3, 5) || !add(4, 7) || !add(5, 1) || !add(8, 0.5) {
		t.Fatal("first entries must be kept")
	}
	if add(3, 6) {
		t.Fatal("worse entry replaced a better one")
	}
	if !add(3, 4) {
		t.Fatal("better entry rejected")
	}
	if add(11, 0.1) || add(0, 0.1) || add(2, math.NaN()) || add(2, math.Inf(1)) {
		t.Fatal("out-of-range or non-finite entry kept")
	}
	f := h.Front()
	var cs []int
	for i, e := range f {
		cs = append(cs, e.Complexity)
		if i > 0 && !(e.Loss < f[i-1].Loss && e.Complexity > f[i-1].Complexity) {
			t.Fatalf("front not Pareto at %d: %+v after %+v", i, e, f[i-1])
		}
	}
	if want := []int{1, 3, 5, 8}; len(cs) != len(want) || cs[0] != 1 || cs[1] != 3 || cs[2] != 5 || cs[3] != 8 {
		t.Fatalf("front complexities %v, want %v", cs, want)
	}
	// score of 5 against 3: −(log 1 − log 4)/2.
	if got, want := f[2].Score, math.Log(4)/2; math.Abs(got-want) > 1e-12 {
		t.Fatalf("score %g, want %g", got, want)
	}
}

func TestChooseRules(t *testing.T) {
	mk := func(cs []int, losses []float64) []FrontEntry {
		h := newHallOfFame(30, 0)
		for i, c := range cs {
			h.offer(&Member{Tree: &expr.Node{Op: expr.OpVar}, Complexity: c, Loss: losses[i]})
		}
		return h.Front()
	}
	// A big drop at 5 (score log(100)/2), a small one at 9 that is the most
	// accurate; 5 is not within 1.5× of the lowest loss, so "best" must
	// take the best score among {9, 12}.
	f := mk([]int{1, 5, 9, 12}, []float64{100, 1, 0.5, 0.45})
	if got := f[Choose(f, SelectScore)].Complexity; got != 5 {
		t.Errorf("score picked %d, want 5", got)
	}
	if got := f[Choose(f, SelectAccuracy)].Complexity; got != 12 {
		t.Errorf("accuracy picked %d, want 12", got)
	}
	if got := f[Choose(f, SelectBest)].Complexity; got != 9 {
		t.Errorf("best picked %d, want 9", got)
	}
	// Within 1.5×: the big drop wins.
	f = mk([]int{1, 5, 9}, []float64{100, 1, 0.9})
	if got := f[Choose(f, SelectBest)].Complexity; got != 5 {
		t.Errorf("best picked %d, want 5", got)
	}
	if Choose(nil, SelectBest) != -1 {
		t.Error("empty front must give -1")
	}
}

func TestChooseFloorIgnoresRounding(t *testing.T) {
	h := newHallOfFame(30, 1e-20)
	for _, e := range []struct {
		c int
		l float64
	}{{1, 10}, {5, 1e-29}, {7, 5e-31}} {
		h.offer(&Member{Tree: &expr.Node{Op: expr.OpVar}, Complexity: e.c, Loss: e.l})
	}
	f := h.Front()
	if got := f[Choose(f, SelectBest)].Complexity; got != 5 {
		t.Fatalf("best picked %d; exact fits differing only by rounding must prefer the simpler", got)
	}
}
