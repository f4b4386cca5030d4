package symreg

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/ansatz/ansatz/symreg/expr"
)

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
	tree, err := expr.Parse("1*exp(-1*x0) + 0.5", nil)
	if err != nil {
		t.Fatal(err)
	}
	res := FitConstants(tree, cols, y, nil, FitOptions{MaxIter: 100})
	if !res.OK || res.Loss > 1e-18 {
		t.Fatalf("fit failed: %+v, tree %s", res, tree)
	}
	want := []float64{2.5, -0.7, 1.3}
	for i, n := range expr.ConstNodes(tree) {
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
	tree, _ := expr.Parse("exp(-0.1*x0)", nil)
	res := FitConstants(tree, cols, y, w, FitOptions{LinearScaling: true, MaxIter: 100})
	if !res.OK || res.Loss > 1e-18 {
		t.Fatalf("fit failed: %+v, tree %s", res, tree)
	}
	if c := expr.ConstNodes(tree)[0].Value; math.Abs(c+0.7) > 1e-7 || math.Abs(res.A-2.5) > 1e-7 || math.Abs(res.B-1.3) > 1e-7 {
		t.Fatalf("got c=%v a=%v b=%v, want -0.7, 2.5, 1.3", c, res.A, res.B)
	}
	scaled := expr.Scaled(tree, res.A, res.B)
	if v := scaled.EvalAt([]float64{1}); math.Abs(v-(2.5*math.Exp(-0.7)+1.3)) > 1e-9 {
		t.Fatalf("Scaled tree %s gives %v", scaled, v)
	}
}

func TestFitConstantsRejectsNaN(t *testing.T) {
	cols := [][]float64{{-1, 2, 3}}
	y := []float64{1, 2, 3}
	tree, _ := expr.Parse("log(x0*1.5)", nil) // NaN on row 0 whatever the constant
	if res := FitConstants(tree, cols, y, nil, FitOptions{}); res.OK {
		t.Fatalf("fit of a NaN-producing tree reported OK: %+v", res)
	}
	// Starting finite, steps into the domain's edge must be rejected.
	tree, _ = expr.Parse("sqrt(x0 + 1.5)", nil)
	res := FitConstants(tree, cols, []float64{0, 1.8, 2}, nil, FitOptions{})
	if !res.OK || math.IsNaN(res.Loss) || expr.ConstNodes(tree)[0].Value < 1 {
		t.Fatalf("fit left the domain: %+v, %s", res, tree)
	}
}

// BenchmarkFitConstants fits a 4-constant formula on 2000 rows, the size
// of a Feynman search's data.
func BenchmarkFitConstants(b *testing.B) {
	cols, y := expData(2000)
	src, _ := expr.Parse("1*exp(-1*x0) + 0.5*sin(0.3*x0)", nil)
	b.ReportAllocs()
	for b.Loop() {
		tree := src.Clone()
		FitConstants(tree, cols, y, nil, FitOptions{MaxIter: 10})
	}
}

func TestFitConstantsRestarts(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	cols := make([][]float64, 2)
	for k := range cols {
		cols[k] = make([]float64, 300)
		for i := range cols[k] {
			cols[k][i] = rng.Float64()*6 - 3
		}
	}
	y := make([]float64, 300)
	for i := range y {
		y[i] = math.Sin(2.7*cols[0][i]) + 0.3*cols[1][i]*cols[1][i]
	}
	improved := 0
	for trial := 0; trial < 60; trial++ {
		tree := expr.RandomTree(rng, 3+rng.IntN(10), 2, []expr.Op{expr.OpAdd, expr.OpMul, expr.OpSin, expr.OpSquare}, 0.4)
		if len(expr.ConstNodes(tree)) == 0 {
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
		if !expr.Equal(tree, again) || r1.Loss != r2.Loss {
			t.Fatalf("restarts are not reproducible: %s vs %s", tree, again)
		}
	}
	if improved == 0 {
		t.Fatal("restarts never found a better minimum")
	}
}
