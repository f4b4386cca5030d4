package model

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/internal/memtest"
)

// TestLoadChecksSizesFirst: Load looks at the prefix and the lengths a
// file declares before reading the rest, so a large file that is no model
// (the data table given by mistake, a device) or one whose lengths do not
// add up to its size is refused with one line naming the file and the
// field, having read and allocated next to nothing. The files are sparse:
// big on paper, cheap on disk.
func TestLoadChecksSizesFirst(t *testing.T) {
	const big = 256 << 20
	b := savedModel(t)
	hlen := binary.LittleEndian.Uint32(b[12:])
	cases := []struct {
		name   string
		prefix []byte
		want   string
	}{
		{"not a model", []byte("x,y\n1,2\n3,4\n"), "not an ansatz model file"},
		{"header length", func() []byte {
			c := slices.Clone(b[:16])
			binary.LittleEndian.PutUint32(c[12:], 1<<30)
			return c
		}(), "header length: declares 1073741824 bytes"},
		{"payload length", func() []byte {
			c := slices.Clone(b[:24+hlen])
			binary.LittleEndian.PutUint64(c[16+hlen:], 1<<40)
			return c
		}(), "payload length: declares 1099511627776 bytes but the file holds"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "m.model")
			if err := os.WriteFile(p, c.prefix, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Truncate(p, big); err != nil {
				t.Fatal(err)
			}
			var err error
			if n := memtest.Allocated(func() { _, err = Load(p) }); n > 1<<20 {
				t.Errorf("allocated %d MB before refusing the file", n>>20)
			}
			if err == nil || !inputerr.Is(err) || strings.Contains(err.Error(), "\n") ||
				!strings.HasPrefix(err.Error(), p+": ") || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want one line naming the file and %q", err, c.want)
			}
		})
	}
}

// FuzzReadFile feeds bytes to the streaming reader Load uses, with the
// size known (a regular file) and unknown (a pipe). It must agree with
// Unmarshal on which inputs are framed models, hand back exactly the
// input when it accepts, and allocate no more than a small multiple of
// the input whatever lengths the bytes declare.
//
//	go test ./model -run '^$' -fuzz FuzzReadFile -fuzztime 1m
func FuzzReadFile(f *testing.F) {
	b := savedModel(f)
	f.Add(b, true)
	f.Add(b[:30], false)
	f.Add(append(slices.Clone(b), 0), false)
	f.Add([]byte(fileMagic+"\x01\x00\x00\x00\xff\xff\xff\x00"), true)
	f.Fuzz(func(t *testing.T, data []byte, sized bool) {
		size := int64(-1)
		if sized {
			size = int64(len(data))
		}
		var (
			got []byte
			err error
		)
		if n := memtest.Allocated(func() { got, err = readFile(bytes.NewReader(data), size) }); n > uint64(64<<10+4*len(data)) {
			t.Fatalf("allocated %d bytes reading %d", n, len(data))
		}
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("multi-line error %q", err)
			}
			if _, uerr := Unmarshal(data); uerr == nil {
				t.Fatalf("readFile refused a model Unmarshal loads: %v", err)
			}
			return
		}
		if !bytes.Equal(got, data) {
			t.Fatalf("read %d bytes back from %d", len(got), len(data))
		}
	})
}
