package table

import (
	"bufio"
	"compress/gzip"
	"io"

	"github.com/ansatz/ansatz/internal/inputerr"
)

// Deflate can expand data about a thousandfold, so a small gzip file can
// hold gigabytes of zeros (a "gzip bomb") that would all be parsed into
// memory. Real tables compress 3-10 fold (the PMLB files: 4-5). A stream
// may expand past gzipFloor bytes only while it stays under gzipRatio
// times the compressed bytes read so far; beyond that it is refused, and
// the message says how to load such a file anyway (decompressed, where
// its size is plain to see). Variables only so tests can lower them.
var (
	gzipFloor int64 = 16 << 20
	gzipRatio int64 = 250
)

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// expansionGuard passes on decompressed bytes and fails once they exceed
// the limits above relative to the compressed bytes in.n.
type expansionGuard struct {
	*gzip.Reader
	in   *countingReader
	out  int64
	name string
}

// gunzip opens the gzip stream in br, whose bytes are counted by in.
func gunzip(br *bufio.Reader, in *countingReader, name string) (*expansionGuard, error) {
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, inputerr.At(name, 0, 0, "bad gzip data: %v", err)
	}
	return &expansionGuard{Reader: zr, in: in, name: name}, nil
}

func (g *expansionGuard) Read(p []byte) (int, error) {
	n, err := g.Reader.Read(p)
	g.out += int64(n)
	if g.out > gzipFloor && g.out > gzipRatio*g.in.n {
		return n, inputerr.At(g.name, 0, 0,
			"gzip data: %d compressed bytes expand to more than %d MB (over %d-fold); refusing a likely gzip bomb (decompress the file to load it)",
			g.in.n, g.out>>20, gzipRatio)
	}
	return n, err
}
