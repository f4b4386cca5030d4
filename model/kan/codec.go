package kan

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"

	"github.com/ansatz/ansatz/model"
)

// Payload layout of a "kan" network inside a model file (all
// little-endian):
//
//	4 bytes  "KAN1"
//	4 bytes  length C of the config JSON (uint32)
//	C bytes  Config as JSON (width, grid, k, ...)
//	then per edge layer, per input node: G+2K+1 knots (float64 bits)
//	then per edge layer: nIn·nOut mask values (float64 bits)
//	then the parameter vector (float64 bits): per layer coef
//	  (nIn×nOut×(G+K)), scale_base (nIn×nOut), scale_sp (nIn×nOut);
//	  then a, b, c, d of each edge in Config.Symbolic (symbolic.go)
//
// Exactly that many bytes; anything else is an error.
const payloadMagic = "KAN1"

func init() {
	model.Register("kan", func(p []byte) (model.Network, error) { return Unmarshal(p) })
}

// MarshalBinary implements model.Network.
func (n *Net) MarshalBinary() ([]byte, error) {
	cj, err := json.Marshal(n.cfg)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString(payloadMagic)
	b.Write(binary.LittleEndian.AppendUint32(nil, uint32(len(cj))))
	b.Write(cj)
	put := func(v []float64) {
		for _, x := range v {
			b.Write(binary.LittleEndian.AppendUint64(nil, math.Float64bits(x)))
		}
	}
	for _, ly := range n.layers {
		for _, t := range ly.knots {
			put(t)
		}
	}
	for _, ly := range n.layers {
		put(ly.mask)
	}
	put(n.params)
	return b.Bytes(), nil
}

// Unmarshal decodes a payload written by MarshalBinary. It checks every
// length before allocating and rejects non-increasing knots, so a
// corrupt payload gives an error, never a panic or a huge allocation.
func Unmarshal(p []byte) (*Net, error) {
	if len(p) < 8 || string(p[:4]) != payloadMagic {
		return nil, errors.New("not a KAN payload")
	}
	cl := binary.LittleEndian.Uint32(p[4:])
	if uint64(cl) > uint64(len(p)-8) {
		return nil, errors.New("KAN payload truncated (config)")
	}
	var cfg Config
	if err := json.Unmarshal(p[8:8+cl], &cfg); err != nil {
		return nil, fmt.Errorf("KAN config: %v", err)
	}
	if err := cfg.check(); err != nil {
		return nil, fmt.Errorf("KAN config: %v", err)
	}
	rest := p[8+cl:]
	// Size check before allocation: count the float64s the config implies.
	need := uint64(0)
	nb := uint64(cfg.Grid + cfg.K)
	for l := 0; l+1 < len(cfg.Width); l++ {
		in, out := uint64(cfg.Width[l].Count()), uint64(cfg.Width[l+1].Subnodes())
		need += in*uint64(cfg.Grid+2*cfg.K+1) + in*out + in*out*(nb+2)
		if need > uint64(len(rest)) {
			return nil, errors.New("KAN payload truncated (parameters)")
		}
	}
	need += 4 * uint64(len(cfg.Symbolic))
	if need*8 != uint64(len(rest)) {
		return nil, fmt.Errorf("KAN payload has %d bytes of numbers, the config needs %d", len(rest), need*8)
	}
	n := alloc(cfg)
	pos := 0
	get := func(dst []float64) {
		for q := range dst {
			dst[q] = math.Float64frombits(binary.LittleEndian.Uint64(rest[pos:]))
			pos += 8
		}
	}
	for _, ly := range n.layers {
		for i := range ly.knots {
			ly.knots[i] = make([]float64, cfg.Grid+2*cfg.K+1)
			get(ly.knots[i])
			for j := 1; j < len(ly.knots[i]); j++ {
				if !(ly.knots[i][j] > ly.knots[i][j-1]) || math.IsInf(ly.knots[i][j], 0) {
					return nil, errors.New("KAN payload: knots are not strictly increasing and finite")
				}
			}
			ly.uniform[i] = isUniform(ly.knots[i])
		}
	}
	for _, ly := range n.layers {
		get(ly.mask)
	}
	get(n.params)
	return n, nil
}
