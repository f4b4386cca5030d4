package table

import (
	"math"
	"strconv"
	"strings"

	"github.com/ansatz/ansatz/internal/inputerr"
)

// finish checks the loaded columns (in plan.used order, all finite) and
// assembles the Table. firstLine is where data starts, for messages.
func finish(h header, p plan, cols [][]float64, rows, dropped int, opt Options) (*Table, error) {
	minRows := 2
	if opt.Predict {
		minRows = 1
	}
	if rows < minRows {
		switch {
		case rows == 0 && dropped > 0:
			return nil, inputerr.At(h.file, 0, 0, "all %d data rows have missing, NaN or Inf values", dropped)
		case rows == 0:
			return nil, inputerr.At(h.file, h.line, 0, "no data rows after the header")
		case dropped > 0:
			return nil, inputerr.At(h.file, 0, 0, "only %d row left after dropping %d with missing, NaN or Inf values; need at least %d", rows, dropped, minRows)
		}
		return nil, inputerr.At(h.file, h.dataLine, 0, "only %d data row; need at least %d", rows, minRows)
	}
	names := make([]string, len(p.feat))
	block := make([]float64, 0, len(p.feat)*rows)
	for k, j := range p.feat {
		names[k] = h.names[j]
		block = append(block, cols[k]...)
	}
	t := newTable(h.file, names, block, rows)
	t.DroppedRows = dropped
	t.Skipped = p.skipped
	if p.target >= 0 {
		t.Target = h.names[p.target]
		t.Y = cols[len(p.feat)]
		if !opt.Predict && constant(t.Y) {
			return nil, inputerr.At(h.file, 0, 0, "target column %q is constant (%g in every row): nothing to fit", t.Target, t.Y[0])
		}
	}
	return t, nil
}

func constant(y []float64) bool {
	for _, v := range y {
		if v != y[0] {
			return false
		}
	}
	return true
}

// parseCell reads one cell. ok is false when it is neither a number nor a
// missing-value token; missing cells come back as NaN with missing set.
func parseCell(s string) (v float64, missing, ok bool) {
	s = strings.TrimSpace(s)
	if isMissing(s) {
		return math.NaN(), true, true
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		if ne, isNum := err.(*strconv.NumError); isNum && ne.Err == strconv.ErrRange {
			return v, false, true // ±Inf or a denormal rounded to 0: a number, out of float64 range
		}
		return 0, false, false
	}
	return v, false, true
}

func isMissing(s string) bool {
	if len(s) > 4 { // the hot path: a number
		return false
	}
	for _, m := range [...]string{"", "na", "n/a", "null", "none", "?"} {
		if strings.EqualFold(s, m) {
			return true
		}
	}
	return false
}

// nonFinite describes a value the table cannot hold, "" when it is fine.
func nonFinite(v float64, missing bool) string {
	switch {
	case missing:
		return "missing value"
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 0):
		return "infinite value"
	}
	return ""
}
