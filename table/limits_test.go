package table

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/internal/memtest"
)

// gzipped compresses s.
func gzipped(t testing.TB, s string) []byte {
	t.Helper()
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return z.Bytes()
}

// TestNPYDeclaredSizes: an NPY header promising more than the file holds
// is refused with one line naming the file and the header field, and
// without allocating anything like what the header declares. The first
// case is the 200-byte file that used to make `ansatz search` grow to
// 5.4 GB.
func TestNPYDeclaredSizes(t *testing.T) {
	const limit = 16 << 20 // far below any allocation the shapes below declare
	npy := func(shape []int, data int) string {
		return npyBytes(t, "<f8", false, shape, nil) + strings.Repeat("\x00", data)
	}
	huge := npy([]int{3, 200000000}, 23)
	cases := []struct {
		name, content string
		gzip          bool
		want          string
	}{
		{"shape beyond the file", huge, false, "NPY header shape: declares 600000000 values (8 bytes each) but the file holds 23 bytes of data"},
		{"shape beyond the gzip stream", huge, true, "NPY data truncated"},
		{"no rows, many columns", npy([]int{0, 200000000}, 0), false, "NPY header shape: the array has no rows"},
		{"no rows, many columns, gzip", npy([]int{0, 200000000}, 0), true, "NPY header shape: the array has no rows"},
		{"short data", npy([]int{2, 2}, 31), false, "declares 4 values (8 bytes each) but the file holds 31 bytes of data"},
		{"long data", npy([]int{2, 2}, 33), false, "declares 4 values (8 bytes each) but the file holds 33 bytes of data"},
		{"long data, gzip", npy([]int{2, 2}, 33), true, "NPY file has data past the shape (2, 2)"},
		{"header length beyond the file", func() string {
			b := []byte(npy([]int{2, 2}, 32))
			binary.LittleEndian.PutUint16(b[8:], 60000)
			return string(b)
		}(), false, "NPY header length: declares 60000 bytes but the file holds"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "data.npy")
			content := []byte(c.content)
			if c.gzip {
				content = gzipped(t, c.content)
			}
			if err := os.WriteFile(p, content, 0o644); err != nil {
				t.Fatal(err)
			}
			var err error
			if n := memtest.Allocated(func() { _, err = Load(p, Options{}) }); n > limit {
				t.Errorf("allocated %d MB before refusing the file", n>>20)
			}
			if err == nil || !inputerr.Is(err) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("err = %v, want a one-line input error", err)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, p+": ") || !strings.Contains(msg, c.want) {
				t.Errorf("err = %q, want %q naming the file", msg, c.want)
			}
		})
	}
}

// TestGzipExpansionGuard: a gzip stream that expands far beyond what
// tables do is refused once past the floor; an ordinary one (ratio of a
// few) of the same decompressed size loads.
func TestGzipExpansionGuard(t *testing.T) {
	defer func(f int64) { gzipFloor = f }(gzipFloor)
	gzipFloor = 256 << 10
	var bomb, plain strings.Builder
	bomb.WriteString("a,y\n")
	plain.WriteString("a,y\n")
	for i := 0; bomb.Len() < 1<<20; i++ {
		bomb.WriteString("0,1\n")
		fmt.Fprintf(&plain, "%d,%d\n", i, i*7919%10007)
	}
	_, err := Read(bytes.NewReader(gzipped(t, bomb.String())), "bomb.csv.gz", Options{})
	if err == nil || !inputerr.Is(err) || !strings.HasPrefix(err.Error(), "bomb.csv.gz: gzip data: ") ||
		!strings.Contains(err.Error(), "decompress the file to load it") {
		t.Fatalf("bomb: err = %v, want a one-line input error about the gzip data", err)
	}
	tb, err := Read(bytes.NewReader(gzipped(t, plain.String())), "plain.csv.gz", Options{})
	if err != nil || tb.Rows < 1<<16 {
		t.Fatalf("plain: %v", err)
	}
}

// TestNPYSidecarSize: a names sidecar far longer than names for the
// array's columns can be is refused without reading it all.
func TestNPYSidecarSize(t *testing.T) {
	p := filepath.Join(t.TempDir(), "d.npy")
	if err := os.WriteFile(p, []byte(npyBytes(t, "<f8", false, []int{2, 2}, []float64{1, 2, 3, 4})), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p+".names", bytes.Repeat([]byte("a"), 1<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(p, Options{})
	if err == nil || !inputerr.Is(err) || !strings.HasPrefix(err.Error(), p+".names: larger than ") {
		t.Fatalf("err = %v, want an input error naming the sidecar", err)
	}
}
