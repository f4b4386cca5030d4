package table

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
)

// BenchmarkReadCSV measures parsing a 100,000 × 11 numeric CSV held in
// memory (about 10 MB): go test ./table -run '^$' -bench ReadCSV
func BenchmarkReadCSV(b *testing.B) {
	var buf bytes.Buffer
	rng := rand.New(rand.NewPCG(1, 2))
	buf.WriteString("x0,x1,x2,x3,x4,x5,x6,x7,x8,x9,y\n")
	for range 100000 {
		for j := range 11 {
			if j > 0 {
				buf.WriteByte(',')
			}
			fmt.Fprintf(&buf, "%.6g", rng.NormFloat64())
		}
		buf.WriteByte('\n')
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		tb, err := Read(bytes.NewReader(data), "bench.csv", Options{})
		if err != nil || tb.Rows != 100000 {
			b.Fatal(err)
		}
	}
}
