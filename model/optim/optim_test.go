package optim

import (
	"math"
	"testing"
)

// rosen is the n-dimensional Rosenbrock function with its gradient.
func rosen(x, g []float64) float64 {
	f := 0.0
	for i := range g {
		g[i] = 0
	}
	for i := 0; i+1 < len(x); i++ {
		a := x[i+1] - x[i]*x[i]
		b := 1 - x[i]
		f += 100*a*a + b*b
		g[i] += -400*a*x[i] - 2*b
		g[i+1] += 200 * a
	}
	return f
}

func TestLBFGSRosenbrock(t *testing.T) {
	x := []float64{-1.2, 1, -1.2, 1, 0.5}
	var o LBFGS
	f, err := o.Minimize(rosen, x, 500, nil)
	if err != nil && err != ErrLineSearch {
		t.Fatal(err)
	}
	if f > 1e-14 {
		t.Fatalf("f = %g, want ~0", f)
	}
	for i, v := range x {
		if math.Abs(v-1) > 1e-6 {
			t.Fatalf("x[%d] = %g, want 1", i, v)
		}
	}
}

func TestLBFGSQuadraticFewIterations(t *testing.T) {
	// An ill-conditioned quadratic in 20 dimensions: with m ≥ n L-BFGS
	// converges in a modest multiple of n iterations.
	n := 20
	quad := func(x, g []float64) float64 {
		f := 0.0
		for i, v := range x {
			c := math.Pow(10, float64(i)/float64(n-1)*3)
			f += 0.5 * c * (v - 1) * (v - 1)
			g[i] = c * (v - 1)
		}
		return f
	}
	x := make([]float64, n)
	o := LBFGS{M: 30}
	iters := 0
	_, err := o.Minimize(quad, x, 200, func(int, float64) bool { iters++; return true })
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range x {
		if math.Abs(v-1) > 1e-7 {
			t.Fatalf("x[%d] = %g after %d iterations", i, v, iters)
		}
	}
	if iters > 150 {
		t.Fatalf("took %d iterations", iters)
	}
}

func TestLBFGSNaNRegion(t *testing.T) {
	// f is NaN for x < 0.5; the minimum (at 1) is reachable from 3 only
	// by line searches that must back off the NaN region.
	f := func(x, g []float64) float64 {
		if x[0] < 0.5 {
			g[0] = math.NaN()
			return math.NaN()
		}
		g[0] = 2 * (x[0] - 1) * 50
		return 50 * (x[0] - 1) * (x[0] - 1)
	}
	x := []float64{3}
	var o LBFGS
	if _, err := o.Minimize(f, x, 100, nil); err != nil && err != ErrLineSearch {
		t.Fatal(err)
	}
	if math.Abs(x[0]-1) > 1e-6 {
		t.Fatalf("x = %g", x[0])
	}
}

func TestAdamQuadratic(t *testing.T) {
	x := []float64{3, -2}
	g := make([]float64, 2)
	a := NewAdam(0.05)
	for i := 0; i < 2000; i++ {
		g[0] = 2 * (x[0] - 1)
		g[1] = 8 * (x[1] + 0.5)
		a.Step(x, g)
	}
	if math.Abs(x[0]-1) > 1e-3 || math.Abs(x[1]+0.5) > 1e-3 {
		t.Fatalf("x = %v", x)
	}
	// Decoupled weight decay pulls the optimum towards zero.
	y := []float64{3}
	w := &Adam{LR: 0.05, WeightDecay: 1}
	for i := 0; i < 4000; i++ {
		g[0] = 2 * (y[0] - 1)
		w.Step(y, g[:1])
	}
	if !(y[0] < 0.99 && y[0] > 0.3) {
		t.Fatalf("with decay y = %g, want between 0.3 and 0.99", y[0])
	}
}
