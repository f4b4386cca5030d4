package expr

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestJacobianMatchesFiniteDifferences(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const nvar, n = 2, 40
	cols, _ := testData(rng, nvar, n)
	for k := range cols { // keep inputs positive so log/sqrt/pow are defined
		for i := range cols[k] {
			cols[k][i] = 0.5 + math.Abs(cols[k][i])/3
		}
	}
	ops := []Op{OpAdd, OpSub, OpMul, OpDiv, OpPow, OpNeg, OpAbs, OpSquare, OpCube, OpSqrt,
		OpExp, OpLog, OpSin, OpCos, OpTan, OpTanh, OpAtan, OpAtanh}
	checked, compared := 0, 0
	for trial := 0; trial < 400 && checked < 150; trial++ {
		tree := RandomTree(rng, 2+rng.IntN(12), nvar, ops, 0.4)
		cs := ConstNodes(tree)
		if len(cs) == 0 {
			continue
		}
		f, jac := Jacobian(tree, cols, n)
		finite := true
		for _, v := range f {
			finite = finite && !math.IsNaN(v) && !math.IsInf(v, 0) && math.Abs(v) < 1e6
		}
		if !finite {
			continue
		}
		checked++
		x := make([]float64, nvar)
		for c, node := range cs {
			orig := node.Value
			h := 1e-6 * math.Max(1, math.Abs(orig))
			for i := 0; i < n; i++ {
				for k := range x {
					x[k] = cols[k][i]
				}
				diff := func(h float64) float64 {
					node.Value = orig + h
					up := tree.EvalAt(x)
					node.Value = orig - h
					down := tree.EvalAt(x)
					node.Value = orig
					return (up - down) / (2 * h)
				}
				fd, fd4 := diff(h), diff(h/4)
				if math.IsNaN(fd) || math.IsInf(fd, 0) || math.Abs(fd-fd4) > 1e-5*math.Max(1, math.Abs(fd)) {
					continue // near a kink or pole: the differences themselves disagree
				}
				compared++
				if math.Abs(jac[c][i]-fd) > 1e-4*math.Max(1, math.Abs(fd)) {
					t.Fatalf("%s: d/dc%d row %d: reverse mode %v, finite differences %v", tree, c, i, jac[c][i], fd)
				}
			}
		}
	}
	if checked < 50 || compared < 1000 {
		t.Fatalf("only %d trees, %d derivatives checked", checked, compared)
	}
}

// TestTapeCacheSameValues checks that caching constant-free subtrees
// changes nothing: values and gradients bit for bit.
func TestTapeCacheSameValues(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	const rows = 700
	cols, _ := testData(rng, 3, rows)
	used := 0
	for trial := 0; trial < 100; trial++ {
		tree := RandomTree(rng, 3+rng.IntN(25), 3, allOps, 0.2)
		if len(ConstNodes(tree)) == 0 {
			continue
		}
		c := make([]float64, len(ConstNodes(tree)))
		for i, n := range ConstNodes(tree) {
			c[i] = n.Value
		}
		plain, cached := NewTape(tree), NewTape(tree)
		cached.CacheFree(cols, rows)
		if cached.skip != nil {
			used++
		}
		for lo := 0; lo < rows; lo += TapeBlock {
			m := min(TapeBlock, rows-lo)
			a := append([]float64(nil), plain.Forward(cols, lo, m, c)...)
			b := cached.Forward(cols, lo, m, c)
			if i := sameBits(a, b); i >= 0 {
				t.Fatalf("%s: row %d: %v vs cached %v", tree, lo+i, a[i], b[i])
			}
			plain.Backward(m)
			cached.Backward(m)
			for k := range c {
				if i := sameBits(plain.Adjoint(k, m), cached.Adjoint(k, m)); i >= 0 {
					t.Fatalf("%s: gradient %d row %d differs", tree, k, lo+i)
				}
			}
		}
		plain.Release()
		cached.Release()
	}
	if used < 20 {
		t.Fatalf("only %d trees had a cached subtree", used)
	}
}

// TestTapeBlocksAgree checks that the reverse pass leaves nothing from one
// block in the next: the Jacobian over blocks of TapeBlock rows equals the
// one of a tape holding all rows in one block, bit for bit; and that the
// tape's values (constants applied as scalars where they can) are the
// compiled program's.
func TestTapeBlocksAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	const rows = 3*TapeBlock + 17
	cols, _ := testData(rng, 3, rows)
	checked := 0
	for trial := 0; trial < 60; trial++ {
		tree := RandomTree(rng, 3+rng.IntN(20), 3, allOps, 0.3)
		cs := ConstNodes(tree)
		if len(cs) == 0 {
			continue
		}
		checked++
		c := make([]float64, len(cs))
		for i, n := range cs {
			c[i] = n.Value
		}
		f, jac := Jacobian(tree, cols, rows)
		want := make([]float64, rows)
		NewEvaluator().Eval64(Compile(tree), cols, want)
		if i := sameBits(want, f); i >= 0 {
			t.Fatalf("%s: row %d: program %v, tape %v", tree, i, want[i], f[i])
		}
		whole := NewTapeRows(tree, rows)
		if i := sameBits(f, whole.Forward(cols, 0, rows, c)); i >= 0 {
			t.Fatalf("%s: value at row %d differs", tree, i)
		}
		whole.Backward(rows)
		for k := range c {
			if i := sameBits(jac[k], whole.Adjoint(k, rows)); i >= 0 {
				t.Fatalf("%s: gradient %d row %d: %v in blocks, %v whole", tree, k, i, jac[k][i], whole.Adjoint(k, rows)[i])
			}
		}
		whole.Release()
	}
	if checked < 30 {
		t.Fatalf("only %d trees checked", checked)
	}
}

// TestTapeNodeRows checks the work a tape reports: every node per forward
// pass, a cached subtree as one node, the nodes above a constant per
// reverse pass.
func TestTapeNodeRows(t *testing.T) {
	tree, err := Parse("2.5*x0 + sin(x1)", nil) // 6 nodes; 3 hold a constant
	if err != nil {
		t.Fatal(err)
	}
	const n = 10
	cols := [][]float64{make([]float64, n), make([]float64, n)}
	tp := NewTapeRows(tree, n)
	defer tp.Release()
	c := []float64{2.5}
	tp.Forward(cols, 0, n, c)
	tp.Backward(n)
	if got, want := tp.NodeRows(), int64((6+3)*n); got != want {
		t.Fatalf("plain tape: %d node·rows, want %d", got, want)
	}
	tp.CacheFree(cols, n) // computes the 3 constant-free nodes x0, x1, sin(x1)
	tp.Forward(cols, 0, n, c)
	if got, want := tp.NodeRows(), int64((6+3+3+5)*n); got != want {
		t.Fatalf("cached tape: %d node·rows, want %d", got, want)
	}
}
