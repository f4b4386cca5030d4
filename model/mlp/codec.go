package mlp

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/ansatz/ansatz/model"
)

// Payload layout of an MLP in a model file (all little-endian):
//
//	uint32  payload version = 1
//	uint32  precision in bits: 32 or 64
//	uint32  activation name length A, then A bytes ("relu", ...)
//	uint32  number of layer sizes S (≥ 2: inputs, hidden..., outputs)
//	S×uint32 layer sizes
//	P×float64 parameters, layer by layer: W_l (in×out row-major), b_l
//
// P follows from the sizes and the payload must end right after it.
const payloadVersion = 1

// MarshalBinary implements model.Network.
func (m *net[T]) MarshalBinary() ([]byte, error) {
	le := binary.LittleEndian
	b := le.AppendUint32(nil, payloadVersion)
	b = le.AppendUint32(b, uint32(bitsOf[T]()))
	b = le.AppendUint32(b, uint32(len(m.act)))
	b = append(b, m.act...)
	b = le.AppendUint32(b, uint32(len(m.sizes)))
	for _, s := range m.sizes {
		b = le.AppendUint32(b, uint32(s))
	}
	for _, v := range m.params {
		b = le.AppendUint64(b, math.Float64bits(v))
	}
	return b, nil
}

var errShort = errors.New("payload truncated")

// reader consumes a payload front to back, remembering the first error.
type reader struct {
	b   []byte
	err error
}

func (r *reader) u32() uint32 {
	if r.err != nil || len(r.b) < 4 {
		r.err = errShort
		return 0
	}
	v := binary.LittleEndian.Uint32(r.b)
	r.b = r.b[4:]
	return v
}

func (r *reader) bytes(n uint32) []byte {
	if r.err != nil || uint64(len(r.b)) < uint64(n) {
		r.err = errShort
		return nil
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}

// decode is the model.Decoder of kind "mlp".
func decode(p []byte) (model.Network, error) {
	r := &reader{b: p}
	if v := r.u32(); r.err == nil && v != payloadVersion {
		return nil, fmt.Errorf("payload version %d, this build reads %d", v, payloadVersion)
	}
	bits := r.u32()
	actLen := r.u32()
	if r.err == nil && actLen > 16 {
		return nil, fmt.Errorf("activation name of %d bytes", actLen)
	}
	actName := r.bytes(actLen)
	ns := r.u32()
	if r.err == nil && (ns < 2 || ns > 64) {
		return nil, fmt.Errorf("%d layer sizes (want 2..64)", ns)
	}
	var sizes []int
	for i := uint32(0); i < ns && r.err == nil; i++ {
		s := r.u32()
		if r.err == nil && (s < 1 || s > maxWidth) {
			return nil, fmt.Errorf("layer width %d out of range", s)
		}
		sizes = append(sizes, int(s))
	}
	if r.err != nil {
		return nil, r.err
	}
	act, err := ParseActivation(string(actName))
	if err != nil {
		return nil, err
	}
	np := uint64(0)
	for l := 1; l < len(sizes); l++ {
		np += uint64(sizes[l-1])*uint64(sizes[l]) + uint64(sizes[l])
	}
	if np*8 != uint64(len(r.b)) {
		return nil, fmt.Errorf("%d parameter bytes for %d parameters", len(r.b), np)
	}
	var nw model.Network
	switch bits {
	case 32:
		nw = newNet[float32](sizes, act)
	case 64:
		nw = newNet[float64](sizes, act)
	default:
		return nil, fmt.Errorf("precision of %d bits (want 32 or 64)", bits)
	}
	for i := range nw.Params() {
		nw.Params()[i] = math.Float64frombits(binary.LittleEndian.Uint64(r.b[8*i:]))
	}
	return nw, nil
}
