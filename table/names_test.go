package table

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/internal/inputerr"
)

// Column names with control characters (a quoted newline, a terminal
// escape) are refused in the header and in an NPY names sidecar, naming
// the file, line and column: they would forge lines of output and of the
// one-line error messages.
func TestColumnNamesWithoutControlCharacters(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"\"a\nb\",c\n1,2\n3,4\n", "fuzz:1:1: column name holds a control character (U+000A)"},
		{"x,\"\x1b[2Jy\"\n1,2\n3,4\n", "fuzz:1:2: column name holds a control character (U+001B)"},
		{"x,y\xff\n1,2\n3,4\n", "fuzz:1:2: column name is not valid UTF-8"},
	} {
		_, err := Read(strings.NewReader(c.src), "fuzz", Options{})
		if !inputerr.Is(err) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %q", c.src, err, c.want)
		}
	}
	p := filepath.Join(t.TempDir(), "d.npy")
	if err := os.WriteFile(p, []byte(npyBytes(t, "<f8", false, []int{2, 2}, []float64{1, 2, 3, 5})), 0o644); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(p+".names", []byte("a\nb\x07\n"), 0o644)
	if _, err := Load(p, Options{}); !inputerr.Is(err) || !strings.Contains(err.Error(), "d.npy.names: column name 2 holds a control character (U+0007)") {
		t.Errorf("sidecar: %v", err)
	}
}

// FuzzNPYSidecar: any names sidecar beside a valid NPY file gives a table
// whose names are one per column, valid and unique, or an input error.
func FuzzNPYSidecar(f *testing.F) {
	f.Add([]byte("mass\r\nradius\r\nforce\r\n"))
	f.Add([]byte("\ufeffa, b ,c"))
	f.Add([]byte("a\n\nb\n"))
	f.Add([]byte("a,a,b"))
	npy := []byte(npyBytes(f, "<f8", false, []int{2, 3}, []float64{1, 2, 3, 4, 5, 7}))
	f.Fuzz(func(t *testing.T, names []byte) {
		p := filepath.Join(t.TempDir(), "d.npy")
		if err := os.WriteFile(p, npy, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p+".names", names, 0o644); err != nil {
			t.Fatal(err)
		}
		tb, err := Load(p, Options{})
		if err != nil {
			if !inputerr.Is(err) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("not a one-line input error: %q", err)
			}
			return
		}
		all := append([]string{tb.Target}, tb.Features...)
		seen := map[string]bool{}
		for _, n := range all {
			if badName(n) != "" || n == "" || seen[n] {
				t.Fatalf("names %q", all)
			}
			seen[n] = true
		}
		if len(all) != 3 {
			t.Fatalf("names %q for 3 columns", all)
		}
	})
}
