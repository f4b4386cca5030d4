package units

import (
	"encoding/csv"
	"errors"
	"io"
	"math/big"
	"os"
	"strings"

	"github.com/ansatz/ansatz/internal/inputerr"
)

// Table maps variable names to their physical units, as exponent
// vectors over a set of base units (the AI Feynman table uses m, s, kg, T
// and V). Dimensional analysis (Reduce) needs it to know which
// products of the inputs are dimensionless.
type Table struct {
	Bases []string // base unit names, in column order
	units map[string][]*big.Rat
	desc  map[string]string
}

// Load reads a units table from a file; see Read for the layout.
func Load(path string) (*Table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, inputerr.New("units table: %v", err)
	}
	defer f.Close()
	return Read(f, path)
}

// Read reads a units table in the AI Feynman layout: a header row
// "Variable,Units,m,s,kg,T,V" (a column named Variable holds the name, an
// optional Units column a description, every other named column is a base
// unit) and one row per variable with the exponent of each base unit
// (integers, fractions such as 1/2 or decimals; an empty cell is 0). A UTF-8
// byte-order mark, CRLF line ends, unnamed (trailing) empty columns and
// empty rows are accepted. Errors name file:line:col.
func Read(r io.Reader, name string) (*Table, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, inputerr.At(name, 0, 0, "empty units table")
	}
	if err != nil {
		return nil, csvErr(name, err)
	}
	header[0] = strings.TrimPrefix(header[0], "\ufeff")
	t := &Table{units: map[string][]*big.Rat{}, desc: map[string]string{}}
	nameCol, descCol := -1, -1
	var baseCols []int
	for j, h := range header {
		h = strings.TrimSpace(h)
		switch {
		case h == "":
		case strings.EqualFold(h, "variable"):
			nameCol = j
		case strings.EqualFold(h, "units"):
			descCol = j
		default:
			for _, b := range t.Bases {
				if b == h {
					_, col := cr.FieldPos(j)
					return nil, inputerr.At(name, 1, col, "base unit %q named twice", h)
				}
			}
			t.Bases = append(t.Bases, h)
			baseCols = append(baseCols, j)
		}
	}
	if nameCol < 0 {
		return nil, inputerr.At(name, 1, 0, "no column named Variable in the header")
	}
	if len(baseCols) == 0 {
		return nil, inputerr.At(name, 1, 0, "no base unit columns (e.g. m,s,kg) in the header")
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvErr(name, err)
		}
		line, _ := cr.FieldPos(0)
		if blankRecord(rec) {
			continue
		}
		for j, cell := range rec {
			_, col := cr.FieldPos(j)
			if j >= len(header) && strings.TrimSpace(cell) != "" {
				return nil, inputerr.At(name, line, col, "cell %q beyond the header's %d columns", cell, len(header))
			}
			if j < len(header) && strings.TrimSpace(header[j]) == "" && strings.TrimSpace(cell) != "" {
				return nil, inputerr.At(name, line, col, "cell %q in a column without a header", cell)
			}
		}
		v := strings.TrimSpace(cell(rec, nameCol))
		_, vcol := cr.FieldPos(min(nameCol, len(rec)-1))
		if v == "" {
			return nil, inputerr.At(name, line, vcol, "empty variable name")
		}
		if _, dup := t.units[v]; dup {
			return nil, inputerr.At(name, line, vcol, "variable %q listed twice", v)
		}
		exps := make([]*big.Rat, len(baseCols))
		for b, j := range baseCols {
			s := strings.TrimSpace(cell(rec, j))
			exps[b] = new(big.Rat)
			if s == "" {
				continue
			}
			if _, ok := exps[b].SetString(s); !ok {
				_, col := cr.FieldPos(j)
				return nil, inputerr.At(name, line, col, "unit exponent %q of %s for %q is not an integer or fraction", s, t.Bases[b], v)
			}
			if !plausibleExponent(exps[b]) {
				_, col := cr.FieldPos(j)
				return nil, inputerr.At(name, line, col, "unit exponent %q of %s for %q is out of range (|exponent| ≤ %d, denominator ≤ %d)", s, t.Bases[b], v, maxExponent, maxExponent)
			}
		}
		t.units[v] = exps
		if descCol >= 0 {
			t.desc[v] = strings.TrimSpace(cell(rec, descCol))
		}
	}
	if len(t.units) == 0 {
		return nil, inputerr.At(name, 0, 0, "units table lists no variables")
	}
	return t, nil
}

// maxExponent bounds a unit exponent and its denominator: physical units
// have small ones (m^3, s^-2, kg^1/2), and the reduction's exact
// arithmetic on rationals grows with their digits.
const maxExponent = 1000

// plausibleExponent reports whether r is within ±maxExponent with a
// denominator of at most maxExponent.
func plausibleExponent(r *big.Rat) bool {
	lim := big.NewInt(maxExponent)
	num := new(big.Int).Abs(r.Num())
	return r.Denom().Cmp(lim) <= 0 && num.Cmp(new(big.Int).Mul(lim, r.Denom())) <= 0
}

// Len is the number of variables in the table.
func (t *Table) Len() int { return len(t.units) }

// Describe is the table's description of a variable's units ("Force"), or "".
func (t *Table) Describe(name string) string { return t.desc[name] }

// Lookup returns the unit exponent vectors of the named variables (one
// per name, over t.Bases). Names absent from the table give one error
// naming all of them.
func (t *Table) Lookup(names ...string) ([][]*big.Rat, error) {
	out := make([][]*big.Rat, len(names))
	var missing []string
	for i, n := range names {
		u, ok := t.units[n]
		if !ok {
			missing = append(missing, n)
			continue
		}
		out[i] = u
	}
	if len(missing) > 0 {
		return nil, inputerr.New("units table has no entry for %s", quoteList(missing))
	}
	return out, nil
}

func quoteList(s []string) string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = `"` + v + `"`
	}
	return strings.Join(q, ", ")
}

func cell(rec []string, j int) string {
	if j < len(rec) {
		return rec[j]
	}
	return ""
}

func blankRecord(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// csvErr turns an encoding/csv parse error into a located input error.
func csvErr(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return inputerr.At(name, pe.Line, pe.Column, "%v", pe.Err)
	}
	return inputerr.At(name, 0, 0, "%v", err)
}
