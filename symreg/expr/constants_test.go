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

// expData samples y = 2.5·exp(−0.7·x) + 1.3 on [0, 4].
func expData(n int) ([][]float64, []float64) {
	x := make([]float64, n)
	y := make([]float64, n)
	for i := range x {
		x[i] = 4 * float64(i) / float64(n-1)
		y[i] = 2.5*math.Exp(-0.7*x[i]) + 1.3
	}
	return [][]float64{x}, y
}

func TestFitConstantsRecoversKnownFormula(t *testing.T) {
	cols, y := expData(200)
	tree, err := Parse("1*exp(-1*x0) + 0.5", nil)
	if err != nil {
		t.Fatal(err)
	}
	res := FitConstants(tree, cols, y, nil, FitOptions{MaxIter: 100})
	if !res.OK || res.Loss > 1e-18 {
		t.Fatalf("fit failed: %+v, tree %s", res, tree)
	}
	want := []float64{2.5, -0.7, 1.3}
	for i, n := range ConstNodes(tree) {
		if math.Abs(n.Value-want[i]) > 1e-7 {
			t.Errorf("constant %d = %v, want %v (tree %s)", i, n.Value, want[i], tree)
		}
	}
}

func TestFitConstantsLinearScaling(t *testing.T) {
	cols, y := expData(150)
	w := make([]float64, len(y))
	for i := range w {
		w[i] = 1 + float64(i%3)
	}
	tree, _ := Parse("exp(-0.1*x0)", nil)
	res := FitConstants(tree, cols, y, w, FitOptions{LinearScaling: true, MaxIter: 100})
	if !res.OK || res.Loss > 1e-18 {
		t.Fatalf("fit failed: %+v, tree %s", res, tree)
	}
	if c := ConstNodes(tree)[0].Value; math.Abs(c+0.7) > 1e-7 || math.Abs(res.A-2.5) > 1e-7 || math.Abs(res.B-1.3) > 1e-7 {
		t.Fatalf("got c=%v a=%v b=%v, want -0.7, 2.5, 1.3", c, res.A, res.B)
	}
	scaled := Scaled(tree, res.A, res.B)
	if v := scaled.EvalAt([]float64{1}); math.Abs(v-(2.5*math.Exp(-0.7)+1.3)) > 1e-9 {
		t.Fatalf("Scaled tree %s gives %v", scaled, v)
	}
}

func TestFitConstantsRejectsNaN(t *testing.T) {
	cols := [][]float64{{-1, 2, 3}}
	y := []float64{1, 2, 3}
	tree, _ := Parse("log(x0*1.5)", nil) // NaN on row 0 whatever the constant
	if res := FitConstants(tree, cols, y, nil, FitOptions{}); res.OK {
		t.Fatalf("fit of a NaN-producing tree reported OK: %+v", res)
	}
	// Starting finite, steps into the domain's edge must be rejected.
	tree, _ = Parse("sqrt(x0 + 1.5)", nil)
	res := FitConstants(tree, cols, []float64{0, 1.8, 2}, nil, FitOptions{})
	if !res.OK || math.IsNaN(res.Loss) || ConstNodes(tree)[0].Value < 1 {
		t.Fatalf("fit left the domain: %+v, %s", res, tree)
	}
}

// BenchmarkFitConstants fits a 4-constant formula on 2000 rows, the size
// of a Feynman search's data.
func BenchmarkFitConstants(b *testing.B) {
	cols, y := expData(2000)
	src, _ := Parse("1*exp(-1*x0) + 0.5*sin(0.3*x0)", nil)
	b.ReportAllocs()
	for b.Loop() {
		tree := src.Clone()
		FitConstants(tree, cols, y, nil, FitOptions{MaxIter: 10})
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
		plainMem, cachedMem := getScratch(), getScratch()
		plain, cached := newTape(tree, plainMem), newTape(tree, cachedMem)
		cached.cacheFree(cols, rows)
		if cached.skip != nil {
			used++
		}
		for lo := 0; lo < rows; lo += tapeBlock {
			m := min(tapeBlock, rows-lo)
			a := append([]float64(nil), plain.forward(cols, lo, m, c)...)
			b := cached.forward(cols, lo, m, c)
			if i := sameBits(a, b); i >= 0 {
				t.Fatalf("%s: row %d: %v vs cached %v", tree, lo+i, a[i], b[i])
			}
			plain.backward(m)
			cached.backward(m)
			for k := range c {
				if i := sameBits(plain.adjoint(k, m), cached.adjoint(k, m)); i >= 0 {
					t.Fatalf("%s: gradient %d row %d differs", tree, k, lo+i)
				}
			}
		}
		plainMem.release()
		cachedMem.release()
	}
	if used < 20 {
		t.Fatalf("only %d trees had a cached subtree", used)
	}
}

func TestFitConstantsRestarts(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	cols, _ := testData(rng, 2, 300)
	y := make([]float64, 300)
	for i := range y {
		y[i] = math.Sin(2.7*cols[0][i]) + 0.3*cols[1][i]*cols[1][i]
	}
	improved := 0
	for trial := 0; trial < 60; trial++ {
		tree := RandomTree(rng, 3+rng.IntN(10), 2, []Op{OpAdd, OpMul, OpSin, OpSquare}, 0.4)
		if len(ConstNodes(tree)) == 0 {
			continue
		}
		plain, again := tree.Clone(), tree.Clone()
		r0 := FitConstants(plain, cols, y, nil, FitOptions{MaxIter: 20})
		r1 := FitConstants(tree, cols, y, nil, FitOptions{MaxIter: 20, Restarts: 4})
		r2 := FitConstants(again, cols, y, nil, FitOptions{MaxIter: 20, Restarts: 4})
		if r1.Loss > r0.Loss {
			t.Fatalf("%s: restarts made the fit worse: %v > %v", tree, r1.Loss, r0.Loss)
		}
		if r1.Loss < r0.Loss*(1-1e-9) {
			improved++
		}
		if !Equal(tree, again) || r1.Loss != r2.Loss {
			t.Fatalf("restarts are not reproducible: %s vs %s", tree, again)
		}
	}
	if improved == 0 {
		t.Fatal("restarts never found a better minimum")
	}
}
