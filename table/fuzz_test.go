package table

import (
	"bytes"
	"compress/gzip"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/internal/inputerr"
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
