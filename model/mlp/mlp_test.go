package mlp

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/ansatz/ansatz/internal/memtest"
	"github.com/ansatz/ansatz/model"
)

// lossOf runs the network and returns ½Σ out² weighted by fixed
// pseudo-random coefficients, a scalar whose gradient exercises every
// output.
func lossOf(net model.Network, x []float64, n int, coef []float64) float64 {
	out := make([]float64, n*net.NumOut())
	net.Forward(x, n, out)
	s := 0.0
	for i, v := range out {
		s += coef[i] * v * v / 2
	}
	return s
}

// TestGradients compares Backward's parameter and input gradients with
// central differences, in float64, for every activation.
func TestGradients(t *testing.T) {
	for _, act := range []Activation{ReLU, Tanh, Sigmoid, SiLU} {
		net, err := New(Config{Hidden: []int{7, 5}, Act: act, Float64: true}, 4, 3, 11)
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(3, 3))
		n := 6
		x := make([]float64, n*4)
		for i := range x {
			x[i] = rng.NormFloat64()
		}
		p := net.Params()
		for i := range p {
			p[i] += 0.1 * rng.NormFloat64() // non-zero biases too
		}
		coef := make([]float64, n*3)
		for i := range coef {
			coef[i] = rng.Float64()
		}
		out := make([]float64, n*3)
		net.Forward(x, n, out)
		dout := make([]float64, len(out))
		for i := range out {
			dout[i] = coef[i] * out[i]
		}
		dx := make([]float64, len(x))
		net.Backward(dout, dx)
		g := append([]float64(nil), net.Grads()...)
		check := func(what string, v []float64, i int, analytic float64) {
			h := 1e-6
			o := v[i]
			v[i] = o + h
			fp := lossOf(net, x, n, coef)
			v[i] = o - h
			fm := lossOf(net, x, n, coef)
			v[i] = o
			fd := (fp - fm) / (2 * h)
			if math.Abs(fd-analytic) > 1e-6*(1+math.Abs(fd)) {
				t.Fatalf("%s: d/d%s[%d] = %g, finite difference %g", act, what, i, analytic, fd)
			}
		}
		for i := range p {
			check("param", p, i, g[i])
		}
		for i := range x {
			check("x", x, i, dx[i])
		}
	}
}

// TestFloat32MatchesFloat64: the same parameters give nearly the same
// outputs in both precisions.
func TestFloat32MatchesFloat64(t *testing.T) {
	n32, _ := New(Config{Hidden: []int{16, 16}, Act: Tanh}, 5, 2, 1)
	n64, _ := New(Config{Hidden: []int{16, 16}, Act: Tanh, Float64: true}, 5, 2, 1)
	copy(n64.Params(), n32.Params())
	x := make([]float64, 40*5)
	for i := range x {
		x[i] = math.Sin(float64(i))
	}
	o32, o64 := make([]float64, 80), make([]float64, 80)
	n32.Forward(x, 40, o32)
	n64.Forward(x, 40, o64)
	for i := range o32 {
		if math.Abs(o32[i]-o64[i]) > 1e-5 {
			t.Fatalf("out[%d]: float32 %g float64 %g", i, o32[i], o64[i])
		}
	}
	if o32[0] == o64[0] && o32[1] == o64[1] && o32[2] == o64[2] {
		t.Fatal("float32 network seems to compute in float64")
	}
}

func TestPayloadRoundTrip(t *testing.T) {
	for _, f64 := range []bool{false, true} {
		net, _ := New(Config{Hidden: []int{9}, Act: SiLU, Float64: f64}, 3, 2, 5)
		b, _ := net.MarshalBinary()
		back, err := decode(b)
		if err != nil {
			t.Fatal(err)
		}
		b2, _ := back.MarshalBinary()
		if !bytes.Equal(b, b2) {
			t.Fatal("payload does not round-trip")
		}
		x := []float64{0.3, -1, 2, 1, 1, 1}
		o1, o2 := make([]float64, 4), make([]float64, 4)
		net.Forward(x, 2, o1)
		back.Forward(x, 2, o2)
		for i := range o1 {
			if math.Float64bits(o1[i]) != math.Float64bits(o2[i]) {
				t.Fatalf("prediction %d differs after decode: %v vs %v", i, o1, o2)
			}
		}
		if _, err := decode(b[:len(b)-1]); err == nil {
			t.Fatal("truncated payload decoded")
		}
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	if _, err := New(Config{Hidden: []int{0}}, 2, 1, 1); err == nil {
		t.Fatal("zero-width layer accepted")
	}
	if _, err := New(Config{Act: "gelu"}, 2, 1, 1); err == nil {
		t.Fatal("unknown activation accepted")
	}
}

// FuzzDecode: any payload decodes or fails without panicking, and
// decoding allocates no more than a small multiple of the payload
// whatever layer sizes it declares.
func FuzzDecode(f *testing.F) {
	net, _ := New(Config{Hidden: []int{3}, Act: Tanh}, 2, 2, 1)
	b, _ := net.MarshalBinary()
	f.Add(b)
	f.Add(b[:20])
	f.Fuzz(func(t *testing.T, p []byte) {
		var (
			nw  model.Network
			err error
		)
		if a := memtest.Allocated(func() { nw, err = decode(p) }); a > uint64(1<<20+16*len(p)) {
			t.Fatalf("allocated %d bytes decoding %d", a, len(p))
		}
		if err != nil {
			return
		}
		out := make([]float64, nw.NumOut())
		nw.Forward(make([]float64, nw.NumIn()), 1, out)
		nw.Backward(out, make([]float64, nw.NumIn()))
	})
}

// TestReLUEdgeCases: the kernel-based ReLU and the bit-mask backward agree
// with max(z, 0) and z > 0 exactly, on signed zeros, subnormals and
// infinities, at every offset the vector kernels' tails see.
func TestReLUEdgeCases(t *testing.T) {
	vals := []float32{-1, 0, float32(math.Copysign(0, -1)), 2, math.SmallestNonzeroFloat32, -math.SmallestNonzeroFloat32,
		float32(math.Inf(1)), float32(math.Inf(-1)), 1.6e38, -3e38, -7, 1e-30, 0.25}
	for n := 0; n <= len(vals); n++ {
		z := vals[:n]
		a := make([]float32, n)
		forward(ReLU, a, z)
		d := make([]float32, n)
		for i := range d {
			d[i] = float32(i + 1)
		}
		backward(ReLU, d, z, a, nil)
		for i, v := range z {
			want := max(v, 0)
			if math.Float32bits(a[i]) != math.Float32bits(want) && !(v == 0 && a[i] == 0) {
				t.Fatalf("relu(%g) = %g, want %g", v, a[i], want)
			}
			if wantD := map[bool]float32{true: float32(i + 1), false: 0}[v > 0]; d[i] != wantD {
				t.Fatalf("relu'(%g)·%d = %g, want %g", v, i+1, d[i], wantD)
			}
		}
	}
}
