// Package mlp is the multilayer perceptron of ansatz: dense layers with
// ReLU, tanh, sigmoid or SiLU between them and a linear output, as in the
// DeepMind knot-invariant notebook the attribution acceptance test follows.
// Forward and backward passes run as GEMMs (kernels.Gemm) over the
// whole batch plus element-wise kernels, in float32 by default or float64.
// The network implements model.Network; training, losses, saliency and the
// model file live in package model.
package mlp

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/ansatz/ansatz/kernels"
	"github.com/ansatz/ansatz/model"
)

// Kind is the model-file kind of MLPs.
const Kind = "mlp"

// Config describes an MLP apart from its input and output sizes, which
// come from the data. It is stored (as JSON) in model files.
type Config struct {
	Hidden  []int      `json:"hidden"`            // hidden layer widths, e.g. [300,300,300]
	Act     Activation `json:"act"`               // hidden activation (default relu)
	Float64 bool       `json:"float64,omitempty"` // compute in float64 instead of float32
}

func init() { model.Register(Kind, decode) }

// New builds an MLP numIn → Hidden... → numOut with weights drawn from the
// seed: He-normal for ReLU/SiLU hidden layers, Glorot-uniform for tanh,
// sigmoid and the output layer; biases zero.
func New(cfg Config, numIn, numOut int, seed uint64) (model.Network, error) {
	act := cfg.Act
	if act == "" {
		act = ReLU
	}
	act, err := ParseActivation(string(act))
	if err != nil {
		return nil, err
	}
	sizes := append(append([]int{numIn}, cfg.Hidden...), numOut)
	for _, s := range sizes {
		if s < 1 || s > maxWidth {
			return nil, fmt.Errorf("mlp: layer widths must be in 1..%d, got %v", maxWidth, sizes)
		}
	}
	var net model.Network
	if cfg.Float64 {
		net = newNet[float64](sizes, act)
	} else {
		net = newNet[float32](sizes, act)
	}
	initParams(net.Params(), sizes, act, seed)
	return net, nil
}

// maxWidth bounds a layer's width; it keeps a corrupt model file from
// asking for absurd allocations.
const maxWidth = 1 << 16

// initParams draws the weights layer by layer (see New).
func initParams(p []float64, sizes []int, act Activation, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 0x3a9))
	off := 0
	for l := 1; l < len(sizes); l++ {
		in, out := sizes[l-1], sizes[l]
		w := p[off : off+in*out]
		if act.heInit() && l < len(sizes)-1 {
			std := math.Sqrt(2 / float64(in))
			for i := range w {
				w[i] = rng.NormFloat64() * std
			}
		} else {
			lim := math.Sqrt(6 / float64(in+out))
			for i := range w {
				w[i] = (2*rng.Float64() - 1) * lim
			}
		}
		clear(p[off+in*out : off+in*out+out])
		off += in*out + out
	}
}

// numParams is the length of the parameter vector for the layer sizes.
func numParams(sizes []int) int {
	n := 0
	for l := 1; l < len(sizes); l++ {
		n += sizes[l-1]*sizes[l] + sizes[l]
	}
	return n
}

// net is an MLP computing in T. Parameters are laid out layer after
// layer: W_l (in×out, row-major, so Z = A·W) then b_l (out).
type net[T kernels.Float] struct {
	sizes []int
	act   Activation

	params, grads []float64 // float64 master copies (model.Network)
	w, g          []T       // working copies in T (alias params/grads when T is float64)
	alias         bool

	n       int   // rows of the last Forward
	a, z    [][]T // per layer: a[0] inputs, a[l]=act(z[l]); z[L] is the output
	d1, d2  []T   // backward ping-pong buffers (n × widest layer)
	scratch []T
	ones    []T
}

func newNet[T kernels.Float](sizes []int, act Activation) *net[T] {
	p := numParams(sizes)
	m := &net[T]{sizes: sizes, act: act, params: make([]float64, p), grads: make([]float64, p)}
	if w, ok := any(m.params).([]T); ok {
		m.w, m.g, m.alias = w, any(m.grads).([]T), true
	} else {
		m.w, m.g = make([]T, p), make([]T, p)
	}
	return m
}

func (m *net[T]) Kind() string       { return Kind }
func (m *net[T]) NumIn() int         { return m.sizes[0] }
func (m *net[T]) NumOut() int        { return m.sizes[len(m.sizes)-1] }
func (m *net[T]) Params() []float64  { return m.params }
func (m *net[T]) Grads() []float64   { return m.grads }
func (m *net[T]) Sizes() []int       { return m.sizes }
func (m *net[T]) Act() Activation    { return m.act }
func (m *net[T]) precisionBits() int { return bitsOf[T]() }

func bitsOf[T kernels.Float]() int {
	var z T
	if _, ok := any(z).(float32); ok {
		return 32
	}
	return 64
}

// grow sizes the activation buffers for n rows.
func (m *net[T]) grow(n int) {
	if len(m.a) == len(m.sizes) && cap(m.a[0]) >= n*m.sizes[0] {
		for l, s := range m.sizes {
			m.a[l] = m.a[l][:n*s]
			m.z[l] = m.z[l][:n*s]
		}
		widest := 0
		for _, s := range m.sizes {
			widest = max(widest, s)
		}
		m.d1, m.d2, m.scratch = m.d1[:n*widest], m.d2[:n*widest], m.scratch[:n*widest]
		m.ones = m.ones[:n]
		return
	}
	L := len(m.sizes)
	m.a, m.z = make([][]T, L), make([][]T, L)
	widest := 0
	for l, s := range m.sizes {
		m.a[l] = make([]T, n*s)
		m.z[l] = make([]T, n*s)
		widest = max(widest, s)
	}
	m.d1, m.d2, m.scratch = make([]T, n*widest), make([]T, n*widest), make([]T, n*widest)
	m.ones = make([]T, n)
	for i := range m.ones {
		m.ones[i] = 1
	}
}

// Forward implements model.Network.
func (m *net[T]) Forward(x []float64, n int, out []float64) {
	in, nout := m.NumIn(), m.NumOut()
	if len(x) < n*in || len(out) < n*nout {
		panic(fmt.Sprintf("mlp: Forward(%d rows) with %d inputs and %d outputs", n, len(x), len(out)))
	}
	if !m.alias {
		for i, v := range m.params {
			m.w[i] = T(v)
		}
	}
	m.grow(n)
	m.n = n
	for i, v := range x[:n*in] {
		m.a[0][i] = T(v)
	}
	off := 0
	L := len(m.sizes) - 1
	for l := 1; l <= L; l++ {
		ni, no := m.sizes[l-1], m.sizes[l]
		w, b := m.w[off:off+ni*no], m.w[off+ni*no:off+ni*no+no]
		off += ni*no + no
		z := m.z[l]
		kernels.Gemm(false, false, n, no, ni, 1, m.a[l-1], ni, w, no, 0, z, no)
		for r := 0; r < n; r++ {
			kernels.Add(z[r*no:(r+1)*no], z[r*no:(r+1)*no], b)
		}
		if l < L {
			forward(m.act, m.a[l], z)
		}
	}
	for i, v := range m.z[L] {
		out[i] = float64(v)
	}
}

// Backward implements model.Network.
func (m *net[T]) Backward(dout, dx []float64) {
	n, L := m.n, len(m.sizes)-1
	nout := m.NumOut()
	if len(dout) < n*nout || (dx != nil && len(dx) < n*m.NumIn()) {
		panic("mlp: Backward buffers too short for the last Forward")
	}
	dz, da := m.d1[:n*nout], m.d2
	for i, v := range dout[:n*nout] {
		dz[i] = T(v)
	}
	off := len(m.w)
	for l := L; l >= 1; l-- {
		ni, no := m.sizes[l-1], m.sizes[l]
		off -= ni*no + no
		w := m.w[off : off+ni*no]
		gw, gb := m.g[off:off+ni*no], m.g[off+ni*no:off+ni*no+no]
		kernels.Gemm(true, false, ni, no, n, 1, m.a[l-1], ni, dz, no, 0, gw, no)
		kernels.Gemm(false, false, 1, no, n, 1, m.ones, n, dz, no, 0, gb, no)
		if l == 1 && dx == nil {
			break
		}
		da = da[:n*ni]
		kernels.Gemm(false, true, n, ni, no, 1, dz, no, w, no, 0, da, ni)
		if l > 1 {
			backward(m.act, da, m.z[l-1], m.a[l-1], m.scratch[:n*ni])
		}
		dz, da = da, dz[:cap(dz)]
	}
	if dx != nil {
		for i, v := range dz[:n*m.NumIn()] {
			dx[i] = float64(v)
		}
	}
	if !m.alias {
		for i, v := range m.g {
			m.grads[i] = float64(v)
		}
	}
}
