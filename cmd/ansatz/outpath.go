package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/ansatz/ansatz/internal/inputerr"
)

// checkOut fails early, as an input error naming the flag, when a result
// file could not be written at path: its directory is missing or path is
// a directory. Verbs call it before any long work (training, pruning), so a
// typo in --out costs nothing and leaves nothing behind.
func checkOut(flag, path string) error {
	if path == "" {
		return nil
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return inputerr.New("%s %s: is a directory, not a file", flag, path)
	}
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	if err != nil {
		return inputerr.New("%s %s: directory %s does not exist", flag, path, dir)
	}
	if !st.IsDir() {
		return inputerr.New("%s %s: %s is not a directory", flag, path, dir)
	}
	return nil
}

// fromFlag prefixes a bad-input error with the flag that gave the input
// (libraries name files, not flags); other errors pass unchanged.
func fromFlag(flag string, err error) error {
	if err != nil && inputerr.Is(err) {
		return fmt.Errorf("%s: %w", flag, err)
	}
	return err
}
