package table

import (
	"fmt"
	"strings"

	"github.com/ansatz/ansatz/internal/inputerr"
)

// kind is what the first data row says about a column.
type kind uint8

const (
	numeric kind = iota
	text         // first cell not a number: an id or label column
	index        // empty header name: a row index as pandas writes it
)

// header describes the file's columns before any data is loaded.
type header struct {
	file      string
	line      int      // line of the header row (0 for NPY)
	dataLine  int      // line of the first data row (0 for NPY)
	names     []string // one per file column, index columns already named
	kinds     []kind
	firstCell []string // first data row, for messages about text columns
}

// plan says which file columns to load: features in output order, then
// the target (-1 for none).
type plan struct {
	feat    []int
	target  int
	skipped []string
}

// makePlan resolves the options against the header. All name errors are
// found here, before any data is parsed.
func makePlan(h header, opt Options) (plan, error) {
	at := make(map[string]int, len(h.names))
	for j, n := range h.names {
		if k, dup := at[n]; dup {
			return plan{}, inputerr.At(h.file, h.line, j+1, "duplicate column name %q (also column %d)", n, k+1)
		}
		at[n] = j
	}
	find := func(flag, name string) (int, error) {
		j, ok := at[name]
		if !ok {
			return 0, inputerr.At(h.file, h.line, 0, "%s: no column named %q (columns: %s)", flag, name, list(h.names))
		}
		return j, nil
	}
	dropped := make(map[int]bool, len(opt.Drop))
	for _, n := range opt.Drop {
		j, err := find("--drop", n)
		if err != nil {
			return plan{}, err
		}
		dropped[j] = true
	}
	p := plan{target: -1}
	switch {
	case opt.Target != "":
		j, err := find("--target", opt.Target)
		if err != nil {
			return plan{}, err
		}
		if dropped[j] {
			return plan{}, inputerr.New("--target %q is also in --drop", opt.Target)
		}
		p.target = j
	case !opt.Predict:
		// The last column, passing over unnamed index columns (a trailing
		// separator on every line makes one).
		for j := len(h.names) - 1; j >= 0; j-- {
			if !dropped[j] && h.kinds[j] != index {
				p.target = j
				break
			}
		}
		if p.target < 0 {
			return plan{}, inputerr.At(h.file, h.line, 0, "no column left for the target (columns: %s)", list(h.names))
		}
	}
	if len(opt.Features) > 0 {
		seen := map[int]bool{}
		for _, n := range opt.Features {
			j, err := find("--features", n)
			if err != nil {
				return plan{}, err
			}
			switch {
			case j == p.target && opt.Target == "":
				return plan{}, inputerr.New("--features: %q is the target (by default the last column; name another with --target)", n)
			case j == p.target:
				return plan{}, inputerr.New("--features: %q is the target column", n)
			case dropped[j]:
				return plan{}, inputerr.New("--features: %q is also in --drop", n)
			case seen[j]:
				return plan{}, inputerr.New("--features: %q is listed twice", n)
			}
			seen[j] = true
			p.feat = append(p.feat, j)
		}
	} else {
		for j, k := range h.kinds {
			if j == p.target || dropped[j] {
				continue
			}
			if k != numeric {
				p.skipped = append(p.skipped, h.names[j])
				continue
			}
			p.feat = append(p.feat, j)
		}
	}
	if len(p.feat) == 0 {
		why := ""
		for j, k := range h.kinds {
			if k == text && j != p.target {
				why += fmt.Sprintf("; %q is text (line %d: %q)", h.names[j], h.dataLine, short(h.firstCell[j]))
			}
		}
		return plan{}, inputerr.At(h.file, h.line, 0, "no numeric feature columns to load (columns: %s)%s", list(h.names), why)
	}
	for _, j := range p.used() {
		if h.kinds[j] == text {
			return plan{}, inputerr.At(h.file, h.dataLine, j+1, "column %q is not numeric: %q", h.names[j], h.firstCell[j])
		}
	}
	return p, nil
}

// used lists the file columns to load: features, then the target.
func (p plan) used() []int {
	u := append([]int(nil), p.feat...)
	if p.target >= 0 {
		u = append(u, p.target)
	}
	return u
}

// list shows column names for a message, shortened when there are many.
func list(names []string) string {
	const max = 12
	q := make([]string, 0, max+1)
	for i, n := range names {
		if i == max {
			q = append(q, fmt.Sprintf("... %d more", len(names)-max))
			break
		}
		q = append(q, fmt.Sprintf("%q", n))
	}
	return strings.Join(q, ", ")
}
