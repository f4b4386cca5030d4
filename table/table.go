package table

import (
	"fmt"
	"strings"
)

// Table is a loaded, checked table: every value finite, at least the
// required number of rows, unique names.
type Table struct {
	File     string   // the name given to Load or Read, used in messages
	Features []string // feature column names, in the order of X
	Target   string   // target column name; "" when no target was loaded
	Rows     int
	// X holds the feature columns: X[j][i] is feature j of row i. The
	// columns are consecutive pieces of one column-major block
	// (ColMajor64), so they can go to kernels without copying.
	X [][]float64
	// Y is the target column; nil when no target was loaded.
	Y []float64
	// DroppedRows counts rows left out for a missing, NaN or ±Inf value
	// (only with Options.DropNonFinite).
	DroppedRows int
	// Skipped lists text and index columns that were not loaded.
	Skipped []string

	block []float64 // backing store of X, column-major
}

// newTable builds a Table whose features are the first len(names) columns
// of the column-major block (rows values each).
func newTable(file string, names []string, block []float64, rows int) *Table {
	t := &Table{File: file, Features: names, Rows: rows, X: make([][]float64, len(names)),
		block: block[: len(names)*rows : len(names)*rows]}
	for j := range names {
		t.X[j] = block[j*rows : (j+1)*rows : (j+1)*rows]
	}
	return t
}

// Cols is the number of feature columns.
func (t *Table) Cols() int { return len(t.Features) }

// Index returns the position of the named feature in X, or -1.
func (t *Table) Index(name string) int {
	for j, n := range t.Features {
		if n == name {
			return j
		}
	}
	return -1
}

// ColMajor64 returns the features as one column-major block of Rows*Cols
// values (column j at [j*Rows, (j+1)*Rows)). It is the table's own storage,
// not a copy.
func (t *Table) ColMajor64() []float64 { return t.block }

// ColMajor32 returns a float32 copy of ColMajor64 (values beyond float32
// range become ±Inf there; the float64 data stays exact).
func (t *Table) ColMajor32() []float32 { return to32(t.block) }

// RowMajor64 returns a new row-major copy of the features: row i at
// [i*Cols, (i+1)*Cols).
func (t *Table) RowMajor64() []float64 {
	out := make([]float64, len(t.block))
	c := t.Cols()
	for j, col := range t.X {
		for i, v := range col {
			out[i*c+j] = v
		}
	}
	return out
}

// RowMajor32 is RowMajor64 in float32.
func (t *Table) RowMajor32() []float32 {
	out := make([]float32, len(t.block))
	c := t.Cols()
	for j, col := range t.X {
		for i, v := range col {
			out[i*c+j] = float32(v)
		}
	}
	return out
}

// Y32 returns a float32 copy of Y (nil when there is no target).
func (t *Table) Y32() []float32 {
	if t.Y == nil {
		return nil
	}
	return to32(t.Y)
}

func to32(x []float64) []float32 {
	out := make([]float32, len(x))
	for i, v := range x {
		out[i] = float32(v)
	}
	return out
}

// Summary describes the loaded table in one line for a verb's log, e.g.
// "d.csv: 300 rows, 3 features (a, b, c), target y; 2 rows dropped (non-finite); skipped: id".
func (t *Table) Summary() string {
	s := fmt.Sprintf("%s: %d rows, %d features (%s)", t.File, t.Rows, t.Cols(), strings.Join(t.Features, ", "))
	if t.Target != "" {
		s += ", target " + t.Target
	}
	if t.DroppedRows > 0 {
		s += fmt.Sprintf("; %d rows dropped (non-finite)", t.DroppedRows)
	}
	if len(t.Skipped) > 0 {
		s += "; skipped: " + strings.Join(t.Skipped, ", ")
	}
	return s
}
