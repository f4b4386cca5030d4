package snap

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/model/kan"
	"github.com/ansatz/ansatz/symreg/expr"
)

func relAdd(rng *rand.Rand, n int) ([]float64, []float64) {
	x, y := make([]float64, 2*n), make([]float64, n)
	for r := range y {
		a, b := -0.9+1.8*rng.Float64(), -0.9+1.8*rng.Float64()
		x[2*r], x[2*r+1] = a, b
		y[r] = (a + b) / (1 + a*b)
	}
	return x, y
}

func TestFitEdgeRecoversFunctions(t *testing.T) {
	x := make([]float64, 300)
	for i := range x {
		x[i] = -2 + 4*float64(i)/299
	}
	cases := []struct {
		name string
		f    func(float64) float64
	}{
		{"sin", func(v float64) float64 { return 1.5*math.Sin(2*v+0.3) - 0.2 }},
		{"x^2", func(v float64) float64 { return 0.7*(v-0.5)*(v-0.5) + 1 }},
		{"gaussian", func(v float64) float64 { return 2 * math.Exp(-(1.3*v)*(1.3*v)) }},
		{"tanh", func(v float64) float64 { return math.Tanh(3*v-1) + 0.5 }},
		{"x", func(v float64) float64 { return 3*v + 1 }},
	}
	for _, c := range cases {
		y := make([]float64, len(x))
		for i, v := range x {
			y[i] = c.f(v)
		}
		fits := FitEdge(x, y, Library, DefaultFit())
		if fits[0].Fn != c.name || fits[0].R2 < 1-1e-9 {
			t.Errorf("%s: best fit %s (R² %.12f)", c.name, fits[0].Fn, fits[0].R2)
		}
	}
}

func TestProductNodesAnyArity(t *testing.T) {
	// A symbolic net x0·x1·x2 through one product node of arity 3 must
	// evaluate, differentiate and print as the full product.
	w, _ := kan.ParseWidth("3,0+1x3")
	id, _ := Lookup("x")
	L := Layer{In: 3, Out: 3, Nodes: w[1], Edges: make([]Edge, 9)}
	for i := 0; i < 3; i++ {
		L.Edges[i*3+i] = Edge{Live: true, Fn: id, P: Affine{1, 0, 1, 0}}
	}
	s := &Net{Layers: []Layer{L}}
	x := []float64{1.5, -2, 0.5}
	if got := s.Eval(x)[0]; got != -1.5 {
		t.Fatalf("Eval = %g, want -1.5", got)
	}
	tree := s.Tree(nil, nil)[0]
	if v := tree.EvalAt(x); v != -1.5 {
		t.Fatalf("formula %s = %g, want -1.5", expr.Format(tree, nil), v)
	}
	// Gradient of the loss vs finite differences.
	rng := rand.New(rand.NewPCG(1, 1))
	xs := make([]float64, 30)
	ys := make([]float64, 10)
	for i := range xs {
		xs[i] = rng.NormFloat64()
	}
	for i := range ys {
		ys[i] = rng.NormFloat64()
	}
	p := s.params()
	g := make([]float64, len(p))
	s.lossGrad(xs, ys, 10, g)
	for k := range p {
		old := p[k]
		p[k] = old + 1e-6
		s.setParams(p)
		fp := s.lossGrad(xs, ys, 10, make([]float64, len(p)))
		p[k] = old - 1e-6
		s.setParams(p)
		fm := s.lossGrad(xs, ys, 10, make([]float64, len(p)))
		p[k] = old
		s.setParams(p)
		if num := (fp - fm) / 2e-6; math.Abs(num-g[k]) > 1e-5*(1+math.Abs(num)) {
			t.Fatalf("param %d: gradient %g, finite difference %g", k, g[k], num)
		}
	}
}

// TestSnapRelativisticAddition: a 2,5,1 KAN trained with pykan's sparsity
// regularisation on (x+y)/(1+xy), pruned and snapped, gives a formula of
// arctanh/tanh form that matches the truth on fresh points.
func TestSnapRelativisticAddition(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a KAN (several seconds)")
	}
	rng := rand.New(rand.NewPCG(1, 1))
	x, y := relAdd(rng, 1000)
	w, _ := kan.ParseWidth("2,5,1")
	cfg := kan.DefaultConfig(w)
	cfg.Grid, cfg.Float64, cfg.Seed = 5, true, 1
	net, err := kan.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	train := model.Data{X: x, Y: y, N: 1000, D: 2}
	if _, err := model.Train(net, model.Regression, train, model.Data{}, model.TrainConfig{Steps: 200, Lamb: 0.01}); err != nil {
		t.Fatal(err)
	}
	pruned, _, _, err := net.Prune(x, 1000, 0.01, 0.03)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := model.Train(pruned, model.Regression, train, model.Data{}, model.TrainConfig{Steps: 200}); err != nil {
		t.Fatal(err)
	}
	s, err := FromKAN(pruned, x, 1000, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	s.Retrain(x, y, 1000, 200)
	s = s.Improve(x, y, 1000, DefaultOptions())
	tree := s.Tree(nil, nil)[0]
	formula := expr.Format(tree, []string{"x", "y"})
	t.Logf("pruned to %s; formula %s", kan.FormatWidth(pruned.Width()), formula)
	if !strings.Contains(formula, "tanh(") || !(strings.Contains(formula, "atanh(") || strings.Contains(formula, "log(")) {
		t.Fatalf("formula is not of arctanh/tanh form: %s", formula)
	}
	back, err := expr.Parse(formula, []string{"x", "y"})
	if err != nil {
		t.Fatalf("printed formula does not parse: %v", err)
	}
	xf, yf := relAdd(rand.New(rand.NewPCG(2, 2)), 1000)
	pred := make([]float64, 1000)
	for r := range pred {
		pred[r] = back.EvalAt(xf[2*r : 2*r+2])
	}
	if r2 := R2(pred, yf); r2 < 0.9999 {
		t.Fatalf("R² on fresh points %g < 0.9999", r2)
	} else {
		t.Logf("R² on fresh points %.12f", r2)
	}
}
