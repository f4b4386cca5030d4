package soak

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
)

// schema is the shape of a generated table: k features x0..x{k-1} and a
// target y computed from them by a small law.
type schema struct {
	k, rows int
	law     int // which law (see value)
}

// value is the target of row x under the schema's law.
func (s schema) value(x []float64, noise float64) float64 {
	switch s.law % 4 {
	case 0:
		return 2*x[0] + noise
	case 1:
		return x[0]*x[s.k-1] + 0.5 + noise
	case 2:
		return math.Sin(x[0]) + x[s.k/2]*x[s.k/2] + noise
	default:
		return float64(int(x[0]*2) % 3) // integer classes
	}
}

func (s schema) names() []string {
	n := make([]string, s.k+1)
	for j := range s.k {
		n[j] = "x" + strconv.Itoa(j)
	}
	n[s.k] = "y"
	return n
}

// data draws the rows, row-major with the target last.
func (s schema) data(rng *rand.Rand) []float64 {
	out := make([]float64, 0, s.rows*(s.k+1))
	x := make([]float64, s.k)
	for range s.rows {
		for j := range x {
			x[j] = rng.Float64()*4 - 1
		}
		out = append(out, x...)
		out = append(out, s.value(x, 0.01*rng.NormFloat64()))
	}
	return out
}

// encode writes the table in one of the formats ansatz reads.
func (s schema) encode(rng *rand.Rand, vals []float64) (b []byte, format string) {
	switch rng.IntN(5) {
	case 0:
		return s.text(vals, "\t"), "tsv"
	case 1:
		return s.npy(vals), "npy"
	case 2:
		return gz(s.text(vals, ",")), "csv.gz"
	case 3:
		return s.text(vals, " "), "txt"
	}
	return s.text(vals, ","), "csv"
}

func (s schema) text(vals []float64, sep string) []byte {
	var b strings.Builder
	b.WriteString(strings.Join(s.names(), sep) + "\n")
	for i := range s.rows {
		row := vals[i*(s.k+1) : (i+1)*(s.k+1)]
		for j, v := range row {
			if j > 0 {
				b.WriteString(sep)
			}
			b.WriteString(strconv.FormatFloat(v, 'g', 8, 64))
		}
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

// npy is a version 1.0 NPY file of float64 values, C order.
func (s schema) npy(vals []float64) []byte {
	return npyFile(fmt.Sprintf("(%d, %d)", s.rows, s.k+1), vals)
}

func npyFile(shape string, vals []float64) []byte {
	h := fmt.Sprintf("{'descr': '<f8', 'fortran_order': False, 'shape': %s, }", shape)
	pad := 64 - (10+len(h)+1)%64
	h += strings.Repeat(" ", pad%64) + "\n"
	var b bytes.Buffer
	b.WriteString("\x93NUMPY\x01\x00")
	binary.Write(&b, binary.LittleEndian, uint16(len(h)))
	b.WriteString(h)
	binary.Write(&b, binary.LittleEndian, vals)
	return b.Bytes()
}

func gz(b []byte) []byte {
	var z bytes.Buffer
	w := gzip.NewWriter(&z)
	w.Write(b)
	w.Close()
	return z.Bytes()
}

// corruptions damage a file's bytes; each says what it did.
var corruptions = []struct {
	name string
	fn   func(rng *rand.Rand, b []byte) []byte
}{
	{"truncated", func(rng *rand.Rand, b []byte) []byte { return b[:rng.IntN(len(b)+1)] }},
	{"bit flips", func(rng *rand.Rand, b []byte) []byte {
		b = bytes.Clone(b)
		for range 1 + rng.IntN(8) {
			if len(b) > 0 {
				b[rng.IntN(len(b))] ^= byte(1 << rng.IntN(8))
			}
		}
		return b
	}},
	{"junk inserted", func(rng *rand.Rand, b []byte) []byte {
		at := rng.IntN(len(b) + 1)
		junk := make([]byte, 1+rng.IntN(64))
		for i := range junk {
			junk[i] = byte(rng.IntN(256))
		}
		return append(append(bytes.Clone(b[:at]), junk...), b[at:]...)
	}},
	{"cell replaced", func(rng *rand.Rand, b []byte) []byte {
		bad := []string{"NaN", "", "1e999", "-inf", "abc", "\"", "1,2", "0x1p-2", "\x00"}
		lines := strings.Split(string(b), "\n")
		if len(lines) < 3 {
			return b
		}
		i := 1 + rng.IntN(len(lines)-2)
		cells := strings.Split(lines[i], ",")
		cells[rng.IntN(len(cells))] = bad[rng.IntN(len(bad))]
		lines[i] = strings.Join(cells, ",")
		return []byte(strings.Join(lines, "\n"))
	}},
	{"row dropped a field", func(rng *rand.Rand, b []byte) []byte {
		lines := strings.Split(string(b), "\n")
		if len(lines) < 3 {
			return b
		}
		i := 1 + rng.IntN(len(lines)-2)
		if j := strings.LastIndexAny(lines[i], ",\t "); j >= 0 {
			lines[i] = lines[i][:j]
		}
		return []byte(strings.Join(lines, "\n"))
	}},
	{"header renamed", func(rng *rand.Rand, b []byte) []byte {
		names := []string{"x0", "", "y", "a\x1bb", "é", "\"q\"", "x0 x1"}
		i := bytes.IndexAny(b, ",\t\n")
		if i < 0 {
			return b
		}
		return append([]byte(names[rng.IntN(len(names))]), b[i:]...)
	}},
	{"absurd NPY shape", func(rng *rand.Rand, b []byte) []byte {
		shapes := []string{"(3, 200000000)", "(2000000000, 2)", "(-1, 3)", "(4,)", "(0, 3)", "(3, 3, 3)", "()"}
		return npyFile(shapes[rng.IntN(len(shapes))], []float64{1, 2, 3, 4, 5, 6})
	}},
	{"empty", func(*rand.Rand, []byte) []byte { return nil }},
	{"gzip truncated", func(rng *rand.Rand, b []byte) []byte {
		z := gz(b)
		return z[:rng.IntN(len(z))]
	}},
}
