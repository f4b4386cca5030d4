package model

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"

	"github.com/ansatz/ansatz/internal/inputerr"
)

// Load reads a model file. A missing, corrupt, truncated or unknown file is
// a bad-input error naming the file. The lengths the file declares are
// checked against its size before the rest is read, so a wrong file (the
// data table, a device) fails after a few bytes, not after reading it all.
func Load(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, inputerr.At(path, 0, 0, "cannot read model: %v", err)
	}
	defer f.Close()
	size := int64(-1) // unknown for a pipe or a device
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}
	data, err := readFile(f, size)
	if err == nil {
		var m *Model
		if m, err = Unmarshal(data); err == nil {
			return m, nil
		}
	}
	return nil, inputerr.At(path, 0, 0, "%v", err)
}

// readFile reads a model file's bytes from r, checking magic, version and
// the header and payload lengths as they arrive, against size when it is
// known (>= 0). It never allocates more than the bytes present.
func readFile(r io.Reader, size int64) ([]byte, error) {
	data, err := readExactly(r, nil, 16)
	if err != nil && err != io.ErrUnexpectedEOF {
		return nil, err
	}
	hlen, err := checkPrefix(data) // also says when there were not 16 bytes
	if err != nil {
		return nil, err
	}
	if size >= 0 {
		if err := checkHeaderLen(hlen, size); err != nil {
			return nil, err
		}
	}
	if data, err = readExactly(r, data, hlen+8); err != nil {
		return nil, fmt.Errorf("header length: declares %d bytes but the file ends first: truncated", hlen)
	}
	plen := binary.LittleEndian.Uint64(data[16+hlen:])
	if size >= 0 {
		if err := checkPayloadLen(hlen, plen, size); err != nil {
			return nil, err
		}
	}
	if plen > math.MaxInt64-4 {
		return nil, fmt.Errorf("payload length: declares %d bytes", plen)
	}
	if data, err = readExactly(r, data, plen+4); err != nil {
		return nil, fmt.Errorf("payload length: declares %d bytes but the file ends first: truncated", plen)
	}
	if n, _ := r.Read(make([]byte, 1)); n > 0 {
		return nil, errors.New("payload length: the file goes on past the checksum")
	}
	return data, nil
}

// readExactly appends n bytes from r to b. It grows b as bytes arrive
// rather than trusting n, so a length read from a damaged file costs no
// more memory than the file holds.
func readExactly(r io.Reader, b []byte, n uint64) ([]byte, error) {
	got, err := io.ReadAll(io.LimitReader(r, int64(min(n, math.MaxInt64))))
	b = append(b, got...)
	if err != nil {
		return b, err
	}
	if uint64(len(got)) < n {
		return b, io.ErrUnexpectedEOF
	}
	return b, nil
}

// checkPrefix checks magic and version in the first 16 bytes and returns
// the header length they declare.
func checkPrefix(data []byte) (hlen uint64, err error) {
	if len(data) < 16 || string(data[:8]) != fileMagic {
		if len(data) < 8 && strings.HasPrefix(fileMagic, string(data)) {
			return 0, fmt.Errorf("not a model file: truncated (%d bytes)", len(data))
		}
		return 0, errors.New("not an ansatz model file (bad magic or too short)")
	}
	if v := binary.LittleEndian.Uint32(data[8:]); v != fileVersion {
		return 0, fmt.Errorf("model file format version %d; this build reads version %d", v, fileVersion)
	}
	hlen = uint64(binary.LittleEndian.Uint32(data[12:]))
	if hlen > maxHeader {
		return 0, fmt.Errorf("header length: declares %d bytes, more than a model header can be (%d)", hlen, maxHeader)
	}
	return hlen, nil
}

// checkHeaderLen checks that a file of size bytes has room for the header
// and the fixed fields around it.
func checkHeaderLen(hlen uint64, size int64) error {
	if uint64(size) < 16+hlen+8+4 {
		return fmt.Errorf("header length: declares %d bytes but the file holds %d after the prefix: truncated", hlen, size-16)
	}
	return nil
}

// checkPayloadLen checks that the payload length is what the rest of a
// file of size bytes holds (the payload and its 4-byte checksum).
func checkPayloadLen(hlen, plen uint64, size int64) error {
	rest := uint64(size) - (16 + hlen + 8) // checkHeaderLen ensures >= 4
	if plen > rest || plen+4 > rest {
		return fmt.Errorf("payload length: declares %d bytes but the file holds %d after the header (payload and 4-byte checksum): truncated", plen, rest)
	}
	if plen+4 < rest {
		return fmt.Errorf("payload length: declares %d bytes but the file holds %d after the header (payload and 4-byte checksum): data past the checksum", plen, rest)
	}
	return nil
}
