package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteCreatesAndReplaces(t *testing.T) {
	p := filepath.Join(t.TempDir(), "out.json")
	if err := WriteBytes(p, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := WriteBytes(p, []byte("two")); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(p)
	if err != nil || string(got) != "two" {
		t.Fatalf("got %q, %v; want \"two\"", got, err)
	}
	assertNoTemp(t, filepath.Dir(p))
}

func TestWriteFailureKeepsOld(t *testing.T) {
	p := filepath.Join(t.TempDir(), "out.txt")
	if err := WriteBytes(p, []byte("old")); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := Write(p, func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	got, _ := os.ReadFile(p)
	if string(got) != "old" {
		t.Fatalf("content = %q after failed write, want \"old\"", got)
	}
	assertNoTemp(t, filepath.Dir(p))
}

func TestWriteKeepsMode(t *testing.T) {
	p := filepath.Join(t.TempDir(), "x")
	if err := os.WriteFile(p, []byte("a"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteBytes(p, []byte("b")); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(p)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("mode = %v, %v; want 0600", st.Mode().Perm(), err)
	}
}

func TestWriteMissingDir(t *testing.T) {
	p := filepath.Join(t.TempDir(), "no", "such", "dir", "f")
	if err := WriteBytes(p, []byte("x")); err == nil {
		t.Fatal("want error for missing directory")
	}
}

func assertNoTemp(t *testing.T, dir string) {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Fatalf("directory holds %v, want only the target", names)
	}
}

func TestPending(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "stream.log")
	f, err := Create(p)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(f, "line 1\n")
	if _, err := os.Stat(p); !os.IsNotExist(err) {
		t.Fatal("target exists before Commit")
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	f.Abort() // no-op after Commit
	if got, _ := os.ReadFile(p); string(got) != "line 1\n" {
		t.Fatalf("content %q", got)
	}
	g, err := Create(p)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(g, "discarded")
	g.Abort()
	if got, _ := os.ReadFile(p); string(got) != "line 1\n" {
		t.Fatalf("content after Abort %q", got)
	}
	assertNoTemp(t, dir)
}
