package expr

import (
	"encoding/csv"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

func TestParseExamples(t *testing.T) {
	vars := []string{"x1", "x2", "theta", "θ"}
	cases := []struct {
		src  string
		x    []float64
		want float64
	}{
		{"x1*cos(x2 - 3.2)", []float64{2, 1, 0}, 2 * math.Cos(1-3.2)},
		{"exp(-theta**2/2)/sqrt(2*pi)", []float64{0, 0, 0.7}, math.Exp(-0.49/2) / math.Sqrt(2*math.Pi)},
		{"-x1^2", []float64{3, 0, 0}, -9},
		{"-3^2", nil, -9},
		{"(-3)^2", nil, 9},
		{"2^-1", nil, 0.5},
		{"2^3^2", nil, 512},
		{"1e-3 + .5 + 2.5E+1 + 3.", nil, 0.001 + 0.5 + 25 + 3},
		{"pow(x1, 3) - ln(e)", []float64{2, 0, 0}, 7},
		{"arcsin(1) + arccos(1) + arctan(0)", nil, math.Pi / 2},
		{"x1 - x2 - theta", []float64{1, 2, 3}, -4},
		{"x1 / x2 / theta", []float64{12, 2, 3}, 2},
		{"+x1 * -x2", []float64{2, 3, 0}, -6},
		{"square(x1) + cube(x2) + abs(-theta)", []float64{2, 3, 1}, 4 + 27 + 1},
		{"θ*2", []float64{0, 0, 0, 1.5}, 3},
	}
	for _, c := range cases {
		n, err := Parse(c.src, vars)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.src, err)
			continue
		}
		x := c.x
		if len(x) == 3 {
			x = append(x, 0)
		}
		if x == nil {
			x = make([]float64, 4)
		}
		if got := n.EvalAt(x); math.Abs(got-c.want) > 1e-12*math.Max(1, math.Abs(c.want)) {
			t.Errorf("%q = %v, want %v (tree %s)", c.src, got, c.want, Format(n, vars))
		}
	}
}

func TestParseErrors(t *testing.T) {
	vars := []string{"x", "y"}
	cases := []struct{ src, want string }{
		{"x*cos(y))", "col 9: unexpected ')'"},
		{"x +", "col 4: unexpected end of formula"},
		{"foo(x)", "col 1: unknown function \"foo\""},
		{"x + z", "col 5: unknown name \"z\""},
		{"x $ y", "col 3: unexpected character '$'"},
		{"pow(x)", "col 1: pow takes 2 argument(s), got 1"},
		{"sin x", "col 1: function \"sin\" needs an argument"},
		{"(x + y", "col 7: expected ')'"},
		{"", "col 1: unexpected end of formula"},
		{"`x", "col 1: unclosed '`'"},
	}
	for _, c := range cases {
		_, err := Parse(c.src, vars)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("Parse(%q) error = %v, want prefix %q", c.src, err, c.want)
		}
	}
}

// feynmanRow is one equation of the copied Feynman table.
type feynmanRow struct {
	id, formula string
	vars        []string
	lo, hi      []float64
}

func loadFeynman(t testing.TB) []feynmanRow {
	t.Helper()
	f, err := os.Open("../../testdata/feynman/FeynmanEquations.csv")
	if err != nil {
		t.Skipf("Feynman table missing: %v", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []feynmanRow
	for _, rec := range recs[1:] {
		if len(rec) < 4 || strings.TrimSpace(rec[0]) == "" {
			continue
		}
		row := feynmanRow{id: rec[0], formula: rec[3]}
		for i := 5; i+2 < len(rec); i += 3 {
			if rec[i] == "" {
				continue
			}
			lo, err1 := strconv.ParseFloat(strings.TrimSpace(rec[i+1]), 64)
			hi, err2 := strconv.ParseFloat(strings.TrimSpace(rec[i+2]), 64)
			if err1 != nil || err2 != nil {
				t.Fatalf("%s: bad range %q..%q", rec[0], rec[i+1], rec[i+2])
			}
			row.vars = append(row.vars, rec[i])
			row.lo = append(row.lo, lo)
			row.hi = append(row.hi, hi)
		}
		out = append(out, row)
	}
	return out
}

func TestParseFeynman(t *testing.T) {
	rows := loadFeynman(t)
	if len(rows) != 100 {
		t.Fatalf("got %d equations, want 100", len(rows))
	}
	for _, row := range rows {
		n, err := Parse(row.formula, row.vars)
		if err != nil {
			t.Errorf("%s %q: %v", row.id, row.formula, err)
			continue
		}
		back, err := Parse(Format(n, row.vars), row.vars)
		if err != nil || !Equal(n, back) {
			t.Errorf("%s: print/parse changed %q -> %q (%v)", row.id, row.formula, Format(n, row.vars), err)
		}
		// Inside the ranges these laws are finite.
		x := make([]float64, len(row.vars))
		for i := range x {
			x[i] = row.lo[i] + (0.3+0.07*float64(i))*(row.hi[i]-row.lo[i])
		}
		v := n.EvalAt(x)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Errorf("%s: %q is %v inside its ranges", row.id, row.formula, v)
		}
		// The compiled program agrees with the tree walk.
		cols := make([][]float64, len(x))
		for i := range cols {
			cols[i] = []float64{x[i]}
		}
		out := []float64{0}
		NewEvaluator().Eval64(Compile(n), cols, out)
		if !closeTo(out[0], v, 1e-12) {
			t.Errorf("%s: compiled %v, tree %v", row.id, out[0], v)
		}
	}
}
