package atomicfile

import (
	"fmt"
	"os"
	"path/filepath"
)

// Pending is a file being written in place of path, for output that is
// streamed over time (a CPU profile, a trace, a checkpoint log) rather
// than produced by one callback. Nothing appears at path until Commit.
type Pending struct {
	*os.File
	path string
	done bool
}

// Create starts writing a replacement for path in a temporary file in the
// same directory.
func Create(path string) (*Pending, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp*")
	if err != nil {
		return nil, fmt.Errorf("atomicfile: %w", err)
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, fmt.Errorf("atomicfile: %w", err)
	}
	return &Pending{File: f, path: path}, nil
}

// Commit syncs and closes the temporary file, renames it over path and
// syncs the directory. After a failed Commit the temporary file is gone
// and path is untouched, unless only the directory sync failed.
func (p *Pending) Commit() error {
	if p.done {
		return fmt.Errorf("atomicfile: %s already committed or aborted", p.path)
	}
	p.done = true
	err := p.Sync()
	if cerr := p.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(p.Name(), p.path)
	}
	if err != nil {
		os.Remove(p.Name())
		return fmt.Errorf("atomicfile: writing %s: %w", p.path, err)
	}
	return syncParent(filepath.Dir(p.path), p.path)
}

// Abort discards the temporary file; path is untouched. It is safe to call
// after Commit (it then does nothing), so `defer p.Abort()` is the idiom.
func (p *Pending) Abort() {
	if p.done {
		return
	}
	p.done = true
	p.Close()
	os.Remove(p.Name())
}
