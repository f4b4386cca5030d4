// Package bench holds ansatz's benchmark suites (`ansatz bench …`) and the
// small toolkit they share: one result Line per measurement, a Writer that
// prints those lines as an aligned table or as JSON lines, a timer that
// repeats a function until it has run long enough to be measured, and a
// helper that measures the same kernel under several instruction sets.
//
// Every suite reports through Line so that scripts can rely on a single
// output format: with --json each measurement is one JSON object per line,
//
//	{"bench":"gemm","case":"f32 256x256x256","impl":"avx2","metric":"GFLOP/s","value":123.4}
//
// plus any extra fields the suite attaches (for example "formula").
package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
)

// Line is one measurement. Bench names the suite ("gemm", "basis", …), Case
// the problem measured ("f32 256x256x256"), Impl the implementation
// ("avx2", "neon", "generic", "gonum", …) and Metric the unit of Value
// ("GFLOP/s", "elements/s", "speedup", …). Extra holds suite-specific fields
// that are merged into the JSON object; they never override the five
// standard keys.
type Line struct {
	Bench, Case, Impl, Metric string
	Value                     float64
	Extra                     map[string]any
}

// coreKeys are the standard keys, in the order they are written.
var coreKeys = []string{"bench", "case", "impl", "metric", "value"}

// MarshalJSON writes the standard keys first, in a fixed order, then the
// Extra fields sorted by name, so that output is byte-for-byte stable.
// Non-finite values (which JSON cannot represent) are written as null.
func (l Line) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, s := range []string{l.Bench, l.Case, l.Impl, l.Metric} {
		writeKey(&buf, coreKeys[i], i == 0)
		b, err := json.Marshal(s)
		if err != nil {
			return nil, err
		}
		buf.Write(b)
	}
	writeKey(&buf, "value", false)
	buf.WriteString(formatJSONNumber(l.Value))

	keys := make([]string, 0, len(l.Extra))
	for k := range l.Extra {
		if !isCoreKey(k) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		b, err := marshalExtra(l.Extra[k])
		if err != nil {
			return nil, fmt.Errorf("bench line field %q: %w", k, err)
		}
		writeKey(&buf, k, false)
		buf.Write(b)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

func writeKey(buf *bytes.Buffer, key string, first bool) {
	if !first {
		buf.WriteByte(',')
	}
	b, _ := json.Marshal(key) // a string always marshals
	buf.Write(b)
	buf.WriteByte(':')
}

func isCoreKey(k string) bool {
	for _, c := range coreKeys {
		if k == c {
			return true
		}
	}
	return false
}

// formatJSONNumber writes v as encoding/json would, or null when v is NaN
// or infinite.
func formatJSONNumber(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "null"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// marshalExtra is json.Marshal with non-finite floats turned into null
// instead of an error: a benchmark that produced no number should still
// print its line.
func marshalExtra(v any) ([]byte, error) {
	switch f := v.(type) {
	case float64:
		return []byte(formatJSONNumber(f)), nil
	case float32:
		return []byte(formatJSONNumber(float64(f))), nil
	}
	return json.Marshal(v)
}

// Writer prints Lines either as JSON lines (immediately, one object per
// line) or as a readable table (buffered, aligned, printed by Flush).
type Writer struct {
	out   io.Writer
	json  bool
	lines []Line
}

// NewWriter returns a Writer printing to out; jsonLines selects the JSON
// lines format, otherwise a table is printed on Flush.
func NewWriter(out io.Writer, jsonLines bool) *Writer {
	return &Writer{out: out, json: jsonLines}
}

// JSON reports whether the Writer prints JSON lines.
func (w *Writer) JSON() bool { return w.json }

// Write records one measurement. In JSON mode it is printed at once so a
// long suite streams its results; in table mode it is kept for Flush.
func (w *Writer) Write(l Line) error {
	if !w.json {
		w.lines = append(w.lines, l)
		return nil
	}
	b, err := l.MarshalJSON()
	if err != nil {
		return err
	}
	b = append(b, '\n')
	_, err = w.out.Write(b)
	return err
}

// Lines returns the measurements buffered for the table (JSON mode keeps
// none).
func (w *Writer) Lines() []Line { return w.lines }

// Flush prints the buffered table (nothing in JSON mode). Columns are
// bench, case, impl, metric, value, then one column per Extra key seen on
// any line, sorted by name.
func (w *Writer) Flush() error {
	if w.json || len(w.lines) == 0 {
		return nil
	}
	extra := map[string]bool{}
	for _, l := range w.lines {
		for k := range l.Extra {
			if !isCoreKey(k) {
				extra[k] = true
			}
		}
	}
	var extraKeys []string
	for k := range extra {
		extraKeys = append(extraKeys, k)
	}
	sort.Strings(extraKeys)

	tw := tabwriter.NewWriter(w.out, 0, 0, 2, ' ', 0)
	head := append([]string{"BENCH", "CASE", "IMPL", "METRIC", "VALUE"}, upper(extraKeys)...)
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	for _, l := range w.lines {
		row := []string{l.Bench, l.Case, l.Impl, l.Metric, FormatValue(l.Value)}
		for _, k := range extraKeys {
			v, ok := l.Extra[k]
			if !ok {
				row = append(row, "")
				continue
			}
			row = append(row, formatAny(v))
		}
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	w.lines = nil
	return tw.Flush()
}

func upper(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = strings.ToUpper(v)
	}
	return out
}

// FormatValue prints a measurement with four significant digits, without
// exponent for the magnitudes benchmarks usually produce (1e-3 … 1e12).
func FormatValue(v float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return strconv.FormatFloat(v, 'g', -1, 64)
	case v == 0:
		return "0"
	case math.Abs(v) >= 1e12 || math.Abs(v) < 1e-3:
		return strconv.FormatFloat(v, 'g', 4, 64)
	}
	digits := 3 - int(math.Floor(math.Log10(math.Abs(v))))
	if digits < 0 {
		digits = 0
	}
	return strconv.FormatFloat(v, 'f', digits, 64)
}

func formatAny(v any) string {
	switch f := v.(type) {
	case float64:
		return FormatValue(f)
	case float32:
		return FormatValue(float64(f))
	case string:
		return f
	}
	return fmt.Sprint(v)
}
