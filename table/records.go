package table

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode"

	"github.com/ansatz/ansatz/internal/inputerr"
)

// records yields the rows of a delimited file with their 1-based line
// numbers, skipping blank lines. Errors are already located.
type records interface {
	next() (fields []string, line int, err error) // io.EOF at the end
}

// csvRecords reads quoted, single-character-separated text.
type csvRecords struct {
	name string
	r    *csv.Reader
}

func newRecords(br *bufio.Reader, name string, sep rune) records {
	if sep == ' ' {
		return &blankRecords{name: name, br: br}
	}
	r := csv.NewReader(br)
	r.Comma = sep
	r.FieldsPerRecord = -1 // ragged rows are reported by the caller with the column count
	r.ReuseRecord = true
	// Allow `a, "b c"`; not for blank separators, where it would merge
	// consecutive separators and lose empty cells.
	r.TrimLeadingSpace = !unicode.IsSpace(sep)
	return &csvRecords{name: name, r: r}
}

func (c *csvRecords) next() ([]string, int, error) {
	rec, err := c.r.Read()
	if err == nil {
		line, _ := c.r.FieldPos(0)
		return rec, line, nil
	}
	if err == io.EOF {
		return nil, 0, io.EOF
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) && pe.Err != nil && (errors.Is(pe.Err, csv.ErrQuote) ||
		errors.Is(pe.Err, csv.ErrBareQuote) || errors.Is(pe.Err, csv.ErrFieldCount)) {
		return nil, 0, inputerr.At(c.name, pe.Line, pe.Column, "malformed CSV: %v", pe.Err)
	}
	if errors.As(err, &pe) && pe.Err != nil {
		return nil, 0, readError(c.name, pe.Line, pe.Err)
	}
	return nil, 0, readError(c.name, 0, err)
}

// blankRecords reads fields separated by runs of spaces and tabs, with no
// quoting, as many physics data files are written.
type blankRecords struct {
	name string
	br   *bufio.Reader
	line int
}

func (b *blankRecords) next() ([]string, int, error) {
	for {
		s, err := b.br.ReadString('\n')
		if s == "" && err != nil {
			if err == io.EOF {
				return nil, 0, io.EOF
			}
			return nil, 0, readError(b.name, b.line+1, err)
		}
		b.line++
		if f := strings.Fields(s); len(f) > 0 {
			return f, b.line, nil
		}
		if err != nil && err != io.EOF {
			return nil, 0, readError(b.name, b.line, err)
		}
	}
}
