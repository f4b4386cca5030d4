package lawjudge

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/internal/feynman"
	"github.com/ansatz/ansatz/symreg/expr"
)

// equations reads the Feynman table from the repository's testdata.
func equations(t *testing.T) map[string]feynman.Equation {
	t.Helper()
	eqs, err := feynman.Read("../../testdata/feynman/FeynmanEquations.csv")
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]feynman.Equation{}
	for _, e := range eqs {
		by[e.Name] = e
	}
	return by
}

// judgeFormula judges src against the equation's truth over its ranges.
func judgeFormula(t *testing.T, eq feynman.Equation, src string, c Config) Report {
	t.Helper()
	names := eq.Names()
	truth, err := expr.Parse(eq.Formula, names)
	if err != nil {
		t.Fatal(err)
	}
	f, err := expr.Parse(src, names)
	if err != nil {
		t.Fatalf("%s: %v", eq.Name, err)
	}
	ranges := make([]Range, len(eq.Vars))
	for k, v := range eq.Vars {
		ranges[k] = Range{v.Lo, v.Hi}
	}
	return Judge(f, truth, ranges, c)
}

// The formulas the recorded runs chose: the fits (curve fits that hold
// only inside the sampled ranges, which the old criterion counted as
// solved) must be judged fit, never law; the laws in disguise must be
// judged law.
func TestJudgeRecordedFormulas(t *testing.T) {
	eqs := equations(t)
	f, err := os.Open("../../testdata/lawjudge/recorded.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		cols := strings.Split(sc.Text(), "\t")
		name, want, run, src := cols[0], cols[1], cols[2], cols[3]
		n++
		t.Run(name+"/"+run, func(t *testing.T) {
			r := judgeFormula(t, eqs[name], src, Config{Seed: 1})
			if r.Verdict.String() != want {
				t.Errorf("verdict %s (in range %.3g, widened %.3g, symbolic %v), want %s", r.Verdict, r.InRange, r.Widened, r.Symbolic, want)
			}
		})
	}
	if n < 20 {
		t.Fatalf("only %d recorded formulas read", n)
	}
}

// The truth in other forms (rearranged, constants folded or written out)
// is a law; the same forms with a constant off by 1e-3 are not, and a
// formula right only inside the ranges is a fit.
func TestJudgeRewrittenTruths(t *testing.T) {
	eqs := equations(t)
	cases := []struct {
		eq, src string
		want    Verdict
	}{
		{"I.6.2a", "exp(-theta^2/2)/sqrt(2*pi)", Law},
		{"I.6.2a", "0.3989422804014327*exp(theta*theta*-0.5)", Law},
		{"I.6.2a", "0.3993*exp(-theta^2/2)", None},
		{"I.12.2", "q1*q2/(12.566370614359172*epsilon*r*r)", Law},
		{"I.12.11", "q*(Ef + B*v*sin(theta))", Law},
		{"I.13.4", "m*(u^2 + v^2 + w^2)/2", Law},
		{"I.34.1", "omega_0/(1 - v/c)", Law},
		{"I.34.1", "omega_0*(1 + v/c + (v/c)^2 + (v/c)^3 + (v/c)^4 + (v/c)^5 + (v/c)^6 + (v/c)^7 + (v/c)^8)", None},
		{"II.38.3", "Y*A*sqrt(x*x/d/d)", Law},
		{"I.10.7", "m_0/sqrt(1 - v^2/c^2)", Law}, // not real beyond v = c on the widened range: skipped
		// sin's Taylor polynomial: within 1e-6 for θ in [1, 5], not to 10
		{"I.12.11", "q*(Ef + B*v*" + sinTaylor(23) + ")", Fit},
	}
	for _, c := range cases {
		t.Run(c.eq+"/"+c.src, func(t *testing.T) {
			r := judgeFormula(t, eqs[c.eq], c.src, Config{Seed: 2})
			if r.Verdict != c.want {
				t.Errorf("verdict %s (in range %.3g, widened %.3g), want %s", r.Verdict, r.InRange, r.Widened, c.want)
			}
		})
	}
}

// sinTaylor is sin(theta)'s Taylor polynomial up to degree n.
func sinTaylor(n int) string {
	var b strings.Builder
	fact := 1.0
	for k := 1; k <= n; k++ {
		fact *= float64(k)
		if k%2 == 1 {
			fmt.Fprintf(&b, " + %.17g*theta^%d", math.Pow(-1, float64(k/2))/fact, k)
		}
	}
	return "(0" + b.String() + ")"
}

// Where the truth is not real (sqrt of a negative beyond v = c), points
// are skipped, not counted against the candidate.
func TestJudgeSkipsPointsWhereTruthIsNotReal(t *testing.T) {
	r := judgeFormula(t, equations(t)["I.10.7"], "m_0/sqrt(1 - v*v/c/c)", Config{Seed: 3, Points: 2000})
	if r.Verdict != Law || r.Skipped == 0 || r.Widened > 1e-12 {
		t.Fatalf("%+v: want a law with skipped points", r)
	}
}

// A candidate that is not finite where the truth is fails.
func TestJudgeRejectsNonFiniteCandidate(t *testing.T) {
	r := judgeFormula(t, equations(t)["I.12.1"], "mu*Nn*sqrt(mu - 1.5)", Config{Seed: 4, Points: 2000})
	if r.Verdict != None || !math.IsInf(r.InRange, 1) {
		t.Fatalf("%+v: want none with an infinite error", r)
	}
}

// With noise σ the tolerance is 5σ: a 1e-3 error is a law at σ = 1e-3
// and not at σ = 0; an interpolant is off by far more either way.
func TestJudgeNoiseTolerance(t *testing.T) {
	eq := equations(t)["I.12.1"]
	src := "1.001*mu*Nn"
	if r := judgeFormula(t, eq, src, Config{Seed: 5, Points: 2000}); r.Verdict != None {
		t.Errorf("exact data: %+v, want none", r)
	}
	if r := judgeFormula(t, eq, src, Config{Seed: 5, Points: 2000, Noise: 1e-3}); r.Verdict != Law {
		t.Errorf("noise 1e-3: %+v, want law", r)
	}
}

// The same seed gives the same points and so the same report.
func TestJudgeIsReproducible(t *testing.T) {
	eq := equations(t)["I.6.2b"]
	src := "exp(-((theta - theta1)/sigma)^2/2)/sqrt(2*pi)/sigma*1.0000001"
	a := judgeFormula(t, eq, src, Config{Seed: 6, Points: 500})
	b := judgeFormula(t, eq, src, Config{Seed: 6, Points: 500})
	if a != b {
		t.Fatalf("%+v != %+v", a, b)
	}
}

func TestWidenedRanges(t *testing.T) {
	for _, c := range []struct{ in, want Range }{
		{Range{1, 5}, Range{0.5, 10}},
		{Range{0, 4}, Range{-2, 6}},
		{Range{-3, -1}, Range{-4, 0}},
		{Range{-1, 1}, Range{-2, 2}},
	} {
		if got := c.in.Widened(); got != c.want {
			t.Errorf("%v widened to %v, want %v", c.in, got, c.want)
		}
	}
}

// The judge's tree walk agrees with package math operator by operator.
func TestEvalOperators(t *testing.T) {
	x := []float64{0.3, 2.5}
	for _, c := range []struct {
		src  string
		want float64
	}{
		{"x0 + x1", 2.8}, {"x0 - x1", 0.3 - 2.5}, {"x0*x1", 0.75}, {"x0/x1", 0.12},
		{"x1^x0", math.Pow(2.5, 0.3)}, {"-x0", -0.3}, {"abs(-x1)", 2.5},
		{"square(x1)", 6.25}, {"cube(x1)", 15.625}, {"sqrt(x1)", math.Sqrt(2.5)},
		{"exp(x0)", math.Exp(0.3)}, {"log(x1)", math.Log(2.5)}, {"sin(x1)", math.Sin(2.5)},
		{"cos(x1)", math.Cos(2.5)}, {"tan(x1)", math.Tan(2.5)}, {"tanh(x1)", math.Tanh(2.5)},
		{"asin(x0)", math.Asin(0.3)}, {"acos(x0)", math.Acos(0.3)}, {"atan(x1)", math.Atan(2.5)},
		{"atanh(x0)", math.Atanh(0.3)}, {"pi*x0", math.Pi * 0.3},
	} {
		n, err := expr.Parse(c.src, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := Eval(n, x); got != c.want {
			t.Errorf("%s = %v, want %v", c.src, got, c.want)
		}
	}
	n, _ := expr.Parse("sqrt(x0 - x1)", nil)
	if v := Eval(n, x); !math.IsNaN(v) {
		t.Errorf("sqrt of a negative = %v, want NaN", v)
	}
}

func TestVerdictText(t *testing.T) {
	for _, v := range []Verdict{None, Fit, Law} {
		b, _ := v.MarshalText()
		var w Verdict
		if err := w.UnmarshalText(b); err != nil || w != v {
			t.Errorf("%v: round trip gave %v, %v", v, w, err)
		}
	}
	var w Verdict
	if err := w.UnmarshalText([]byte("maybe")); err == nil {
		t.Error("unknown verdict accepted")
	}
}

// The symbolic rule: a candidate whose canonical form is the truth's is
// a law by symbol, not just by numbers.
func TestJudgeSymbolicRule(t *testing.T) {
	eqs := equations(t)
	for _, c := range []struct{ eq, src string }{
		{"I.34.1", "omega_0*(85.82651450693545*(365.23546296305176*v/c - 0.018727169092249144)/(31345.27947279578 - 31345.279472795744*v/c) + 1.000051276864547)"},
		{"II.38.3", "Y*A*sqrt(x*x/d/d)"},
		{"I.12.2", "0.07957747154594767*(q1*q2)/epsilon/r/r"},
	} {
		if r := judgeFormula(t, eqs[c.eq], c.src, Config{Seed: 7, Points: 500}); !r.Symbolic || r.Verdict != Law {
			t.Errorf("%s: %s: %+v, want a symbolic law", c.eq, c.src, r)
		}
	}
	if r := judgeFormula(t, eqs["I.12.2"], "0.0795775*(q1*q2)/epsilon/r/r", Config{Seed: 7, Points: 500}); r.Symbolic {
		t.Errorf("0.0795775 taken for 1/(4π) symbolically: %+v", r)
	}
}
