package table

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/ansatz/ansatz/internal/inputerr"
)

var (
	gzipMagic = []byte{0x1f, 0x8b}
	npyMagic  = []byte("\x93NUMPY")
)

// Load reads the table at path ("-" is standard input) with the given
// options. For NPY files it also reads the names sidecar path+".names".
// Errors about the content or the options, and a missing or unreadable
// file, are inputerr errors naming the file; other I/O failures are
// ordinary errors.
func Load(path string, opt Options) (*Table, error) {
	var r io.Reader = os.Stdin
	size := int64(-1) // unknown: standard input, a pipe, a device
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) || errors.Is(err, os.ErrPermission) {
				return nil, inputerr.At(path, 0, 0, "cannot open: %v", unwrapPath(err))
			}
			return nil, err
		}
		defer f.Close()
		st, err := f.Stat()
		if err == nil && st.IsDir() {
			return nil, inputerr.At(path, 0, 0, "is a directory, not a table")
		}
		if err == nil && st.Mode().IsRegular() {
			size = st.Size()
		}
		r = f
	}
	return read(r, path, size, opt, func(n int) ([]string, error) { return npySidecar(path, n) })
}

// Read reads a table from r; name is used in messages only. NPY columns
// are named x0, x1, ... (no sidecar).
func Read(r io.Reader, name string, opt Options) (*Table, error) {
	return read(r, name, -1, opt, nil)
}

// read sniffs compression and format, then hands over to the reader for
// that format. size is the file's length in bytes, or -1 when unknown; a
// reader checks the sizes a file declares against it before allocating.
// names, when not nil, supplies NPY column names.
func read(r io.Reader, name string, size int64, opt Options, names func(int) ([]string, error)) (*Table, error) {
	in := &countingReader{r: r}
	br := bufio.NewReaderSize(in, 1<<16)
	head, err := br.Peek(len(npyMagic))
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if bytes.HasPrefix(head, gzipMagic) {
		zr, err := gunzip(br, in, name)
		if err != nil {
			return nil, err
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 1<<16)
		size = -1 // the decompressed length is known only at the end
		head, err = br.Peek(len(npyMagic))
		if err != nil && err != io.EOF {
			return nil, inputerr.At(name, 0, 0, "bad gzip data: %v", err)
		}
	}
	if len(head) == 0 {
		return nil, inputerr.At(name, 0, 0, "empty file")
	}
	if bytes.Equal(head, npyMagic) {
		return readNPY(br, name, size, opt, names)
	}
	return readText(br, name, opt)
}

// unwrapPath drops the "open <path>:" prefix of a *PathError, since the
// message names the file already.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// readError turns a failure of the underlying reader (gzip checksum,
// truncated stream, I/O) into an error naming the file. Corrupt
// compressed data is the user's input; other I/O failures are not.
func readError(name string, line int, err error) error {
	if inputerr.Is(err) { // the gzip expansion guard: already says where
		return err
	}
	if errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) ||
		errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "flate") {
		return inputerr.At(name, line, 0, "corrupt or truncated data: %v", err)
	}
	return fmt.Errorf("%s:%d: reading: %w", name, line, err)
}
