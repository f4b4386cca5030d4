package model

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/ansatz/ansatz/internal/atomicfile"
)

// Model file format, version 1. All integers little-endian.
//
//	offset    size  content
//	0         8     magic "ANSATZMD"
//	8         4     format version (uint32) = 1
//	12        4     header length H (uint32)
//	16        H     header: UTF-8 JSON object (see fileHeader): kind,
//	                features, target, task, classes, standardisation
//	                (mean, std, y_mean, y_std) and the training config
//	16+H      8     payload length P (uint64)
//	24+H      P     payload: the network's MarshalBinary bytes; its layout
//	                is documented by the kind's package (model/mlp, model/kan)
//	24+H+P    4     CRC-32C (Castagnoli) of bytes [0, 24+H+P)
//
// The file ends right after the checksum. JSON numbers are written with
// the shortest decimal form that parses back to the same float64, so the
// statistics (and hence predictions) survive a round trip bit for bit.
// Readers reject other magic, newer versions, a bad checksum, trailing or
// missing bytes, and unknown kinds, with an error naming the file.
const (
	fileMagic   = "ANSATZMD"
	fileVersion = 1
	maxHeader   = 64 << 20 // a header beyond this is corruption, not a model
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// fileHeader is the JSON header of a model file.
type fileHeader struct {
	Kind     string          `json:"kind"`
	NumIn    int             `json:"num_in"`
	NumOut   int             `json:"num_out"`
	Features []string        `json:"features"`
	Target   string          `json:"target"`
	Task     Task            `json:"task"`
	Classes  []float64       `json:"classes,omitempty"`
	Mean     []float64       `json:"mean"`
	Std      []float64       `json:"std"`
	YMean    float64         `json:"y_mean"`
	YStd     float64         `json:"y_std"`
	Config   json.RawMessage `json:"config,omitempty"`
}

// Decoder rebuilds a network of one kind from its MarshalBinary payload.
// It must return an error, never panic, on any malformed payload.
type Decoder func(payload []byte) (Network, error)

var (
	regMu    sync.RWMutex
	decoders = map[string]Decoder{}
)

// Register makes a network kind loadable. Each kind's package calls it
// from init; registering a kind twice panics (a programming error).
func Register(kind string, dec Decoder) {
	regMu.Lock()
	defer regMu.Unlock()
	if _, dup := decoders[kind]; dup {
		panic("model: kind registered twice: " + kind)
	}
	decoders[kind] = dec
}

// Kinds lists the registered kinds, sorted.
func Kinds() []string {
	regMu.RLock()
	defer regMu.RUnlock()
	var ks []string
	for k := range decoders {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// Marshal encodes the model in the file format above.
func (m *Model) Marshal() ([]byte, error) {
	if err := m.Check(); err != nil {
		return nil, err
	}
	payload, err := m.Net.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("encoding %s network: %w", m.Net.Kind(), err)
	}
	h := fileHeader{Kind: m.Net.Kind(), NumIn: m.Net.NumIn(), NumOut: m.Net.NumOut(),
		Features: m.Features, Target: m.Target, Task: m.Task, Classes: m.Classes,
		Mean: m.Mean, Std: m.Std, YMean: m.YMean, YStd: m.YStd, Config: m.Config}
	hj, err := json.Marshal(h)
	if err != nil {
		return nil, fmt.Errorf("encoding model header: %w", err)
	}
	return frame(hj, payload), nil
}

// frame lays out a file around an encoded header and payload: magic,
// version, lengths and the CRC-32C of everything before it.
func frame(header, payload []byte) []byte {
	var b bytes.Buffer
	b.WriteString(fileMagic)
	b.Write(binary.LittleEndian.AppendUint32(nil, fileVersion))
	b.Write(binary.LittleEndian.AppendUint32(nil, uint32(len(header))))
	b.Write(header)
	b.Write(binary.LittleEndian.AppendUint64(nil, uint64(len(payload))))
	b.Write(payload)
	b.Write(binary.LittleEndian.AppendUint32(nil, crc32.Checksum(b.Bytes(), castagnoli)))
	return b.Bytes()
}

// Save writes the model to path atomically (temporary file + rename), so
// a crash never leaves half a model behind.
func (m *Model) Save(path string) error {
	data, err := m.Marshal()
	if err != nil {
		return err
	}
	return atomicfile.WriteBytes(path, data)
}

// Unmarshal decodes a model file's bytes. Errors describe what is wrong
// ("truncated", "checksum mismatch", ...) without a file name; Load adds it.
func Unmarshal(data []byte) (*Model, error) {
	hlen, err := checkPrefix(data)
	if err != nil {
		return nil, err
	}
	size := int64(len(data))
	if err := checkHeaderLen(hlen, size); err != nil {
		return nil, err
	}
	plen := binary.LittleEndian.Uint64(data[16+hlen:])
	if err := checkPayloadLen(hlen, plen, size); err != nil {
		return nil, err
	}
	body := data[:len(data)-4]
	if got, want := crc32.Checksum(body, castagnoli), binary.LittleEndian.Uint32(data[len(data)-4:]); got != want {
		return nil, fmt.Errorf("checksum: mismatch, the file is corrupt")
	}
	var h fileHeader
	dec := json.NewDecoder(bytes.NewReader(data[16 : 16+hlen]))
	if err := dec.Decode(&h); err != nil {
		return nil, fmt.Errorf("header: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("header: trailing data")
	}
	regMu.RLock()
	decode := decoders[h.Kind]
	regMu.RUnlock()
	if decode == nil {
		return nil, fmt.Errorf("unknown model kind %q (this build reads: %s)", h.Kind, strings.Join(Kinds(), ", "))
	}
	net, err := decode(data[24+hlen : 24+hlen+plen])
	if err != nil {
		return nil, fmt.Errorf("%s network: %v", h.Kind, err)
	}
	if net.NumIn() != h.NumIn || net.NumOut() != h.NumOut {
		return nil, fmt.Errorf("%s network is %d→%d but the header says %d→%d", h.Kind, net.NumIn(), net.NumOut(), h.NumIn, h.NumOut)
	}
	m := &Model{Net: net, Features: h.Features, Target: h.Target, Task: h.Task,
		Classes: h.Classes, Mean: h.Mean, Std: h.Std, YMean: h.YMean, YStd: h.YStd, Config: h.Config}
	if err := m.Check(); err != nil {
		return nil, err
	}
	if m.Task == Classification && !slices.IsSorted(m.Classes) {
		return nil, fmt.Errorf("model classes are not sorted")
	}
	return m, nil
}
