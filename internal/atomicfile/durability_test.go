package atomicfile

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestWritePanicRemovesTemp: a writer that panics leaves neither a
// temporary file nor a changed target, and the panic reaches the caller
// unchanged.
func TestWritePanicRemovesTemp(t *testing.T) {
	p := filepath.Join(t.TempDir(), "out.txt")
	if err := WriteBytes(p, []byte("old")); err != nil {
		t.Fatal(err)
	}
	type boom struct{}
	func() {
		defer func() {
			if r := recover(); r != (boom{}) {
				t.Fatalf("recovered %v, want the writer's own panic", r)
			}
		}()
		Write(p, func(w io.Writer) error {
			io.WriteString(w, "half")
			panic(boom{})
		})
	}()
	if got, _ := os.ReadFile(p); string(got) != "old" {
		t.Fatalf("content = %q after a panicking writer, want \"old\"", got)
	}
	assertNoTemp(t, filepath.Dir(p))
}

// TestRenameIsSynced: once the temporary file is renamed over the target,
// the directory is synced too (the rename lives in the directory, and
// without this a crash can lose it), for Write and for Pending.
func TestRenameIsSynced(t *testing.T) {
	defer func(f func(string) error) { syncDir = f }(syncDir)
	dir := t.TempDir()
	p := filepath.Join(dir, "out.txt")
	var synced []string
	want := "one"
	syncDir = func(d string) error {
		if got, err := os.ReadFile(p); err != nil || string(got) != want {
			t.Errorf("directory synced before the rename (target: %q, %v; want %q)", got, err, want)
		}
		synced = append(synced, d)
		return nil
	}
	if err := WriteBytes(p, []byte("one")); err != nil {
		t.Fatal(err)
	}
	f, err := Create(p)
	if err != nil {
		t.Fatal(err)
	}
	want = "two"
	io.WriteString(f, "two")
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if len(synced) != 2 || filepath.Clean(synced[0]) != dir || filepath.Clean(synced[1]) != dir {
		t.Fatalf("synced %q, want %q twice", synced, dir)
	}
}

// TestSyncDirReal: the real directory sync works where the tests run.
func TestSyncDirReal(t *testing.T) {
	if err := syncDir(t.TempDir()); err != nil {
		t.Fatal(err)
	}
}
