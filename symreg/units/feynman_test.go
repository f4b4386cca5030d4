package units

import (
	"encoding/csv"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/symreg/expr"
)

// feynmanEq is one row of testdata/feynman/FeynmanEquations.csv.
type feynmanEq struct {
	name, output, formula string
	vars                  []string
	lo, hi                []float64
}

// readFeynman reads the equation table (BOM, CRLF, empty rows; the
// variables are the non-empty vN_name columns).
func readFeynman(t *testing.T) []feynmanEq {
	t.Helper()
	f, err := os.Open("../../testdata/feynman/FeynmanEquations.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for j, h := range recs[0] {
		col[strings.TrimPrefix(h, "\ufeff")] = j
	}
	var eqs []feynmanEq
	for _, rec := range recs[1:] {
		get := func(h string) string {
			if j, ok := col[h]; ok && j < len(rec) {
				return strings.TrimSpace(rec[j])
			}
			return ""
		}
		if get("Filename") == "" {
			continue
		}
		e := feynmanEq{name: get("Filename"), output: get("Output"), formula: get("Formula")}
		for k := 1; k <= 10; k++ {
			v := get("v" + strconv.Itoa(k) + "_name")
			if v == "" {
				continue
			}
			lo, err1 := strconv.ParseFloat(get("v"+strconv.Itoa(k)+"_low"), 64)
			hi, err2 := strconv.ParseFloat(get("v"+strconv.Itoa(k)+"_high"), 64)
			if err1 != nil || err2 != nil {
				t.Fatalf("%s: bad range of %s", e.name, v)
			}
			e.vars, e.lo, e.hi = append(e.vars, v), append(e.lo, lo), append(e.hi, hi)
		}
		eqs = append(eqs, e)
	}
	if len(eqs) != 100 {
		t.Fatalf("read %d equations, want 100", len(eqs))
	}
	return eqs
}

func loadFeynmanUnits(t *testing.T) *Table {
	t.Helper()
	u, err := Load("../../testdata/feynman/units.csv")
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestUnitsFeynmanExpandReduce checks, for every equation of the Feynman
// table, that the reduction is sound: groups are dimensionless and P has
// the target's units (exactly, from the table); on random points of the
// equation's ranges, y/P and the π's are unchanged when the inputs are
// rescaled as a change of base units rescales them (so y/P = g(π) for
// some g: the truth survives Reduce), and Expand of a formula over the
// groups equals P times that formula evaluated on Apply's columns. Every
// equation must reduce (the table gives units for all its variables).
func TestUnitsFeynmanExpandReduce(t *testing.T) {
	units := loadFeynmanUnits(t)
	rng := rand.New(rand.NewPCG(7, 7))
	var applied, groups, vars int
	for _, eq := range readFeynman(t) {
		truth, err := expr.Parse(eq.formula, eq.vars)
		if err != nil {
			t.Fatalf("%s: %v", eq.name, err)
		}
		red, err := units.Reduce(eq.vars, eq.output)
		if err != nil {
			t.Errorf("%s: %v", eq.name, err)
			continue
		}
		applied++
		groups += red.NumGroups()
		vars += len(eq.vars)
		if why, bad := knownUnitFaults[eq.name]; bad {
			t.Logf("%s skipped: %s", eq.name, why)
			continue
		}
		checkUnitsSound(t, eq, truth, red, units, rng)
	}
	t.Logf("%d equations reduced; %d variables → %d dimensionless groups", applied, vars, groups)
}

// knownUnitFaults are equations the units table contradicts.
var knownUnitFaults = map[string]string{
	"I.43.16": "units.csv gives mu_drift the units of 1/mobility (s⁻¹·kg), but v = mu_drift·q·Volt/d needs a mobility (s·kg⁻¹)",
}

func checkUnitsSound(t *testing.T, eq feynmanEq, truth *expr.Node, red *Reduction, units *Table, rng *rand.Rand) {
	t.Helper()
	n := len(eq.vars)
	uv, _ := units.Lookup(append(append([]string(nil), eq.vars...), eq.output)...)
	// Groups are dimensionless: Σ_i g_i·u_i = 0 for each base unit.
	for j, g := range red.Groups {
		for b := range units.Bases {
			s := 0.0
			for i, e := range g {
				f, _ := uv[i][b].Float64()
				s += float64(e) * f
			}
			if s != 0 {
				t.Errorf("%s: group %d %v has %s exponent %g", eq.name, j, g, units.Bases[b], s)
			}
		}
	}
	// The prefactor has the target's units.
	for b := range units.Bases {
		s := 0.0
		for i, p := range red.Prefactor {
			pf, _ := p.Float64()
			f, _ := uv[i][b].Float64()
			s += pf * f
		}
		want, _ := uv[n][b].Float64()
		if math.Abs(s-want) > 1e-12 {
			t.Errorf("%s: prefactor has %s exponent %g, target %g", eq.name, units.Bases[b], s, want)
		}
	}
	const rows = 20
	var x [][]float64
	y := make([]float64, rows)
	for i := range n {
		c := make([]float64, rows)
		for r := range c {
			c[r] = eq.lo[i] + (eq.hi[i]-eq.lo[i])*rng.Float64()
		}
		x = append(x, c)
	}
	var ev expr.Evaluator
	ev.Eval64(expr.Compile(truth), x, y)
	red.Adapt(x, y)
	if testing.Verbose() {
		t.Logf("%-10s %-45s P=%-28s π=%v", eq.name, eq.formula, red.PrefactorString(), red.GroupNames())
	}
	gx, gy, err := red.Apply(x, y)
	if err != nil {
		t.Errorf("%s: Apply: %v", eq.name, err)
		return
	}
	// Rescale the base units by random factors s_b: x_i → x_i·Π s_b^u_ib.
	// A dimensionally consistent law keeps y/P (= g(π)) unchanged.
	scale := make([]float64, len(units.Bases))
	for b := range scale {
		scale[b] = math.Exp(rng.Float64()*2 - 1)
	}
	var sx [][]float64
	sy := make([]float64, rows)
	for i := range n {
		f := 1.0
		for b, s := range scale {
			e, _ := uv[i][b].Float64()
			f *= math.Pow(s, e)
		}
		c := make([]float64, rows)
		for r := range c {
			c[r] = x[i][r] * f
		}
		sx = append(sx, c)
	}
	ev.Eval64(expr.Compile(truth), sx, sy)
	sgx, sgy, err := red.Apply(sx, sy)
	if err != nil {
		t.Errorf("%s: Apply (rescaled): %v", eq.name, err)
		return
	}
	for r := range rows {
		if !closeRel(gy[r], sgy[r], 1e-9) {
			t.Errorf("%s: y/P changes under a change of units: %g vs %g (P = %s)", eq.name, gy[r], sgy[r], red.PrefactorString())
			break
		}
		for j := range gx {
			if !closeRel(gx[j][r], sgx[j][r], 1e-9) {
				t.Errorf("%s: group %s changes under a change of units", eq.name, red.GroupNames()[j])
				break
			}
		}
	}
	// Expand maps g over the groups to P·g over the variables: check it on
	// g = 1 + Σπ_j against P·(1 + Σπ_j) from Apply's columns (P = y/(y/P)).
	g := expr.Const(1)
	for j := range red.Groups {
		g = &expr.Node{Op: expr.OpAdd, L: g, R: &expr.Node{Op: expr.OpVar, Var: j}}
	}
	exp := red.Expand(g)
	got := make([]float64, rows)
	ev.Eval64(expr.Compile(exp), x, got)
	for r := range rows {
		s := 1.0
		for j := range gx {
			s += gx[j][r]
		}
		want := y[r] / gy[r] * s // P·(1+Σπ)
		if !closeRel(got[r], want, 1e-9) {
			t.Errorf("%s: Expand(1+Σπ) = %g, want %g (%s)", eq.name, got[r], want, expr.Format(exp, eq.vars))
			break
		}
	}
}

func closeRel(a, b, tol float64) bool {
	return math.Abs(a-b) <= tol*math.Max(math.Abs(a), math.Abs(b)) || a == b
}

// TestUnitsFeynmanNotApplicable: a variable the table lacks is reported by name.
func TestUnitsFeynmanNotApplicable(t *testing.T) {
	units := loadFeynmanUnits(t)
	_, err := units.Reduce([]string{"m", "nosuch"}, "F")
	if !errors.Is(err, ErrNotApplicable) || !strings.Contains(err.Error(), `"nosuch"`) {
		t.Fatalf("err = %v", err)
	}
	// A force from a mass and a length alone is impossible.
	_, err = units.Reduce([]string{"m", "x"}, "F")
	if !errors.Is(err, ErrNotApplicable) {
		t.Fatalf("err = %v", err)
	}
}
