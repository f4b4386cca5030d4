package expr

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/ansatz/ansatz/internal/feynman"
)

// Recorded search results (bench/results, Feynman runs with units) come
// out as the textbook writes them; bounds are positive where the
// rewrite needs it (sqrt(x*x/d/d) is |x|/|d| in general).
func TestCanonicalExamples(t *testing.T) {
	pos := []Interval{{1, 5}, {1, 5}, {1, 5}, {1, 5}, {1, 5}, {1, 5}}
	cases := []struct {
		in     string
		names  []string
		bounds []Interval
		want   string
	}{
		{"omega_0*(85.82651450693545*(365.23546296305176*v/c - 0.018727169092249144)/(31345.27947279578 - 31345.279472795744*v/c) + 1.000051276864547)",
			[]string{"omega_0", "v", "c"}, nil, "omega_0/(1 - v/c)"},
		{"m*v*v*(0.9887851137380137 - 0.5*(0.9775702274760272 - u/v - u*(u/v - 1)/v - w*w/v/v))",
			[]string{"m", "v", "u", "w"}, nil, "m*(v^2 + u^2 + w^2)/2"},
		{"Y*A*sqrt(x*x/d/d)", []string{"Y", "A", "x", "d"}, pos, "Y*A*x/d"},
		{"Y*A*sqrt(x*x/d/d)", []string{"Y", "A", "x", "d"}, nil, "Y*A*abs(x)/abs(d)"},
		{"0.3989422804014322*exp(-0.5*(theta*theta))", []string{"theta"}, nil, "exp(-theta^2/2)/sqrt(2*pi)"},
		{"0.07957747154594767*(q1*q2)/epsilon/r/r", []string{"q1", "q2", "epsilon", "r"}, nil, "q1*q2/(4*pi*epsilon*r^2)"},
		{"0.49999999999999994*(k*x*x)", []string{"k", "x"}, nil, "k*x^2/2"},
		{"m2*m2*G*(r1*(m1/m2 + r2/r1)/r2 - m1/m2 - 1)/r1", []string{"m1", "m2", "r1", "r2", "G"}, nil, "m1*m2*G*(1/r2 - 1/r1)"},
		{"10.835408106847888*m_0/sqrt(117.40606884192167 - 117.40606884191271*(v*v)/c/c)", []string{"m_0", "v", "c"}, nil, "m_0/sqrt(1 - v^2/c^2)"},
		{"10.835408106847888*m_0/sqrt(117.40606884192167 - 117.40606884191271*(v*v)/c/c)", []string{"m_0", "v", "c"}, pos, "m_0/sqrt(1 - v^2/c^2)"},
		{"r2*(m2/m1 + r1/r2)/(m2/m1 + 1)", []string{"m1", "m2", "r1", "r2"}, nil, "(m1*r1 + m2*r2)/(m1 + m2)"},
		{"x1*x1*(0.005232515856368418*(191.11265545099303*(y2*(x2/x1 + x3*y3/x1/y2))/x1 - 239.75410831276022) + y1/x1 + 1.2545171733759943)",
			[]string{"x1", "x2", "x3", "y1", "y2", "y3"}, nil, "x1*y1 + x2*y2 + x3*y3"},
		{"q*Ef*(B*v*sin(theta)/Ef + 1)", []string{"q", "Ef", "B", "v", "theta"}, nil, "q*(Ef + B*v*sin(theta))"},
		{"n_0/exp(m*x*g/T/kb)", []string{"n_0", "m", "x", "g", "T", "kb"}, nil, "n_0*exp(-m*x*g/(T*kb))"},
		{"x0*x0", nil, nil, "x0^2"},
		{"x0*x0*x0/x0", nil, nil, "x0^2"},
		{"sqrt(x0)*sqrt(x0)", nil, nil, "x0"},
		{"exp(log(x0))", nil, nil, "x0"},
		{"log(exp(x0 + 1))", nil, nil, "x0 + 1"},
		{"exp(x0)*exp(x1)/exp(x0)", nil, nil, "exp(x1)"},
		{"abs(x0)", nil, pos, "x0"},
		{"sin(1.5707963267948966 - x0)", nil, nil, "cos(x0)"},
		{"cos(x0 + 3.141592653589793)", nil, nil, "-cos(x0)"},
		{"sin(-x0)", nil, nil, "-sin(x0)"},
		{"cos(-x0)", nil, nil, "cos(x0)"},
		{"6.283185307179586*x0", nil, nil, "2*pi*x0"},
		{"x0*0.5 + x1*0.5", nil, nil, "(x0 + x1)/2"},
		{"x1 + x0 - x0", nil, nil, "x1"},
		{"(x0 + x1)*(x0 - x1)", nil, nil, "x0^2 - x1^2"},
		{"(x0 + x1)^2", nil, nil, "(x0 + x1)^2"},
		{"n_rho*mom*(1 - 2/(exp(2*mom*B/(kb*T)) + 1))", []string{"n_rho", "mom", "B", "kb", "T"}, nil, "n_rho*mom*tanh(mom*B/(kb*T))"},
		{"mom*Bz*sqrt(Bx^2/Bz^2 + By^2/Bz^2 + 1)", []string{"mom", "Bx", "By", "Bz"}, pos, "mom*sqrt(Bx^2 + By^2 + Bz^2)"},
		{"mom*Bz*sqrt(Bx^2/Bz^2 + By^2/Bz^2 + 1)", []string{"mom", "Bx", "By", "Bz"}, nil, "mom*Bz*sqrt(Bx^2 + By^2 + Bz^2)/abs(Bz)"},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			n, err := Parse(c.in, c.names)
			if err != nil {
				t.Fatal(err)
			}
			before := n.String()
			if got := FormatDigits(Canonical(n, CanonOptions{Bounds: c.bounds}), c.names, 6); got != c.want {
				t.Errorf("got %s, want %s", got, c.want)
			}
			if n.String() != before {
				t.Errorf("input changed to %s", n)
			}
		})
	}
}

// The tiny-argument rule replaces sin and tan of an argument whose
// relative effect stays within Tiny over the bounds, and only then.
func TestCanonicalTinyArgument(t *testing.T) {
	n, _ := Parse("x1*sin(0.001*x0)", nil)
	b := []Interval{{1, 5}, {1, 5}}
	if got := Canonical(n, CanonOptions{Bounds: b, Tiny: 1e-4}).String(); got != "0.001*x0*x1" {
		t.Errorf("tiny argument kept: %s", got)
	}
	if got := Canonical(n, CanonOptions{Bounds: b, Tiny: 1e-8}).String(); got != "x1*sin(0.001*x0)" {
		t.Errorf("argument not tiny enough, still replaced: %s", got)
	}
	if got := Canonical(n, CanonOptions{Bounds: b}).String(); got != "x1*sin(0.001*x0)" {
		t.Errorf("rule applied with Tiny 0: %s", got)
	}
}

// Formulas that are equal print equally.
func TestCanonicalEqualFormulasPrintEqually(t *testing.T) {
	for _, group := range [][]string{
		{"x0*x1 + x1*x0", "2*x1*x0", "x0*(x1 + x1)"},
		{"(x0 + x1)/x2", "x0/x2 + x1/x2", "(x1 + x0)*x2^-1"},
		{"x0/(1 - x1)", "-x0/(x1 - 1)", "x0*(1/(1 - x1))"},
		{"exp(x0)*exp(-x1)", "exp(x0 - x1)", "exp(x0)/exp(x1)"},
		{"0.5*x0*x0", "x0^2/2", "square(x0)*0.5"},
	} {
		var first string
		for i, src := range group {
			n, err := Parse(src, nil)
			if err != nil {
				t.Fatal(err)
			}
			got := Canonical(n, CanonOptions{}).String()
			if i == 0 {
				first = got
			} else if got != first {
				t.Errorf("%s → %s, but %s → %s", src, got, group[0], first)
			}
		}
	}
}

// Canonical keeps values: at random points where the formula is defined
// (inside the bounds it was given), the canonical tree agrees to rounding.
// Checked on every Feynman formula and on random trees.
func TestCanonicalKeepsValues(t *testing.T) {
	eqs, err := feynman.Read("../../testdata/feynman/FeynmanEquations.csv")
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(8, 9))
	for _, eq := range eqs {
		n, err := Parse(eq.Formula, eq.Names())
		if err != nil {
			t.Fatal(err)
		}
		b := make([]Interval, len(eq.Vars))
		for k, v := range eq.Vars {
			b[k] = Interval{v.Lo, v.Hi}
		}
		checkSameValues(t, eq.Name, n, Canonical(n, CanonOptions{Bounds: b}), b, rng)
	}
	ops := []Op{OpAdd, OpSub, OpMul, OpDiv, OpNeg, OpSquare, OpSqrt, OpExp, OpLog, OpSin, OpCos, OpAbs, OpPow}
	free := []Interval{{-3, 3}, {-3, 3}, {-3, 3}}
	pos := []Interval{{0.5, 3}, {0.5, 3}, {0.5, 3}}
	for i := 0; i < 1500; i++ {
		n := RandomTree(rng, 3+rng.IntN(16), 3, ops, 0.3)
		checkSameValues(t, n.String(), n, Canonical(n, CanonOptions{}), free, rng)
		checkSameValues(t, n.String(), n, Canonical(n, CanonOptions{Bounds: pos}), pos, rng)
	}
}

// checkSameValues compares a and b at random points of the box.
func checkSameValues(t *testing.T, name string, a, b *Node, box []Interval, rng *rand.Rand) {
	t.Helper()
	x := make([]float64, len(box))
	for i := 0; i < 40; i++ {
		for k, r := range box {
			x[k] = r.Lo + (r.Hi-r.Lo)*rng.Float64()
		}
		va := a.EvalAt(x)
		if math.IsNaN(va) || math.IsInf(va, 0) || math.Abs(va) > 1e150 || math.Abs(va) < 1e-150 || illConditioned(a, x, va) || roundingDecides(a, x, va, rng) {
			continue
		}
		vb := b.EvalAt(x)
		if !(math.Abs(va-vb) <= 1e-7*math.Abs(va)+1e-9*magnitude1(a, x)) {
			t.Errorf("%s: %s = %v but canonical %s = %v at %v", name, a, va, b, vb, x)
			return
		}
	}
}

// roundingDecides reports whether a's value at x is at the mercy of
// float rounding, so that an exact rewrite may legitimately give another
// number: a subtree overflows or underflows (exp(728) = Inf, a pow
// flushed to 0), or perturbing every operation's result by a relative
// 1e-13 (a few roundings) moves the value by more than 1e-7 (log(exp(z))
// for a tiny z, x − sqrt(x)^2).
func roundingDecides(a *Node, x []float64, va float64, rng *rand.Rand) bool {
	if extreme(a, x) {
		return true
	}
	for i := 0; i < 3; i++ {
		if v := evalPerturbed(a, x, rng); !(math.Abs(v-va) <= 1e-7*math.Abs(va)) {
			return true
		}
	}
	return false
}

// extreme reports a subtree whose value is huge, tiny, or flushed to 0 or
// ±Inf from finite non-zero arguments.
func extreme(a *Node, x []float64) bool {
	if a == nil || a.L == nil {
		return false
	}
	v := math.Abs(a.EvalAt(x))
	if v > 1e100 || (v != 0 && v < 1e-20) {
		return true
	}
	if v == 0 && a.Op != OpSub && a.Op != OpAdd {
		l := math.Abs(a.L.EvalAt(x))
		if l != 0 && (a.R == nil || a.R.EvalAt(x) != 0) {
			return true
		}
	}
	return extreme(a.L, x) || extreme(a.R, x)
}

// evalPerturbed is EvalAt with every operation's result multiplied by
// 1 + u·1e-13, u uniform in [-1, 1].
func evalPerturbed(n *Node, x []float64, rng *rand.Rand) float64 {
	switch n.Op {
	case OpConst:
		return n.Value
	case OpVar:
		return x[n.Var]
	}
	a := evalPerturbed(n.L, x, rng)
	var b float64
	if n.R != nil {
		b = evalPerturbed(n.R, x, rng)
	}
	return Apply(n.Op, a, b) * (1 + 1e-13*(2*rng.Float64()-1))
}

// magnitude1 bounds the rounding of a's evaluation: the largest absolute
// value of any subtree at x (cancellation loses digits relative to it).
func magnitude1(a *Node, x []float64) float64 {
	if a == nil {
		return 0
	}
	m := max(magnitude1(a.L, x), magnitude1(a.R, x))
	if v := math.Abs(a.EvalAt(x)); v > m { // NaN subtrees (1^NaN = 1) do not count
		m = v
	}
	return m
}

func TestSimpleNear(t *testing.T) {
	cases := []struct {
		v    float64
		want string
	}{
		{2 * math.Pi, "2*pi"}, {0.5, "1/2"}, {1 / (4 * math.Pi), "1/(4*pi)"},
		{4 * math.Pi * math.Pi, "4*pi^2"}, {1 / math.Sqrt(2*math.Pi), "1/sqrt(2*pi)"},
		{-1.5, "-(3/2)"}, {math.Sqrt(2), "sqrt(2)"}, {math.Ln2, "log(2)"}, {math.E, "e"},
	}
	for _, c := range cases {
		s, ok := SimpleOf(c.v, 1e-12)
		if !ok {
			t.Errorf("%v: no simple value", c.v)
			continue
		}
		if got := FormatDigits(s.Tree(), nil, 0); got != c.want {
			t.Errorf("%v: %s, want %s", c.v, got, c.want)
		}
		if s.Value() != c.v && math.Abs(s.Value()-c.v) > 4e-16*math.Abs(c.v) {
			t.Errorf("%v: value %v", c.v, s.Value())
		}
	}
	if _, ok := SimpleOf(6.2832, 1e-9); ok {
		t.Error("6.2832 taken for 2π at 1e-9")
	}
	if got := SimpleNear(6.2832, 1e-5, nil); len(got) == 0 || FormatDigits(got[0].Tree(), nil, 0) != "2*pi" {
		t.Errorf("6.2832 within 1e-5: %v", got)
	}
	if got := SimpleNear(0.0031416, 1e-5, []int{0, -3}); len(got) == 0 || got[0].Ten != -3 {
		t.Errorf("π·10⁻³ not found with the power of ten: %v", got)
	}
}
