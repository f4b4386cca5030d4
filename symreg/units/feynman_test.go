package units

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/internal/feynman"
	"github.com/ansatz/ansatz/symreg/expr"
)

// readFeynman reads the copied Feynman equation table (100 equations).
func readFeynman(t *testing.T) []feynman.Equation {
	t.Helper()
	eqs, err := feynman.Read("../../testdata/feynman/FeynmanEquations.csv")
	if err != nil {
		t.Fatal(err)
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
		truth, err := expr.Parse(eq.Formula, eq.Names())
		if err != nil {
			t.Fatalf("%s: %v", eq.Name, err)
		}
		red, err := units.Reduce(eq.Names(), eq.Output)
		if err != nil {
			t.Errorf("%s: %v", eq.Name, err)
			continue
		}
		applied++
		groups += red.NumGroups()
		vars += len(eq.Names())
		if why, bad := knownUnitFaults[eq.Name]; bad {
			t.Logf("%s skipped: %s", eq.Name, why)
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

func checkUnitsSound(t *testing.T, eq feynman.Equation, truth *expr.Node, red *Reduction, units *Table, rng *rand.Rand) {
	t.Helper()
	n := len(eq.Names())
	uv, _ := units.Lookup(append(append([]string(nil), eq.Names()...), eq.Output)...)
	// Groups are dimensionless: Σ_i g_i·u_i = 0 for each base unit.
	for j, g := range red.Groups {
		for b := range units.Bases {
			s := 0.0
			for i, e := range g {
				f, _ := uv[i][b].Float64()
				s += float64(e) * f
			}
			if s != 0 {
				t.Errorf("%s: group %d %v has %s exponent %g", eq.Name, j, g, units.Bases[b], s)
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
			t.Errorf("%s: prefactor has %s exponent %g, target %g", eq.Name, units.Bases[b], s, want)
		}
	}
	const rows = 20
	var x [][]float64
	y := make([]float64, rows)
	for i := range n {
		c := make([]float64, rows)
		for r := range c {
			c[r] = eq.Vars[i].Lo + (eq.Vars[i].Hi-eq.Vars[i].Lo)*rng.Float64()
		}
		x = append(x, c)
	}
	var ev expr.Evaluator
	ev.Eval64(expr.Compile(truth), x, y)
	red.Adapt(x, y)
	if testing.Verbose() {
		t.Logf("%-10s %-45s P=%-28s π=%v", eq.Name, eq.Formula, red.PrefactorString(), red.GroupNames())
	}
	gx, gy, err := red.Apply(x, y)
	if err != nil {
		t.Errorf("%s: Apply: %v", eq.Name, err)
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
		t.Errorf("%s: Apply (rescaled): %v", eq.Name, err)
		return
	}
	for r := range rows {
		if !closeRel(gy[r], sgy[r], 1e-9) {
			t.Errorf("%s: y/P changes under a change of units: %g vs %g (P = %s)", eq.Name, gy[r], sgy[r], red.PrefactorString())
			break
		}
		for j := range gx {
			if !closeRel(gx[j][r], sgx[j][r], 1e-9) {
				t.Errorf("%s: group %s changes under a change of units", eq.Name, red.GroupNames()[j])
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
			t.Errorf("%s: Expand(1+Σπ) = %g, want %g (%s)", eq.Name, got[r], want, expr.Format(exp, eq.Names()))
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
