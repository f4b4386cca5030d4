package kan

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/ansatz/ansatz/internal/memtest"
	"github.com/ansatz/ansatz/kernels"
	"github.com/ansatz/ansatz/model"
)

func mustWidth(t testing.TB, s string) []Nodes {
	t.Helper()
	w, err := ParseWidth(s)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func newNet(t testing.TB, width string, G int, f64 bool, seed uint64) *Net {
	t.Helper()
	cfg := DefaultConfig(mustWidth(t, width))
	cfg.Grid, cfg.Float64, cfg.Seed = G, f64, seed
	n, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func randRows(rng *rand.Rand, n, d int, lo, hi float64) []float64 {
	x := make([]float64, n*d)
	for i := range x {
		x[i] = lo + (hi-lo)*rng.Float64()
	}
	return x
}

func TestParseWidth(t *testing.T) {
	w := mustWidth(t, "2,5+2,1+1x3")
	if w[1].Sum != 5 || len(w[1].Mult) != 2 || w[1].Subnodes() != 9 || w[1].Count() != 7 {
		t.Fatalf("layer 1 = %+v", w[1])
	}
	if w[2].Subnodes() != 4 || w[2].Count() != 2 {
		t.Fatalf("layer 2 = %+v", w[2])
	}
	if got := FormatWidth(w); got != "2,5+2,1+1x3" {
		t.Fatalf("FormatWidth = %q", got)
	}
	for _, bad := range []string{"", "3", "2,,1", "2+1,3", "2,5+1x1,1", "2,0,1", "a,1"} {
		t.Run(bad, func(t *testing.T) {
			if _, err := ParseWidth(bad); err == nil {
				t.Errorf("ParseWidth(%q) accepted", bad)
			}
		})
	}
}

// numGrad checks Backward's parameter and input gradients of the loss
// Σ w·out against central differences.
func checkGrad(t *testing.T, n *Net, x []float64, rows int, tol float64) {
	t.Helper()
	c := n.NumOut()
	rng := rand.New(rand.NewPCG(7, 7))
	w := randRows(rng, rows, c, -1, 1)
	loss := func() float64 {
		out := make([]float64, rows*c)
		n.Forward(x, rows, out)
		s := 0.0
		for q := range out {
			s += w[q] * out[q]
		}
		return s
	}
	loss()
	dx := make([]float64, len(x))
	n.Backward(w, dx)
	g := append([]float64(nil), n.Grads()...)
	p := n.Params()
	h := 1e-6
	worst := 0.0
	for k := range p {
		old := p[k]
		p[k] = old + h
		fp := loss()
		p[k] = old - h
		fm := loss()
		p[k] = old
		num := (fp - fm) / (2 * h)
		if e := math.Abs(num-g[k]) / (1 + math.Abs(num)); e > worst {
			worst = e
		}
		if math.Abs(num-g[k]) > tol*(1+math.Abs(num)) {
			t.Fatalf("param %d: backward %g, finite difference %g", k, g[k], num)
		}
	}
	for k := range x {
		old := x[k]
		x[k] = old + h
		fp := loss()
		x[k] = old - h
		fm := loss()
		x[k] = old
		num := (fp - fm) / (2 * h)
		if math.Abs(num-dx[k]) > tol*(1+math.Abs(num)) {
			t.Fatalf("input %d: backward %g, finite difference %g", k, dx[k], num)
		}
	}
	t.Logf("worst relative parameter gradient error %.2e", worst)
}

func TestGradientFiniteDifference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, width := range []string{"2,3,1", "3,4+2,2", "2,1+1x3,2+1"} {
		t.Run(width, func(t *testing.T) {
			n := newNet(t, width, 4, true, 3)
			x := randRows(rng, 37, n.NumIn(), -1.3, 1.3) // some rows beyond the grid
			checkGrad(t, n, x, 37, 1e-6)
			// After a grid update the knots are non-uniform: same check.
			n.UpdateGrid(x, 37)
			checkGrad(t, n, x, 37, 1e-6)
		})
	}
}

func TestFloat32MatchesFloat64(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	a := newNet(t, "3,5,2", 5, true, 9)
	b := newNet(t, "3,5,2", 5, false, 9)
	x := randRows(rng, 600, 3, -1, 1)
	oa, ob := make([]float64, 1200), make([]float64, 1200)
	a.Forward(x, 600, oa)
	b.Forward(x, 600, ob)
	for q := range oa {
		if math.Abs(oa[q]-ob[q]) > 1e-5*(1+math.Abs(oa[q])) {
			t.Fatalf("out[%d]: float64 %g float32 %g", q, oa[q], ob[q])
		}
	}
}

func TestRegularizerGradient(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	// Three layers with a product node: the penalty of the upper layers
	// depends on the lower layers' parameters through their inputs.
	n := newNet(t, "2,3+1,2,1", 4, true, 4)
	n.SetReg(Reg{Lamb: 0.7, LambL1: 1, LambEntropy: 2, LambCoef: 0.3, LambCoefDiff: 0.2})
	x := randRows(rng, 50, 2, -1, 1)
	out := make([]float64, 50)
	pen := func() float64 {
		n.Forward(x, 50, out)
		return n.Penalty(make([]float64, len(n.Params())))
	}
	pen()
	g := make([]float64, len(n.Params()))
	n.Penalty(g)
	p := n.Params()
	h := 1e-6
	for k := range p {
		old := p[k]
		p[k] = old + h
		fp := pen()
		p[k] = old - h
		fm := pen()
		p[k] = old
		num := (fp - fm) / (2 * h)
		if math.Abs(num-g[k]) > 1e-4*(1+math.Abs(num)) {
			t.Fatalf("param %d: penalty gradient %g, finite difference %g", k, g[k], num)
		}
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	n := newNet(t, "3,4+1,2", 5, false, 2)
	x := randRows(rng, 100, 3, -2, 2)
	n.UpdateGrid(x, 100) // non-uniform knots must survive too
	n.layers[0].mask[3] = 0
	b, err := n.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	m, err := Unmarshal(b)
	if err != nil {
		t.Fatal(err)
	}
	o1, o2 := make([]float64, 200), make([]float64, 200)
	n.Forward(x, 100, o1)
	m.Forward(x, 100, o2)
	for q := range o1 {
		if o1[q] != o2[q] {
			t.Fatalf("out[%d] %g != %g after round trip", q, o1[q], o2[q])
		}
	}
	for cut := 0; cut < len(b); cut += 1 + len(b)/50 {
		if _, err := Unmarshal(b[:cut]); err == nil {
			t.Fatalf("truncated payload of %d bytes accepted", cut)
		}
	}
}

// FuzzUnmarshal: any payload decodes or fails without panicking, and
// decoding allocates no more than a small multiple of the payload
// whatever widths and grid its config declares.
func FuzzUnmarshal(f *testing.F) {
	n := newNet(f, "2,2,1", 3, false, 1)
	b, _ := n.MarshalBinary()
	f.Add(b)
	f.Fuzz(func(t *testing.T, p []byte) {
		var (
			m   *Net
			err error
		)
		if a := memtest.Allocated(func() { m, err = Unmarshal(p) }); a > uint64(1<<20+16*len(p)) {
			t.Fatalf("allocated %d bytes decoding %d", a, len(p))
		}
		if err == nil {
			out := make([]float64, m.NumOut())
			m.Forward(make([]float64, m.NumIn()), 1, out)
		}
	})
}

func TestFitAdamMiniBatchAndCrossEntropy(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 1))
	// Two classes split by x0·x1 > 0 (needs the nonlinearity).
	n := 400
	x := randRows(rng, n, 2, -1, 1)
	y := make([]float64, n)
	for r := range y {
		if x[2*r]*x[2*r+1] > 0 {
			y[r] = 1
		}
	}
	net := newNet(t, "2,4,2", 5, false, 3)
	var first, last float64
	cfg := model.TrainConfig{Opt: "adam", LR: 0.02, Batch: 64, Steps: 400, OnStep: func(s model.StepInfo) {
		if s.Step == 1 {
			first = s.Loss
		}
		last = s.Loss
	}}
	_, err := net.Train(model.Classification, model.Data{X: x, Y: y, N: n, D: 2}, model.Data{}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]float64, 2*n)
	net.Forward(x, n, out)
	correct := 0
	for r := 0; r < n; r++ {
		pred := 0.0
		if out[2*r+1] > out[2*r] {
			pred = 1
		}
		if pred == y[r] {
			correct++
		}
	}
	if acc := float64(correct) / float64(n); acc < 0.9 || !(last < first) {
		t.Fatalf("accuracy %.3f, loss %g -> %g", acc, first, last)
	}
}

func TestSameSeedSameResult(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	d := relAddData(rng, 300)
	run := func() []float64 {
		n := newNet(t, "2,3,1", 5, false, 7)
		if _, err := n.Train(model.Regression, d, model.Data{}, model.TrainConfig{Steps: 30}); err != nil {
			t.Fatal(err)
		}
		return append([]float64(nil), n.Params()...)
	}
	a, b := run(), run()
	for q := range a {
		if a[q] != b[q] {
			t.Fatalf("param %d differs between identical runs: %g vs %g", q, a[q], b[q])
		}
	}
}

func TestThreadCountInvariance(t *testing.T) {
	defer kernels.SetThreads(kernels.Threads())
	rng := rand.New(rand.NewPCG(6, 6))
	rows := 3*chunkRows + 17
	x := randRows(rng, rows, 3, -1, 1)
	dout := randRows(rng, rows, 2, -1, 1)
	grads := func(threads int) []float64 {
		kernels.SetThreads(threads)
		n := newNet(t, "3,6+1,2", 5, false, 5)
		out := make([]float64, rows*2)
		n.Forward(x, rows, out)
		n.Backward(dout, nil)
		return append(out, n.Grads()...)
	}
	a, b := grads(1), grads(3)
	for q := range a {
		if a[q] != b[q] {
			t.Fatalf("value %d: %g with 1 thread, %g with 3", q, a[q], b[q])
		}
	}
}

func TestNonFiniteInputsDoNotPanic(t *testing.T) {
	for _, f64 := range []bool{true, false} {
		n := newNet(t, "2,3,1", 5, f64, 1)
		rng := rand.New(rand.NewPCG(1, 9))
		n.UpdateGrid(randRows(rng, 50, 2, -1, 1), 50) // adaptive (non-uniform) knots too
		x := []float64{math.NaN(), 0, math.Inf(1), 0.5, math.Inf(-1), -0.5, 1e300, -1e300}
		out := make([]float64, 4)
		n.Forward(x, 4, out)
		n.Backward([]float64{1, 1, 1, 1}, make([]float64, 8))
		if !math.IsNaN(out[0]) {
			t.Errorf("f64=%v: NaN input gave %g", f64, out[0])
		}
	}
}
