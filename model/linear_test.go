package model

import (
	"encoding/binary"
	"errors"
	"math"
)

// linear is a test network out = x·W + b in float64, just enough to test
// the trainer, the file format and attribution without model/mlp (which
// imports this package).
type linear struct {
	in, out int
	p, g    []float64
	x       []float64
	n       int
}

func newLinear(in, out int) *linear {
	k := in*out + out
	return &linear{in: in, out: out, p: make([]float64, k), g: make([]float64, k)}
}

func (l *linear) Kind() string      { return "test-linear" }
func (l *linear) NumIn() int        { return l.in }
func (l *linear) NumOut() int       { return l.out }
func (l *linear) Params() []float64 { return l.p }
func (l *linear) Grads() []float64  { return l.g }

func (l *linear) Forward(x []float64, n int, out []float64) {
	l.x, l.n = append(l.x[:0], x[:n*l.in]...), n
	for i := 0; i < n; i++ {
		for o := 0; o < l.out; o++ {
			s := l.p[l.in*l.out+o]
			for j := 0; j < l.in; j++ {
				s += x[i*l.in+j] * l.p[j*l.out+o]
			}
			out[i*l.out+o] = s
		}
	}
}

func (l *linear) Backward(dout, dx []float64) {
	clear(l.g)
	for i := 0; i < l.n; i++ {
		for o := 0; o < l.out; o++ {
			d := dout[i*l.out+o]
			l.g[l.in*l.out+o] += d
			for j := 0; j < l.in; j++ {
				l.g[j*l.out+o] += d * l.x[i*l.in+j]
			}
		}
		if dx != nil {
			for j := 0; j < l.in; j++ {
				s := 0.0
				for o := 0; o < l.out; o++ {
					s += dout[i*l.out+o] * l.p[j*l.out+o]
				}
				dx[i*l.in+j] = s
			}
		}
	}
}

func (l *linear) MarshalBinary() ([]byte, error) {
	b := binary.LittleEndian.AppendUint32(nil, uint32(l.in))
	b = binary.LittleEndian.AppendUint32(b, uint32(l.out))
	for _, v := range l.p {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
	}
	return b, nil
}

func decodeLinear(b []byte) (Network, error) {
	if len(b) < 8 {
		return nil, errors.New("short")
	}
	in, out := binary.LittleEndian.Uint32(b), binary.LittleEndian.Uint32(b[4:])
	if in == 0 || out == 0 || in > 1000 || out > 1000 || uint64(len(b)-8) != 8*uint64(in*out+out) {
		return nil, errors.New("bad sizes")
	}
	l := newLinear(int(in), int(out))
	for i := range l.p {
		l.p[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8+8*i:]))
	}
	return l, nil
}

func init() { Register("test-linear", decodeLinear) }
