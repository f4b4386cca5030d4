package expr

import (
	"math"
	"math/rand/v2"
	"testing"
)

// randomPrintable draws trees with awkward constants (negative, zero,
// -0, tiny, huge, infinite) so the printer's sign and exponent rules are
// all exercised.
func randomPrintable(rng *rand.Rand, size int) *Node {
	tree := RandomTree(rng, size, 3, allOps, 0.5)
	special := []float64{0, math.Copysign(0, -1), -1, 1, -3, 2.5e-300, -1e300, 1e21, 0.1,
		math.Inf(1), math.Inf(-1), math.NaN(), -7.25e-7}
	for _, c := range ConstNodes(tree) {
		if rng.IntN(3) == 0 {
			c.Value = special[rng.IntN(len(special))]
		} else if rng.IntN(2) == 0 {
			c.Value = -c.Value
		}
	}
	// Neg nodes directly over constants are the printer's trickiest case.
	if rng.IntN(4) == 0 {
		tree = &Node{Op: OpNeg, L: &Node{Op: OpPow, L: &Node{Op: OpConst, Value: -2}, R: tree}}
	}
	return tree
}

func TestPrintParseIdentity(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	names := []string{"Δx", "x 1", "sin"} // unicode, a name needing quotes, one shadowing a function
	for trial := 0; trial < 5000; trial++ {
		tree := randomPrintable(rng, 1+rng.IntN(30))
		for _, vars := range [][]string{nil, names} {
			s := Format(tree, vars)
			back, err := Parse(s, vars)
			if err != nil {
				t.Fatalf("Parse(%q): %v", s, err)
			}
			if !Equal(tree, back) {
				t.Fatalf("round trip changed the tree:\n%s\n%s", s, Format(back, vars))
			}
		}
	}
}

func TestPrintMinimalParentheses(t *testing.T) {
	for _, src := range []string{
		"x0 - (x1 - x2)", "x0/(x1*x2)", "x0*x1/x2", "-x0^2", "(-x0)^2", "(-3)^x0", "x0^-x1",
		"x0^x1^x2", "(x0^x1)^x2", "-(x0*x1)", "-x0*x1", "x0*-3", "x0 - -3", "-(3)", "sin(x0 + 1)*2",
	} {
		t.Run(src, func(t *testing.T) {
			n, err := Parse(src, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := n.String(); got != src {
				t.Errorf("printed %q as %q", src, got)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"x0*cos(x1 - 3.2)", "exp(-x0**2/2)/sqrt(2*pi)", "-3^2", "pow(x0,", "`x0`+1e-3", ".5e", "((((", "--x0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Parse(s, []string{"x0", "x1"})
		if err != nil {
			return
		}
		// Whatever parses must print to something that parses back the same.
		back, err := Parse(Format(n, []string{"x0", "x1"}), []string{"x0", "x1"})
		if err != nil || !Equal(n, back) {
			t.Fatalf("%q: printed %q, reparsed with %v", s, Format(n, []string{"x0", "x1"}), err)
		}
	})
}
