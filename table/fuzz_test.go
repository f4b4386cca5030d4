package table

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/internal/memtest"
)

// FuzzRead feeds arbitrary bytes to the reader: it must never panic, every
// error must be an input error, and every table it returns must satisfy
// the package's promises.
//
//	go test ./table -run '^$' -fuzz FuzzRead -fuzztime 1m
func FuzzRead(f *testing.F) {
	seeds := []string{
		"a,b\n1,2\n3,4\n", "\xef\xbb\xbfa,b\r\n1,2\r\n3,5\r\n,\r\n", "a\tb\n1\t2\n2\t1\n",
		"a b\n1 2\n3 4\n", ",id,y\n0,x,1\n1,y,2\n", "a,b\n1,\"2\"\n3,NA\n", "a,a\n1,2\n",
		"x;y\n1;2\n2;9\n", npyBytes(f, "<f8", false, []int{2, 2}, []float64{1, 2, 3, 4}),
		npyBytes(f, "<f4", true, []int{3, 2}, []float64{1, 2, 3, 4, 5, 6}),
	}
	for _, name := range []string{"bom_crlf.csv", "gzipped.data", "blanks.txt", "ragged.csv"} {
		if b, err := os.ReadFile(fixture(name)); err == nil {
			seeds = append(seeds, string(b))
		}
	}
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write([]byte(seeds[0]))
	zw.Close()
	seeds = append(seeds, z.String())
	for i, s := range seeds {
		f.Add([]byte(s), i%3 == 0, i%2 == 0)
	}
	f.Fuzz(func(t *testing.T, data []byte, drop, predict bool) {
		tb, err := Read(bytes.NewReader(data), "fuzz", Options{DropNonFinite: drop, Predict: predict})
		if err != nil {
			if tb != nil {
				t.Fatal("table and error")
			}
			if !inputerr.Is(err) {
				t.Fatalf("not an input error: %v", err)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("multi-line error: %q", err)
			}
			return
		}
		if tb.Rows < 1 || (!predict && tb.Rows < 2) || tb.Cols() < 1 {
			t.Fatalf("rows %d cols %d", tb.Rows, tb.Cols())
		}
		for _, n := range append([]string{tb.Target}, tb.Features...) {
			if msg := badName(n); msg != "" {
				t.Fatalf("column name %q %s", n, msg)
			}
		}
		if len(tb.ColMajor64()) != tb.Rows*tb.Cols() {
			t.Fatal("block size")
		}
		check := func(col []float64) {
			if len(col) != tb.Rows {
				t.Fatalf("column length %d, rows %d", len(col), tb.Rows)
			}
			for _, v := range col {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("non-finite value loaded")
				}
			}
		}
		for _, c := range tb.X {
			check(c)
		}
		if tb.Y != nil {
			check(tb.Y)
		}
		if !predict && (tb.Y == nil || constant(tb.Y)) {
			t.Fatal("fitting table without a varying target")
		}
	})
}

// FuzzReadNPY builds NPY files around a fuzzed header dictionary and data
// bytes, read with the file's length known (as Load knows it) and as a
// stream (stdin, gzip). Besides FuzzRead's promises, the reader must not
// allocate more than a fixed amount plus a small multiple of the input:
// whatever shape the header declares, memory follows the bytes present.
//
//	go test ./table -run '^$' -fuzz FuzzReadNPY -fuzztime 1m
func FuzzReadNPY(f *testing.F) {
	f.Add("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }", byte(1), make([]byte, 32), true)
	f.Add("{'descr': '>f4', 'fortran_order': True, 'shape': (3, 1), }", byte(2), make([]byte, 12), false)
	f.Add("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 200000000), }", byte(1), make([]byte, 23), true)
	f.Add("{'descr': '<f4', 'fortran_order': False, 'shape': (0, 200000000), }", byte(3), []byte{}, false)
	f.Fuzz(func(t *testing.T, dict string, version byte, data []byte, sized bool) {
		b := []byte("\x93NUMPY")
		b = append(b, version, 0)
		if version == 1 {
			b = binary.LittleEndian.AppendUint16(b, uint16(len(dict)))
		} else {
			b = binary.LittleEndian.AppendUint32(b, uint32(len(dict)))
		}
		b = append(append(b, dict...), data...)
		size := int64(-1)
		if sized {
			size = int64(len(b))
		}
		var (
			tb  *Table
			err error
		)
		limit := uint64(4<<20 + 128*len(b))
		if n := memtest.Allocated(func() { tb, err = read(bytes.NewReader(b), "fuzz.npy", size, Options{}, nil) }); n > limit {
			t.Fatalf("allocated %d bytes for a %d-byte file", n, len(b))
		}
		if err != nil {
			if tb != nil || !inputerr.Is(err) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("table %v, error %v: want no table and a one-line input error", tb != nil, err)
			}
			return
		}
		if tb.Rows < 2 || len(tb.ColMajor64()) != tb.Rows*tb.Cols() || len(tb.Y) != tb.Rows {
			t.Fatalf("rows %d cols %d block %d y %d", tb.Rows, tb.Cols(), len(tb.ColMajor64()), len(tb.Y))
		}
	})
}
