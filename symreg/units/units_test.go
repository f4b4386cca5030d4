package units

import (
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/symreg/expr"
)

const pendulumUnits = "\ufeffVariable,Units,m,s,kg,\r\n" +
	"L,Length,1,0,0,\r\n" +
	"g,Acceleration,1,-2,0,\r\n" +
	"m,Mass,0,0,1,\r\n" +
	"T,Time,0,1,0,\r\n" +
	",,,,,\r\n"

func readUnitsString(t *testing.T, s string) *Table {
	t.Helper()
	u, err := Read(strings.NewReader(s), "u.csv")
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestReadLayout(t *testing.T) {
	u := readUnitsString(t, pendulumUnits)
	if !slices.Equal(u.Bases, []string{"m", "s", "kg"}) || u.Len() != 4 {
		t.Fatalf("bases %v, %d variables", u.Bases, u.Len())
	}
	if u.Describe("g") != "Acceleration" {
		t.Errorf("describe g = %q", u.Describe("g"))
	}
	v, err := u.Lookup("g", "T")
	if err != nil {
		t.Fatal(err)
	}
	if v[0][1].Cmp(big.NewRat(-2, 1)) != 0 || v[1][1].Cmp(big.NewRat(1, 1)) != 0 {
		t.Errorf("g, T = %v, %v", v[0], v[1])
	}
	// Fractions and empty cells (= 0); columns in another order, no Units column.
	u = readUnitsString(t, "s,Variable,m\n1/2,x,\n")
	v, _ = u.Lookup("x")
	if v[0][0].Cmp(big.NewRat(1, 2)) != 0 || v[0][1].Sign() != 0 {
		t.Errorf("x = %v", v[0])
	}
}

func TestReadErrors(t *testing.T) {
	cases := []struct{ src, want string }{
		{"", "u.csv: empty units table"},
		{"Units,m\nx,1\n", "u.csv:1: no column named Variable"},
		{"Variable,Units\nx,Length\n", "u.csv:1: no base unit columns"},
		{"Variable,m,s\nx,1,zwei\n", `u.csv:2:5: unit exponent "zwei" of s for "x"`},
		{"Variable,m\nx,1\nx,2\n", `u.csv:3:1: variable "x" listed twice`},
		{"Variable,m\nx,1e9999\n", `u.csv:2:3: unit exponent "1e9999" of m for "x" is out of range`},
		{"Variable,m\nx,-1001\n", `u.csv:2:3: unit exponent "-1001" of m for "x" is out of range`},
		{"Variable,m\nx,1/1001\n", `u.csv:2:3: unit exponent "1/1001" of m for "x" is out of range`},
		{"Variable,m\n,1\n", "u.csv:2:1: empty variable name"},
		{"Variable,m,\nx,1,7\n", `u.csv:2:5: cell "7" in a column without a header`},
		{"Variable,m,m\nx,1,1\n", `u.csv:1:12: base unit "m" named twice`},
		{"Variable,m\n", "u.csv: units table lists no variables"},
		{"Variable,m\n\"x,1\n", "u.csv:2:"},
	}
	for _, c := range cases {
		_, err := Read(strings.NewReader(c.src), "u.csv")
		if err == nil || !strings.HasPrefix(err.Error(), c.want) || !inputerr.Is(err) {
			t.Errorf("%q: err = %v, want prefix %q", c.src, err, c.want)
		}
	}
	u := readUnitsString(t, pendulumUnits)
	_, err := u.Lookup("L", "rho", "g", "zeta")
	if err == nil || !strings.Contains(err.Error(), `"rho", "zeta"`) {
		t.Errorf("lookup err = %v", err)
	}
}

func ratVec(t *testing.T, v []*big.Rat) []string {
	t.Helper()
	out := make([]string, len(v))
	for i, x := range v {
		out[i] = x.RatString()
	}
	return out
}

// The pendulum: T from L, g, m. The mass is the only quantity with kg, so it
// cannot appear: P = sqrt(L/g) and no group is left.
func TestReducePendulum(t *testing.T) {
	u := readUnitsString(t, pendulumUnits)
	r, err := u.Reduce([]string{"L", "m", "g"}, "T")
	if err != nil {
		t.Fatal(err)
	}
	if got := ratVec(t, r.Prefactor); !slices.Equal(got, []string{"1/2", "0", "-1/2"}) {
		t.Errorf("prefactor exponents %v", got)
	}
	if r.NumGroups() != 0 {
		t.Errorf("groups %v", r.Groups)
	}
	if s := r.PrefactorString(); s != "sqrt(L/g)" {
		t.Errorf("prefactor %q", s)
	}
	// Two lengths: their ratio is the one group.
	r, err = u.Reduce([]string{"L", "g", "m", "L2"}, "T")
	if err == nil {
		t.Fatalf("L2 has no units but reduced: %v", r)
	}
}

// Coulomb's law F = q1·q2/(4π·ε·r²): one group (the charge ratio).
func TestReduceCoulomb(t *testing.T) {
	u := readUnitsString(t, "Variable,m,s,kg,V\n"+
		"q1,2,-2,1,-1\nq2,2,-2,1,-1\nepsilon,1,-2,1,-2\nr,1,0,0,0\nF,1,-2,1,0\n")
	r, err := u.Reduce([]string{"q1", "q2", "epsilon", "r"}, "F")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Groups) != 1 || !slices.Equal(r.Groups[0], []int64{-1, 1, 0, 0}) {
		t.Fatalf("groups %v", r.Groups)
	}
	if s := r.GroupNames()[0]; s != "q2/q1" {
		t.Errorf("group %q", s)
	}
	// Without data: the fewest variables, q1²/(ε·r²).
	if got := ratVec(t, r.Prefactor); !slices.Equal(got, []string{"2", "0", "-1", "-2"}) {
		t.Errorf("prefactor %v", got)
	}
	// With data of the true law the power law q1·q2/(ε·r²) is exact and wins.
	cols, y := randomColumns(4, 50, 3, func(x []float64) float64 { return x[0] * x[1] / (4 * math.Pi * x[2] * x[3] * x[3]) })
	r.Adapt(cols, y)
	if got := ratVec(t, r.Prefactor); !slices.Equal(got, []string{"1", "1", "-1", "-2"}) {
		t.Errorf("adapted prefactor %v (%s)", got, r.PrefactorString())
	}
	// Expand(2·π) = 2·π·P (Adapt may have turned q2/q1 into q1/q2).
	e := r.Expand(&expr.Node{Op: expr.OpMul, L: expr.Const(2), R: &expr.Node{Op: expr.OpVar, Var: 0}})
	x := []float64{1.5, 2.5, 3, 0.5}
	pi := 2.5 / 1.5
	if r.Groups[0][0] > 0 {
		pi = 1 / pi
	}
	if got, want := e.EvalAt(x), 2*pi*1.5*2.5/(3*0.25); math.Abs(got-want) > 1e-12*want {
		t.Errorf("expand = %g (%s), want %g", got, expr.Format(e, r.Names), want)
	}
}

// A dimensionless input stays a group of its own and never enters P; a
// target no input product can make is not applicable.
func TestReduceDimensionless(t *testing.T) {
	u := readUnitsString(t, "Variable,m,s\ntheta,0,0\nx,1,0\nv,1,-1\nt,0,1\na,1,-2\n")
	r, err := u.Reduce([]string{"theta", "x", "t"}, "v")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Groups) != 1 || !slices.Equal(r.Groups[0], []int64{1, 0, 0}) {
		t.Errorf("groups %v", r.Groups)
	}
	if r.PrefactorString() != "x/t" {
		t.Errorf("prefactor %s", r.PrefactorString())
	}
	if _, err := u.Reduce([]string{"theta", "x"}, "v"); !errors.Is(err, ErrNotApplicable) {
		t.Errorf("v from x alone: %v", err)
	}
	r, _ = u.Reduce([]string{"theta"}, "theta")
	if !r.Trivial() {
		t.Errorf("all dimensionless should be trivial: %+v", r)
	}
	// A fractional prefactor reaches an integer one through a group:
	// x1 (m²) and x2 (m), target m → x2, not sqrt(x1).
	u = readUnitsString(t, "Variable,m\nA,2\nd,1\n")
	r, _ = u.Reduce([]string{"A", "d"}, "d")
	if r.PrefactorString() != "d" || r.GroupNames()[0] != "d*d/A" && r.GroupNames()[0] != "A/(d*d)" {
		t.Errorf("P = %s, π = %v", r.PrefactorString(), r.GroupNames())
	}
}

func TestPowerProductShapes(t *testing.T) {
	names := []string{"a", "b", "c"}
	cases := []struct {
		e    []*big.Rat
		want string
	}{
		{[]*big.Rat{big.NewRat(1, 2), big.NewRat(-1, 2), new(big.Rat)}, "sqrt(a/b)"},
		{[]*big.Rat{big.NewRat(3, 2), new(big.Rat), big.NewRat(-1, 1)}, "a*sqrt(a)/c"},
		{[]*big.Rat{big.NewRat(-2, 1), new(big.Rat), new(big.Rat)}, "1/(a*a)"},
		{[]*big.Rat{big.NewRat(5, 1), new(big.Rat), big.NewRat(1, 3)}, "a^5*c^0.3333333333333333"},
	}
	for _, c := range cases {
		tr := powerProduct(c.e)
		if got := expr.Format(tr, names); got != c.want {
			t.Errorf("%v: %q, want %q", ratVec(t, c.e), got, c.want)
		}
		x := []float64{1.7, 2.3, 0.6}
		want := 1.0
		for i, e := range c.e {
			f, _ := e.Float64()
			want *= math.Pow(x[i], f)
		}
		if got := tr.EvalAt(x); math.Abs(got-want) > 1e-12*want {
			t.Errorf("%s = %g, want %g", c.want, got, want)
		}
	}
	if powerProduct([]*big.Rat{new(big.Rat)}) != nil {
		t.Error("x^0 should be nil (1)")
	}
}

// randomColumns: n columns uniform in [1, 1+span), y = f(row).
func randomColumns(n, rows int, span float64, f func([]float64) float64) (cols [][]float64, y []float64) {
	rng := rand.New(rand.NewPCG(3, 4))
	y = make([]float64, rows)
	for range n {
		c := make([]float64, rows)
		for i := range c {
			c[i] = 1 + span*rng.Float64()
		}
		cols = append(cols, c)
	}
	x := make([]float64, n)
	for i := range rows {
		for k := range n {
			x[k] = cols[k][i]
		}
		y[i] = f(x)
	}
	return cols, y
}

// FuzzReadUnits: any input gives a table or an input error, never a panic,
// and every variable of a table has one exponent per base unit.
func FuzzRead(f *testing.F) {
	f.Add(pendulumUnits)
	f.Add("Variable,m\nx,1/0\n")
	f.Add("Variable,m,\"\nx,1\n")
	f.Add("\ufeffVariable,Units,m,s,\nA,Area,2,0,\n,,,,\n")
	f.Fuzz(func(t *testing.T, src string) {
		u, err := Read(strings.NewReader(src), "f.csv")
		if err != nil {
			if !inputerr.Is(err) {
				t.Fatalf("not an input error: %v", err)
			}
			return
		}
		for name := range u.units {
			v, err := u.Lookup(name)
			if err != nil || len(v[0]) != len(u.Bases) {
				t.Fatalf("%q: %v %v", name, v, err)
			}
		}
	})
}
