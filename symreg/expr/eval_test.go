package expr

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/ansatz/ansatz/kernels"
)

// testData returns nvar columns of n rows in both precisions, values in
// [-3, 3] so that every operator sees both signs.
func testData(rng *rand.Rand, nvar, n int) ([][]float64, [][]float32) {
	c64 := make([][]float64, nvar)
	c32 := make([][]float32, nvar)
	for k := range c64 {
		c64[k] = make([]float64, n)
		c32[k] = make([]float32, n)
		for i := range c64[k] {
			v := float32(rng.Float64()*6 - 3)
			c32[k][i] = v
			c64[k][i] = float64(v)
		}
	}
	return c64, c32
}

// closeTo compares an evaluation with the reference: NaN must match NaN,
// infinities must match, finite values agree to a relative tolerance.
func closeTo(got, want, tol float64) bool {
	if math.IsNaN(want) || math.IsNaN(got) {
		return math.IsNaN(want) && math.IsNaN(got)
	}
	if math.IsInf(want, 0) || math.IsInf(got, 0) {
		return got == want
	}
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// vecEval is a second reference: the tree evaluated recursively over whole
// columns with the same kernels. Compiled programs must match it bit for
// bit whatever the ISA, which checks compilation and register reuse
// independently of kernel accuracy.
func vecEval[T kernels.Float](n *Node, cols [][]T, rows int) []T {
	out := make([]T, rows)
	switch n.Op {
	case OpConst:
		kernels.Fill(out, T(n.Value))
	case OpVar:
		copy(out, cols[n.Var])
	default:
		a := vecEval(n.L, cols, rows)
		if n.Op.Arity() == 2 {
			applyBinary(n.Op, out, a, vecEval(n.R, cols, rows))
		} else {
			applyUnary(n.Op, out, a)
		}
	}
	return out
}

func sameBits[T kernels.Float](a, b []T) int {
	for i := range a {
		if a[i] != b[i] && !(a[i] != a[i] && b[i] != b[i]) {
			return i
		}
	}
	return -1
}

var allOps = []Op{OpAdd, OpSub, OpMul, OpDiv, OpPow, OpNeg, OpAbs, OpSquare, OpCube, OpSqrt,
	OpExp, OpLog, OpSin, OpCos, OpTan, OpTanh, OpAsin, OpAcos, OpAtan, OpAtanh}

func TestEvalMatchesVectorReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const nvar, n = 3, 1300 // several blocks and a ragged tail
	c64, c32 := testData(rng, nvar, n)
	ev := &Evaluator{Block: 256}
	out64 := make([]float64, n)
	out32 := make([]float32, n)
	for trial := 0; trial < 300; trial++ {
		tree := RandomTree(rng, 1+rng.IntN(30), nvar, allOps, 0.3)
		p := Compile(tree)
		ev.Eval64(p, c64, out64)
		if i := sameBits(out64, vecEval(tree, c64, n)); i >= 0 {
			t.Fatalf("f64 %s row %d: %v", tree, i, out64[i])
		}
		ev.Eval32(p, c32, out32)
		if i := sameBits(out32, vecEval(tree, c32, n)); i >= 0 {
			t.Fatalf("f32 %s row %d: %v", tree, i, out32[i])
		}
		EvalParallel32(p, c32, out32, 3)
		if i := sameBits(out32, vecEval(tree, c32, n)); i >= 0 {
			t.Fatalf("parallel f32 %s row %d: %v", tree, i, out32[i])
		}
	}
}

func TestEvalMatchesTree(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const nvar, n = 3, 700
	c64, c32 := testData(rng, nvar, n)
	ev := NewEvaluator()
	out64 := make([]float64, n)
	out32 := make([]float32, n)
	x := make([]float64, nvar)
	// Operators whose results stay well conditioned on [-3, 3], so kernel
	// rounding (and float32) stays within a small tolerance.
	tame := []Op{OpAdd, OpSub, OpMul, OpNeg, OpSquare, OpSin, OpCos, OpTanh, OpAbs, OpAtan}
	for trial := 0; trial < 200; trial++ {
		tree := RandomTree(rng, 1+rng.IntN(15), nvar, tame, 0.3)
		p := Compile(tree)
		ev.Eval32(p, c32, out32)
		EvalParallel64(p, c64, out64, 2)
		for i := 0; i < n; i++ {
			for k := range x {
				x[k] = c64[k][i]
			}
			want := tree.EvalAt(x)
			if !closeTo(out64[i], want, 1e-9) {
				t.Fatalf("f64 %s row %d: got %v want %v", tree, i, out64[i], want)
			}
			if !closeTo(float64(out32[i]), want, 1e-2) {
				t.Fatalf("f32 %s row %d: got %v want %v", tree, i, out32[i], want)
			}
		}
	}
}

func TestEvalLeafPrograms(t *testing.T) {
	c64 := [][]float64{{1, 2, 3}, {4, 5, 6}}
	ev := NewEvaluator()
	out := make([]float64, 3)
	for _, c := range []struct {
		src  string
		want []float64
	}{
		{"x1", []float64{4, 5, 6}},
		{"2.5", []float64{2.5, 2.5, 2.5}},
		{"2 - x0", []float64{1, 0, -1}},
		{"2 / x0", []float64{2, 1, 2.0 / 3}},
		{"x0 / 2 + 1", []float64{1.5, 2, 2.5}},
		{"3 - 1", []float64{2, 2, 2}},
		{"pow(x0, 2) - x1*3", []float64{-11, -11, -9}},
		{"-x1 + (x0 - 1)*(2 + x1)", []float64{-4, 2, 10}},
	} {
		t.Run(c.src, func(t *testing.T) {
			tree, err := Parse(c.src, nil)
			if err != nil {
				t.Fatal(err)
			}
			ev.Eval64(Compile(tree), c64, out)
			for i := range out {
				if math.Abs(out[i]-c.want[i]) > 1e-12 {
					t.Errorf("%s: got %v want %v", c.src, out, c.want)
					break
				}
			}
		})
	}
}

func TestEvalDoesNotAllocate(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	_, c32 := testData(rng, 3, 2000)
	tree := RandomTree(rng, 40, 3, allOps, 0.3)
	p := Compile(tree)
	ev := NewEvaluator()
	out := make([]float32, 2000)
	ev.Eval32(p, c32, out) // sizes the registers
	if n := testing.AllocsPerRun(20, func() { ev.Eval32(p, c32, out) }); n != 0 {
		t.Fatalf("Eval32 allocates %v times per call", n)
	}
}

func TestEvalFinite(t *testing.T) {
	cols := [][]float64{make([]float64, 2000)}
	for i := range cols[0] {
		cols[0][i] = float64(i) - 1500 // negative until row 1500
	}
	out := make([]float64, 2000)
	ev := NewEvaluator()
	good, _ := Parse("x0*2 + 1", nil)
	if !ev.EvalFinite64(Compile(good), cols, out) || out[1999] != 999 {
		t.Fatalf("finite formula rejected or wrong: %v", out[1999])
	}
	bad, _ := Parse("sqrt(x0)", nil)
	if ev.EvalFinite64(Compile(bad), cols, out) {
		t.Fatal("NaN formula accepted")
	}
	late, _ := Parse("1/(x0 - 499)", nil) // Inf only at row 1999
	if ev.EvalFinite64(Compile(late), cols, out) {
		t.Fatal("Inf in the last block accepted")
	}
	// Work: the good formula's 5 nodes on all rows, sqrt(x0)'s 2 on the
	// first block only, the late one's 5 on every block.
	if got, want := ev.NodeRows, int64(5*2000+2*BlockRows+5*2000); got != want {
		t.Fatalf("NodeRows %d, want %d", got, want)
	}
	c32 := [][]float32{{1, 2, -3}}
	if NewEvaluator().EvalFinite32(Compile(bad), c32, make([]float32, 3)) {
		t.Fatal("f32 NaN accepted")
	}
}

// BenchmarkEval32 evaluates one 31-node arithmetic tree on 12 800 rows
// (bench/eval_test.go has the full Operon-protocol benchmark).
func BenchmarkEval32(b *testing.B) {
	rng := rand.New(rand.NewPCG(17, 18))
	_, c32 := testData(rng, 10, 12800)
	p := Compile(RandomTree(rng, 31, 10, []Op{OpAdd, OpSub, OpMul, OpDiv}, 0.25))
	ev := NewEvaluator()
	out := make([]float32, 12800)
	for b.Loop() {
		ev.Eval32(p, c32, out)
	}
	b.ReportMetric(float64(p.Size())*12800*float64(b.N)/b.Elapsed().Seconds(), "node-rows/s")
}
