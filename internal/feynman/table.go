// Package feynman reads the AI Feynman equation table (Udrescu & Tegmark
// 2020): each equation's formula and the sampling range of its variables.
// The Feynman benchmark (bench) runs on it, and the expression and units
// tests check every equation of the copy in testdata.
package feynman

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/ansatz/ansatz/internal/inputerr"
)

// Equation is one equation of the AI Feynman table: a formula and the
// sampling range of each of its variables.
type Equation struct {
	Name    string // the Filename column, e.g. "I.6.2a"
	Output  string
	Formula string
	Vars    []Var
	Line    int // line in the table file, for messages
}

// Names are the equation's variable names, in order.
func (e Equation) Names() []string {
	names := make([]string, len(e.Vars))
	for i, v := range e.Vars {
		names[i] = v.Name
	}
	return names
}

// Var is a variable and its uniform sampling range.
type Var struct {
	Name   string
	Lo, Hi float64
}

// Read reads an AI-Feynman-style equation table. It tolerates
// the faults of the published file: a UTF-8 byte-order mark, CRLF line
// ends, trailing empty rows, and a wrong "# variables" column (ignored: the
// variables are the non-empty vN_name columns). Columns are found by name,
// so any table with Filename, Formula and vN_name/vN_low/vN_high columns
// works and extra columns are ignored.
func Read(path string) ([]Equation, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, inputerr.New("%v", err)
	}
	return parse(path, raw)
}

// parse reads the table from raw, named path in errors.
func parse(path string, raw []byte) ([]Equation, error) {
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	r := csv.NewReader(bytes.NewReader(raw))
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return nil, inputerr.At(path, 1, 0, "no header: %v", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	nameCol, ok1 := col["filename"]
	formCol, ok2 := col["formula"]
	if !ok1 || !ok2 {
		return nil, inputerr.At(path, 1, 0, "header needs Filename and Formula columns")
	}
	outCol, hasOut := col["output"]
	type vcols struct{ name, lo, hi int }
	var vc []vcols
	for k := 1; ; k++ {
		n, ok := col[fmt.Sprintf("v%d_name", k)]
		if !ok {
			break
		}
		lo, ok1 := col[fmt.Sprintf("v%d_low", k)]
		hi, ok2 := col[fmt.Sprintf("v%d_high", k)]
		if !ok1 || !ok2 {
			return nil, inputerr.At(path, 1, 0, "v%d_name without v%d_low/v%d_high", k, k, k)
		}
		vc = append(vc, vcols{n, lo, hi})
	}
	get := func(rec []string, i int) string {
		if i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	var eqs []Equation
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			return nil, inputerr.At(path, line, 0, "%v", err)
		}
		name := get(rec, nameCol)
		if name == "" {
			continue // trailing empty rows
		}
		eq := Equation{Name: name, Formula: get(rec, formCol), Line: line}
		if hasOut {
			eq.Output = get(rec, outCol)
		}
		if eq.Formula == "" {
			return nil, inputerr.At(path, line, formCol+1, "%s: empty formula", name)
		}
		for _, v := range vc {
			vn := get(rec, v.name)
			if vn == "" {
				continue
			}
			lo, err1 := strconv.ParseFloat(get(rec, v.lo), 64)
			hi, err2 := strconv.ParseFloat(get(rec, v.hi), 64)
			if err1 != nil || err2 != nil || !(lo <= hi) {
				return nil, inputerr.At(path, line, v.lo+1, "%s: bad range for %s", name, vn)
			}
			eq.Vars = append(eq.Vars, Var{Name: vn, Lo: lo, Hi: hi})
		}
		if len(eq.Vars) == 0 {
			return nil, inputerr.At(path, line, 0, "%s: no variables", name)
		}
		eqs = append(eqs, eq)
	}
	if len(eqs) == 0 {
		return nil, inputerr.At(path, 0, 0, "no equations")
	}
	return eqs, nil
}
