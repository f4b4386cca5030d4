package table

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/ansatz/ansatz/internal/inputerr"
)

// npyHeader is what the NPY header dictionary says about the array.
type npyHeader struct {
	size    int // bytes per value: 4 or 8
	order   binary.ByteOrder
	fortran bool
	rows    int
	cols    int
}

var (
	npyDescr   = regexp.MustCompile(`'descr'\s*:\s*'([<>|=])f([48])'`)
	npyFortran = regexp.MustCompile(`'fortran_order'\s*:\s*(True|False)`)
	npyShape   = regexp.MustCompile(`'shape'\s*:\s*\(\s*([0-9, ]*)\)`)
)

// readNPY loads a 2-D float32/float64 .npy array (format versions 1-3).
// size is the file's length, or -1 when unknown (gzip, a pipe).
func readNPY(br *bufio.Reader, name string, size int64, opt Options, sidecar func(int) ([]string, error)) (*Table, error) {
	h, err := readNPYHeader(br, name, size)
	if err != nil {
		return nil, err
	}
	// The data come before anything sized by the column count: reading
	// them allocates only as bytes arrive, so a header declaring 10⁹
	// columns over a few bytes of stream fails here, not in make.
	all, err := readNPYData(br, name, h)
	if err != nil {
		return nil, err
	}
	names := make([]string, h.cols)
	for j := range names {
		names[j] = "x" + strconv.Itoa(j)
	}
	if sidecar != nil {
		s, err := sidecar(h.cols)
		if err != nil {
			return nil, err
		}
		if s != nil {
			names = s
		}
	}
	hd := header{file: name, names: names, kinds: make([]kind, h.cols), firstCell: make([]string, h.cols)}
	p, err := makePlan(hd, opt)
	if err != nil {
		return nil, err
	}
	// all is column-major now; pick the used columns and drop rows with
	// non-finite values in them.
	used := p.used()
	keep := make([]bool, h.rows)
	rows := 0
	for i := range keep {
		keep[i] = true
		for _, j := range used {
			v := all[j*h.rows+i]
			if math.IsNaN(v) || math.IsInf(v, 0) {
				if !opt.DropNonFinite {
					return nil, inputerr.At(name, 0, 0, "row %d, column %q: %s (--drop-nonfinite drops such rows)",
						i+1, names[j], nonFinite(v, false))
				}
				keep[i] = false
			}
		}
		if keep[i] {
			rows++
		}
	}
	cols := make([][]float64, len(used))
	for k, j := range used {
		src := all[j*h.rows : (j+1)*h.rows]
		if rows == h.rows {
			cols[k] = src
			continue
		}
		col := make([]float64, 0, rows)
		for i, v := range src {
			if keep[i] {
				col = append(col, v)
			}
		}
		cols[k] = col
	}
	return finish(hd, p, cols, rows, h.rows-rows, opt)
}

// readNPYHeader reads the magic, version, header length and header
// dictionary. When the file's size is known (>= 0), the header length and
// the data the shape declares must fit it exactly.
func readNPYHeader(br *bufio.Reader, name string, size int64) (npyHeader, error) {
	// bad names the header field at fault ("" for the header as a whole).
	bad := func(field, format string, args ...any) error {
		return inputerr.At(name, 0, 0, strings.TrimSpace("NPY header "+field)+": "+format, args...)
	}
	pre := make([]byte, len(npyMagic)+2)
	if _, err := io.ReadFull(br, pre); err != nil {
		return npyHeader{}, bad("", "truncated")
	}
	var hlen int
	switch pre[len(npyMagic)] {
	case 1:
		var b [2]byte
		if _, err := io.ReadFull(br, b[:]); err != nil {
			return npyHeader{}, bad("", "truncated")
		}
		hlen = int(binary.LittleEndian.Uint16(b[:]))
	case 2, 3:
		var b [4]byte
		if _, err := io.ReadFull(br, b[:]); err != nil {
			return npyHeader{}, bad("", "truncated")
		}
		hlen = int(binary.LittleEndian.Uint32(b[:]))
	default:
		return npyHeader{}, bad("", "unsupported format version %d", pre[len(npyMagic)])
	}
	used := int64(len(pre) + 2)
	if pre[len(npyMagic)] != 1 {
		used += 2
	}
	if size >= 0 && int64(hlen) > size-used {
		return npyHeader{}, bad("length", "declares %d bytes but the file holds %d after the prefix", hlen, size-used)
	}
	if hlen > 1<<20 {
		return npyHeader{}, bad("length", "%d bytes is implausible", hlen)
	}
	hb := make([]byte, hlen)
	if _, err := io.ReadFull(br, hb); err != nil {
		return npyHeader{}, bad("", "truncated")
	}
	dict := string(hb)
	var h npyHeader
	m := npyDescr.FindStringSubmatch(dict)
	if m == nil {
		return h, bad("dtype", "must be float32 or float64 ('<f4', '<f8'), header is %q", short(strings.TrimSpace(dict)))
	}
	h.order = binary.LittleEndian
	if m[1] == ">" {
		h.order = binary.BigEndian
	}
	h.size = int(m[2][0] - '0')
	if f := npyFortran.FindStringSubmatch(dict); f == nil {
		return h, bad("", "no fortran_order")
	} else {
		h.fortran = f[1] == "True"
	}
	s := npyShape.FindStringSubmatch(dict)
	if s == nil {
		return h, bad("", "no shape")
	}
	var dims []int
	for _, d := range strings.Split(s[1], ",") {
		if d = strings.TrimSpace(d); d == "" {
			continue
		}
		n, err := strconv.Atoi(d)
		if err != nil || n > math.MaxInt32 {
			return h, bad("shape", "(%s) is not a list of sizes", s[1])
		}
		dims = append(dims, n)
	}
	if len(dims) != 2 {
		return h, bad("shape", "array has %d dimensions; want 2 (rows, columns)", len(dims))
	}
	h.rows, h.cols = dims[0], dims[1]
	switch {
	case h.cols == 0:
		return h, bad("shape", "the array has no columns")
	case h.rows == 0:
		return h, bad("shape", "the array has no rows")
	}
	// rows·cols < 2⁶², so the count cannot overflow; the byte count can,
	// hence the comparison by division.
	if data := size - used - int64(hlen); size >= 0 && (data%int64(h.size) != 0 || int64(h.rows)*int64(h.cols) != data/int64(h.size)) {
		return h, bad("shape", "declares %d values (%d bytes each) but the file holds %d bytes of data", h.rows*h.cols, h.size, data)
	}
	return h, nil
}

// readNPYData reads rows*cols values and returns them column-major. It
// grows the slice as data arrives rather than trusting the header's
// shape for one big allocation.
func readNPYData(br *bufio.Reader, name string, h npyHeader) ([]float64, error) {
	n := h.rows * h.cols
	vals := make([]float64, 0, min(n, 1<<16))
	buf := make([]byte, h.size*4096)
	for len(vals) < n {
		want := min(len(buf), (n-len(vals))*h.size)
		if _, err := io.ReadFull(br, buf[:want]); err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				return nil, inputerr.At(name, 0, 0, "NPY data truncated: shape (%d, %d) needs %d values", h.rows, h.cols, n)
			}
			return nil, readError(name, 0, err)
		}
		for b := buf[:want]; len(b) > 0; b = b[h.size:] {
			if h.size == 4 {
				vals = append(vals, float64(math.Float32frombits(h.order.Uint32(b))))
			} else {
				vals = append(vals, math.Float64frombits(h.order.Uint64(b)))
			}
		}
	}
	if _, err := br.ReadByte(); err == nil {
		return nil, inputerr.At(name, 0, 0, "NPY file has data past the shape (%d, %d)", h.rows, h.cols)
	}
	if h.fortran {
		return vals, nil
	}
	cm := make([]float64, n)
	for i := 0; i < h.rows; i++ {
		for j := 0; j < h.cols; j++ {
			cm[j*h.rows+i] = vals[i*h.cols+j]
		}
	}
	return cm, nil
}

// maxNameBytes bounds the bytes per column a names sidecar may hold.
const maxNameBytes = 4 << 10

// npySidecar reads column names from path+".names": one per line, or one
// comma-separated line. It returns nil names when there is no sidecar.
func npySidecar(path string, cols int) ([]string, error) {
	if path == "-" {
		return nil, nil
	}
	sc := path + ".names"
	f, err := os.Open(sc)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, inputerr.At(sc, 0, 0, "cannot read: %v", unwrapPath(err))
	}
	defer f.Close()
	// Read no more than names for cols columns can need, so a wrong file
	// (a device, the data itself) fails fast.
	limit := int64(cols)*maxNameBytes + 64<<10
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, inputerr.At(sc, 0, 0, "cannot read: %v", unwrapPath(err))
	}
	if int64(len(b)) > limit {
		return nil, inputerr.At(sc, 0, 0, "larger than %d bytes: too long for the names of %d columns", limit, cols)
	}
	s := strings.TrimPrefix(strings.ReplaceAll(string(b), "\r\n", "\n"), string(utf8BOM))
	s = strings.TrimRight(s, "\n")
	sepr := "\n"
	if !strings.Contains(s, "\n") {
		sepr = ","
	}
	names := strings.Split(s, sepr)
	for i := range names {
		names[i] = strings.TrimSpace(names[i])
		if names[i] == "" {
			return nil, inputerr.At(sc, 0, 0, "column name %d is empty", i+1)
		}
		if msg := badName(names[i]); msg != "" {
			return nil, inputerr.At(sc, 0, 0, "column name %d %s", i+1, msg)
		}
	}
	if len(names) != cols {
		return nil, inputerr.At(sc, 0, 0, "has %d names, the array has %d columns", len(names), cols)
	}
	return names, nil
}
