package table

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ansatz/ansatz/internal/inputerr"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// textLoader holds the state of one delimited-text load.
type textLoader struct {
	name    string
	opt     Options
	h       header
	p       plan
	used    []int
	cols    [][]float64 // loaded columns, in plan.used order
	row     []float64
	rows    int
	dropped int
}

func readText(br *bufio.Reader, name string, opt Options) (*Table, error) {
	b, _ := br.Peek(4)
	switch {
	case bytes.HasPrefix(b, utf8BOM):
		br.Discard(len(utf8BOM))
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return nil, inputerr.At(name, 0, 0, "UTF-16 text; save the table as UTF-8")
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return nil, inputerr.At(name, 0, 0, "a zip archive (a spreadsheet?); export the table as CSV")
	}
	sep := opt.Sep
	if sep == 0 {
		sample, _ := br.Peek(64 << 10) // short read at EOF is fine
		sep = sniff(sample)
	}
	rr := newRecords(br, name, sep)
	fields, line, err := rr.next()
	if err == io.EOF {
		return nil, inputerr.At(name, 0, 0, "empty file")
	}
	if err != nil {
		return nil, err
	}
	l := &textLoader{name: name, opt: opt}
	if err := l.readHeader(fields, line); err != nil {
		return nil, err
	}
	// Rows whose cells are all empty are held back: trailing ones are
	// ignored, ones followed by data are treated as data (all missing).
	var blank []int
	for {
		fields, line, err = rr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if allEmpty(fields) {
			blank = append(blank, line)
			continue
		}
		if l.used == nil {
			if err := l.start(fields, line); err != nil {
				return nil, err
			}
		}
		for _, bl := range blank {
			if err := l.blankRow(bl); err != nil {
				return nil, err
			}
		}
		blank = blank[:0]
		if err := l.addRow(fields, line); err != nil {
			return nil, err
		}
	}
	if l.used == nil { // header only (perhaps with empty rows)
		l.h.firstCell = make([]string, len(l.h.names))
		if _, err := makePlan(l.h, opt); err != nil {
			return nil, err // an unknown name is the more useful message
		}
		return nil, inputerr.At(name, l.h.line, 0, "no data rows after the header")
	}
	return finish(l.h, l.p, l.cols, l.rows, l.dropped, opt)
}

// readHeader takes the column names from the first row.
func (l *textLoader) readHeader(fields []string, line int) error {
	l.h = header{file: l.name, line: line, names: make([]string, len(fields)), kinds: make([]kind, len(fields))}
	numeric := true
	for j, f := range fields {
		n := strings.TrimSpace(f)
		if msg := badName(n); msg != "" {
			return inputerr.At(l.name, line, j+1, "column name %s", msg)
		}
		if _, err := strconv.ParseFloat(n, 64); err != nil {
			numeric = false
		}
		if n == "" {
			n = fmt.Sprintf("col%d", j+1)
			l.h.kinds[j] = index
		}
		l.h.names[j] = n
	}
	if numeric {
		return inputerr.At(l.name, line, 0, "the first row looks like data (%q); a header row of column names is required", short(strings.Join(fields, " ")))
	}
	return nil
}

// start classifies the columns by the first data row and makes the plan.
func (l *textLoader) start(fields []string, line int) error {
	h := &l.h
	if len(fields) != len(h.names) {
		return l.ragged(fields, line)
	}
	h.dataLine = line
	h.firstCell = append([]string(nil), fields...)
	for j := range h.names {
		if _, _, ok := parseCell(fields[j]); !ok && h.kinds[j] != index {
			h.kinds[j] = text
		}
	}
	p, err := makePlan(*h, l.opt)
	if err != nil {
		return err
	}
	l.p, l.used = p, p.used()
	l.cols = make([][]float64, len(l.used))
	l.row = make([]float64, len(l.used))
	return nil
}

// addRow parses the loaded cells of one row and appends them, or drops
// the row for a non-finite value when asked to.
func (l *textLoader) addRow(fields []string, line int) error {
	if len(fields) != len(l.h.names) {
		return l.ragged(fields, line)
	}
	drop := false
	for k, j := range l.used {
		v, missing, ok := parseCell(fields[j])
		if !ok {
			return inputerr.At(l.name, line, j+1, "column %q: not a number: %q", l.h.names[j], short(fields[j]))
		}
		if bad := nonFinite(v, missing); bad != "" {
			if !l.opt.DropNonFinite {
				return inputerr.At(l.name, line, j+1, "column %q: %s (--drop-nonfinite drops such rows)", l.h.names[j], bad)
			}
			drop = true
		}
		l.row[k] = v
	}
	if drop {
		l.dropped++
		return nil
	}
	for k, v := range l.row {
		l.cols[k] = append(l.cols[k], v)
	}
	l.rows++
	return nil
}

// blankRow handles an all-empty row followed by data: every loaded value
// is missing.
func (l *textLoader) blankRow(line int) error {
	if !l.opt.DropNonFinite {
		j := l.used[0]
		return inputerr.At(l.name, line, j+1, "column %q: missing value in an empty row (--drop-nonfinite drops such rows)", l.h.names[j])
	}
	l.dropped++
	return nil
}

func (l *textLoader) ragged(fields []string, line int) error {
	return inputerr.At(l.name, line, 0, "row has %d fields, the header has %d", len(fields), len(l.h.names))
}

func allEmpty(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// short cuts a cell for an error message.
func short(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}
