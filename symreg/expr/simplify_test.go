package expr

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestSimplifyExamples(t *testing.T) {
	cases := []struct{ in, want string }{
		{"x0 + 0", "x0"},
		{"x0*1", "x0"},
		{"x0 - x0", "0"},
		{"x0/x0", "1"},
		{"--x0", "x0"},
		{"2*x0*3", "6*x0"},
		{"x1 + x0", "x0 + x1"},
		{"x0 + 2 + x1 + 3", "x0 + x1 + 5"},
		{"x0 + 2*x0", "3*x0"},
		{"x0*x1/x0", "x1"},
		{"-x0 + x1", "x1 - x0"},
		{"x0 - 3", "x0 - 3"},
		{"sin(2 + 3) * x0", "-0.9589242746631385*x0"},
		{"x0^1 + x1^0", "x0 + 1"},
		{"x0/2", "0.5*x0"},
		{"-(x0*2)", "-2*x0"},
		{"x0/(x1*x2)", "x0/x1/x2"},
		{"x0*0 + x1", "x1"},
	}
	for _, c := range cases {
		n, err := Parse(c.in, nil)
		if err != nil {
			t.Fatal(err)
		}
		before := n.String()
		if got := Simplify(n).String(); got != c.want {
			t.Errorf("Simplify(%s) = %s, want %s", c.in, got, c.want)
		}
		if n.String() != before {
			t.Errorf("Simplify changed its input %s to %s", before, n)
		}
	}
	// Twins become equal.
	a, _ := Parse("x1*(x0 + 1)", nil)
	b, _ := Parse("(1 + x0)*x1", nil)
	if !Equal(Simplify(a), Simplify(b)) {
		t.Errorf("twins differ: %s vs %s", Simplify(a), Simplify(b))
	}
}

func TestSimplifyPreservesValue(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	const nvar = 3
	x := make([]float64, nvar)
	ops := []Op{OpAdd, OpSub, OpMul, OpDiv, OpNeg, OpSquare, OpSin, OpExp, OpPow, OpSqrt}
	for trial := 0; trial < 2000; trial++ {
		tree := RandomTree(rng, 1+rng.IntN(20), nvar, ops, 0.4)
		s := Simplify(tree)
		if s.Size() > tree.Size() {
			t.Errorf("Simplify grew %s (%d nodes) to %s (%d)", tree, tree.Size(), s, s.Size())
		}
		if again := Simplify(s); !Equal(again, s) {
			t.Errorf("not idempotent: %s -> %s -> %s", tree, s, again)
		}
		if !noSharing(s, map[*Node]bool{}) {
			t.Errorf("Simplify(%s) = %s shares nodes", tree, s)
		}
		for p := 0; p < 5; p++ {
			for k := range x {
				x[k] = rng.Float64()*4 - 2
			}
			want, got := tree.EvalAt(x), s.EvalAt(x)
			if illConditioned(tree, x, want) {
				continue
			}
			if !(math.Abs(got-want) <= 1e-6*math.Max(1, math.Abs(want))) {
				t.Fatalf("%s = %v but simplified %s = %v at %v", tree, want, s, got, x)
			}
		}
	}
}

// FuzzSimplify draws a random tree from the fuzzer's seed and checks the
// simplifier's promises: same value, no growth, idempotence, and a printed
// form that parses back.
func FuzzSimplify(f *testing.F) {
	for s := uint64(0); s < 8; s++ {
		f.Add(s, uint8(5+3*s))
	}
	ops := []Op{OpAdd, OpSub, OpMul, OpDiv, OpNeg, OpSquare, OpCube, OpSin, OpExp, OpPow, OpSqrt, OpAbs}
	f.Fuzz(func(t *testing.T, seed uint64, size uint8) {
		rng := rand.New(rand.NewPCG(seed, 77))
		tree := RandomTree(rng, 1+int(size%40), 2, ops, 0.4)
		s := Simplify(tree)
		if s.Size() > tree.Size() || !Equal(Simplify(s), s) {
			t.Fatalf("%s -> %s", tree, s)
		}
		if back, err := Parse(s.String(), nil); err != nil || !Equal(back, s) {
			t.Fatalf("simplified %s does not round-trip: %v", s, err)
		}
		x := []float64{rng.Float64()*4 - 2, rng.Float64()*4 - 2}
		want, got := tree.EvalAt(x), s.EvalAt(x)
		if illConditioned(tree, x, want) {
			return
		}
		if !(math.Abs(got-want) <= 1e-6*math.Max(1, math.Abs(want))) {
			t.Fatalf("%s = %v, simplified %s = %v at %v", tree, want, s, got, x)
		}
	})
}

// illConditioned reports whether comparing values of tree at x is
// meaningless: the value is not finite (cancellations like x*0 may remove
// a NaN), huge, or moves by more than 1e-8 relative when the inputs move
// by 1e-11 relative (the rounding of rewritten constants is then
// amplified past any fixed tolerance, e.g. sin of a huge argument).
func illConditioned(tree *Node, x []float64, want float64) bool {
	if math.IsNaN(want) || math.IsInf(want, 0) || math.Abs(want) > 1e8 {
		return true
	}
	xp := make([]float64, len(x))
	for i, v := range x {
		xp[i] = v * (1 + 1e-11)
	}
	moved := tree.EvalAt(xp)
	return !(math.Abs(moved-want) <= 1e-8*math.Max(1, math.Abs(want)))
}

// noSharing reports whether every node of the tree is reachable once.
func noSharing(n *Node, seen map[*Node]bool) bool {
	if n == nil {
		return true
	}
	if seen[n] {
		return false
	}
	seen[n] = true
	return noSharing(n.L, seen) && noSharing(n.R, seen)
}

func TestSimplifyKeepsATree(t *testing.T) {
	n, _ := Parse("(x0 + 1.5)*(1.5 + x0)*x1/(x1*x1*x1)", nil)
	s := Simplify(n)
	if !noSharing(s, map[*Node]bool{}) {
		t.Fatalf("Simplify(%s) = %s shares nodes", n, s)
	}
	if got := s.String(); got != "(x0 + 1.5)*(x0 + 1.5)/x1/x1" {
		t.Errorf("got %s", got)
	}
}
