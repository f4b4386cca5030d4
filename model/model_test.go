package model

import (
	"bytes"
	"encoding/binary"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/internal/inputerr"
)

// synth makes n rows of d inputs with y = Σ w_j x_j + 1 (+ noise).
func synth(n int, w []float64, noise float64, seed uint64) (x, y []float64) {
	rng := rand.New(rand.NewPCG(seed, 1))
	d := len(w)
	x, y = make([]float64, n*d), make([]float64, n)
	for i := 0; i < n; i++ {
		s := 1.0
		for j := 0; j < d; j++ {
			x[i*d+j] = 3*rng.NormFloat64() + float64(j)
			s += w[j] * x[i*d+j]
		}
		y[i] = s + noise*rng.NormFloat64()
	}
	return x, y
}

func TestSplitRows(t *testing.T) {
	s, err := SplitRows(1000, 0.25, 0.2, 7)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Test) != 250 || len(s.Val) != 150 || len(s.Train) != 600 {
		t.Fatalf("sizes %d/%d/%d", len(s.Train), len(s.Val), len(s.Test))
	}
	all := slices.Concat(s.Train, s.Val, s.Test)
	slices.Sort(all)
	for i, v := range all {
		if v != i {
			t.Fatalf("parts do not partition 0..999 (at %d: %d)", i, v)
		}
	}
	s2, _ := SplitRows(1000, 0.25, 0.2, 7)
	if !slices.Equal(s.Test, s2.Test) {
		t.Fatal("same seed gave a different split")
	}
	s3, _ := SplitRows(1000, 0.25, 0.2, 8)
	if slices.Equal(s.Test, s3.Test) {
		t.Fatal("different seeds gave the same split")
	}
	if _, err := SplitRows(10, 0.5, 0.99, 1); !inputerr.Is(err) {
		t.Fatalf("no training rows left: err %v", err)
	}
}

func TestPrepareUsesTrainingStats(t *testing.T) {
	x, y := synth(400, []float64{2, -1}, 0, 3)
	s, _ := SplitRows(400, 0.25, 0.1, 1)
	m, tr, va, te, err := Prepare(x, y, 400, []string{"a", "b"}, "y", Regression, s, true)
	if err != nil {
		t.Fatal(err)
	}
	if tr.N+va.N+te.N != 400 || tr.D != 2 {
		t.Fatalf("parts %d+%d+%d", tr.N, va.N, te.N)
	}
	// The training part is standardised exactly; the others only roughly.
	for j := 0; j < 2; j++ {
		var mean, ss float64
		for i := 0; i < tr.N; i++ {
			mean += tr.X[i*2+j]
		}
		mean /= float64(tr.N)
		for i := 0; i < tr.N; i++ {
			ss += (tr.X[i*2+j] - mean) * (tr.X[i*2+j] - mean)
		}
		if math.Abs(mean) > 1e-12 || math.Abs(ss/float64(tr.N)-1) > 1e-12 {
			t.Fatalf("feature %d on train: mean %g var %g", j, mean, ss/float64(tr.N))
		}
	}
	if m.YStd <= 0 || math.Abs(m.Mean[1]-1) > 0.5 {
		t.Fatalf("stats %v %v %g", m.Mean, m.Std, m.YStd)
	}
}

func TestDetectTask(t *testing.T) {
	if DetectTask([]float64{0, 2, -2, 0, 2, 4, 0, -2}) != Classification {
		t.Fatal("even integers should be classes")
	}
	if DetectTask([]float64{0.5, 1, 2, 3}) != Regression {
		t.Fatal("fractions should be regression")
	}
}

// TestLossGradient compares dout with central differences of the loss.
func TestLossGradient(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	for _, task := range []Task{Regression, Classification} {
		n, c := 5, 3
		if task == Regression {
			c = 1
		}
		out := make([]float64, n*c)
		y := make([]float64, n)
		for i := range out {
			out[i] = 4 * rng.NormFloat64()
		}
		for i := range y {
			if task == Classification {
				y[i] = float64(rng.IntN(c))
			} else {
				y[i] = rng.NormFloat64()
			}
		}
		dout := make([]float64, n*c)
		Loss(task, out, y, n, c, dout, 1)
		for k := range out {
			h := 1e-6
			o := out[k]
			out[k] = o + h
			fp := Loss(task, out, y, n, c, nil, 1)
			out[k] = o - h
			fm := Loss(task, out, y, n, c, nil, 1)
			out[k] = o
			if fd := (fp - fm) / (2 * h); math.Abs(fd-dout[k]) > 1e-7 {
				t.Fatalf("%s: d/dout[%d] = %g, finite difference %g", task, k, dout[k], fd)
			}
		}
	}
}

func linearModel(t *testing.T, w []float64) (*Model, Data, Data, Data) {
	t.Helper()
	x, y := synth(600, w, 0.01, 5)
	s, _ := SplitRows(600, 0.25, 0.2, 1)
	feat := make([]string, len(w))
	for j := range feat {
		feat[j] = string(rune('a' + j))
	}
	m, tr, va, te, err := Prepare(x, y, 600, feat, "y", Regression, s, true)
	if err != nil {
		t.Fatal(err)
	}
	m.Net = newLinear(len(w), 1)
	return m, tr, va, te
}

func TestTrainAdamAndLBFGS(t *testing.T) {
	for _, opt := range []TrainConfig{
		{Opt: "adam", LR: 0.05, Batch: 32, Epochs: 40, Seed: 1, Patience: 5},
		{Opt: "lbfgs", Steps: 50},
	} {
		t.Run(opt.Opt, func(t *testing.T) {
			m, tr, va, te := linearModel(t, []float64{2, -3, 0})
			steps := 0
			opt.OnStep = func(StepInfo) { steps++ }
			res, err := Train(m.Net, m.Task, tr, va, opt)
			if err != nil {
				t.Fatal(err)
			}
			mt := Evaluate(m, te)
			if mt.R2 < 0.9999 || mt.RMSE > 0.05 {
				t.Fatalf("%s: test %+v after %+v", opt.Opt, mt, res)
			}
			if steps != res.Steps || res.BestStep < 1 || res.BestStep > res.Steps {
				t.Fatalf("%s: %d callbacks, result %+v", opt.Opt, steps, res)
			}
		})
	}
}

func TestTrainDeterministic(t *testing.T) {
	run := func() []float64 {
		m, tr, va, _ := linearModel(t, []float64{1, 1})
		if _, err := Train(m.Net, m.Task, tr, va, TrainConfig{LR: 0.01, Batch: 16, Epochs: 2, Seed: 9}); err != nil {
			t.Fatal(err)
		}
		return m.Net.Params()
	}
	if a, b := run(), run(); !slices.Equal(a, b) {
		t.Fatalf("same seed, different parameters: %v vs %v", a, b)
	}
}

func TestSaliencyLinear(t *testing.T) {
	// For a linear model the per-row input gradient of the squared error is
	// 2·r·w_j, so normalised saliency is |w_j|/Σ|w| exactly.
	m, _, _, te := linearModel(t, []float64{1, 1, 1})
	copy(m.Net.Params(), []float64{3, -1, 0, 0.5})
	s := Saliency(m, te)
	want := []float64{0.75, 0.25, 0}
	for j := range want {
		if math.Abs(s[j]-want[j]) > 1e-12 {
			t.Fatalf("saliency %v, want %v", s, want)
		}
	}
	// Permutation importance of a fitted model follows the true weights;
	// an unused input scores about 0.
	m, tr, va, te := linearModel(t, []float64{2, -1, 0})
	if _, err := Train(m.Net, m.Task, tr, va, TrainConfig{Opt: "lbfgs", Steps: 30}); err != nil {
		t.Fatal(err)
	}
	p := Permutation(m, te, 2, 1)
	if math.Abs(p[2]) > 1e-3 || !(p[0] > p[1] && p[1] > 0.1) {
		t.Fatalf("permutation importance %v", p)
	}
	r := Rank([]string{"a", "b", "c"}, [][]float64{{1, 3, 2}, {3, 3, 2}})
	if r[0].Feature != "b" || r[0].Spread != 0 || r[1].Feature != "a" || math.Abs(r[1].Spread-math.Sqrt2) > 1e-12 {
		t.Fatalf("rank %+v", r)
	}
}

func savedModel(t testing.TB) []byte {
	m := &Model{Net: newLinear(2, 3), Features: []string{"a", "b"}, Target: "k", Task: Classification,
		Classes: []float64{-2, 0, 2}, Mean: []float64{0.1, 1.0 / 3}, Std: []float64{2, math.Pi}, YStd: 1,
		Config: []byte(`{"seed":1}`)}
	for i := range m.Net.Params() {
		m.Net.Params()[i] = math.Sin(float64(i)) / 7
	}
	b, err := m.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestFileRoundTrip(t *testing.T) {
	b := savedModel(t)
	path := filepath.Join(t.TempDir(), "m.model")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := m.Marshal()
	if !bytes.Equal(b, b2) {
		t.Fatal("load+marshal does not reproduce the file")
	}
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, b) {
		t.Fatal("Save wrote different bytes")
	}
}

func TestFileErrors(t *testing.T) {
	b := savedModel(t)
	dir := t.TempDir()
	cases := map[string][]byte{
		"truncated": b[:len(b)-9],
		"padded":    append(slices.Clone(b), 0),
		"corrupt":   func() []byte { c := slices.Clone(b); c[40] ^= 1; return c }(),
		"empty":     nil,
		"text":      []byte("x,y\n1,2\n"),
		"version":   func() []byte { c := slices.Clone(b); c[8] = 9; return c }(),
	}
	for name, data := range cases {
		path := filepath.Join(dir, name+".model")
		os.WriteFile(path, data, 0o644)
		_, err := Load(path)
		if err == nil || !inputerr.Is(err) || !strings.Contains(err.Error(), path) {
			t.Fatalf("%s: err %v (want an input error naming the file)", name, err)
		}
	}
	if _, err := Load(filepath.Join(dir, "missing")); !inputerr.Is(err) {
		t.Fatalf("missing file: %v", err)
	}
}

func FuzzLoad(f *testing.F) {
	b := savedModel(f)
	f.Add(b)
	f.Add(b[:30])
	f.Add([]byte(fileMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Unmarshal(data)
		if err != nil {
			return
		}
		// Whatever loads must be usable and re-encode to the same bytes.
		out, err := m.Marshal()
		if err != nil {
			t.Fatalf("loaded model does not marshal: %v", err)
		}
		m2, err := Unmarshal(out)
		if err != nil {
			t.Fatalf("re-encoded model does not load: %v", err)
		}
		z := make([]float64, m.Net.NumIn())
		m2.Predict(z, 1)
	})
}

func FuzzLoadFramed(f *testing.F) {
	b := savedModel(f)
	hlen := binary.LittleEndian.Uint32(b[12:])
	f.Add(b[16:16+hlen], b[24+hlen:len(b)-4])
	f.Add([]byte(`{"kind":"test-linear","num_in":1,"num_out":1,"features":["a"],"task":"regression","mean":[0],"std":[1]}`),
		[]byte{1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, header, payload []byte) {
		m, err := Unmarshal(frame(header, payload))
		if err != nil {
			return
		}
		if err := m.Check(); err != nil {
			t.Fatalf("Unmarshal accepted an inconsistent model: %v", err)
		}
		m.Predict(make([]float64, 2*m.Net.NumIn()), 2)
	})
}
