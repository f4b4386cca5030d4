// Package atomicfile writes result files so that a reader (or a crash) never
// sees half of one: the content goes to a temporary file in the same
// directory, is flushed to disk, and is then renamed over the target, which
// POSIX makes atomic; last the directory is synced, so that the rename
// itself survives a crash. On any error or panic before the rename the
// target is left as it was and the temporary file is removed.
package atomicfile

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Write creates or replaces path with what fill writes. fill gets a buffered
// writer; Write flushes it, syncs, and renames. If fill (or any step) fails
// or panics, the temporary file is removed and the old content of path
// survives; a panic then goes on to the caller unchanged. Only a failure to
// sync the directory comes after the rename: the new content is in place
// but might not survive a crash.
// The new file gets mode 0644 (before umask), or the old file's mode when
// path already exists.
func Write(path string, fill func(w io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp*")
	if err != nil {
		return fmt.Errorf("atomicfile: %w", err)
	}
	// Not an err check: a panicking fill returns no error, and its
	// temporary file must go too. No recover, so the panic keeps its stack.
	renamed := false
	defer func() {
		if !renamed {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	mode := os.FileMode(0o644)
	if st, statErr := os.Stat(path); statErr == nil {
		mode = st.Mode().Perm()
	}
	if err = tmp.Chmod(mode); err != nil {
		return fmt.Errorf("atomicfile: %w", err)
	}
	bw := bufio.NewWriter(tmp)
	if err = fill(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("atomicfile: writing %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("atomicfile: syncing %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("atomicfile: closing %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("atomicfile: %w", err)
	}
	renamed = true
	return syncParent(dir, path)
}

// syncParent syncs dir after path was renamed into it.
func syncParent(dir, path string) error {
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("atomicfile: syncing the directory of %s: %w", path, err)
	}
	return nil
}

// WriteBytes is Write for content already in memory.
func WriteBytes(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}
