package symreg

import (
	"math/rand/v2"
	"testing"

	"github.com/ansatz/ansatz/symreg/expr"
)

// wellFormed checks arities: binary nodes have two children, unary one,
// leaves none, variables are in range.
func wellFormed(t *testing.T, n *expr.Node, nvar int) {
	t.Helper()
	if n == nil {
		t.Fatal("nil node")
	}
	switch n.Op.Arity() {
	case 0:
		if n.L != nil || n.R != nil {
			t.Fatalf("leaf with children: %v", n)
		}
		if n.Op == expr.OpVar && (n.Var < 0 || n.Var >= nvar) {
			t.Fatalf("variable %d out of range", n.Var)
		}
	case 1:
		if n.L == nil || n.R != nil {
			t.Fatalf("unary %s with wrong children", n.Op.Name())
		}
		wellFormed(t, n.L, nvar)
	case 2:
		if n.L == nil || n.R == nil {
			t.Fatalf("binary %s with missing child", n.Op.Name())
		}
		wellFormed(t, n.L, nvar)
		wellFormed(t, n.R, nvar)
	}
}

func TestMutationsKeepTreesWellFormed(t *testing.T) {
	o := DefaultOptions()
	g := newGrammar(&o, 3, expr.Complexity)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 2000; i++ {
		root := g.randomTree(rng, 1+rng.IntN(15))
		if root.Size() > 15 {
			t.Fatalf("random tree of size %d > 15", root.Size())
		}
		wellFormed(t, root, 3)
		other := g.randomTree(rng, 1+rng.IntN(10))
		switch i % 10 {
		case 0:
			mutateConstant(rng, root, 0.5)
		case 1:
			g.mutateOperator(rng, root)
		case 2:
			g.mutateFeature(rng, root)
		case 3:
			swapOperands(rng, root)
		case 4:
			rotate(rng, &root)
		case 5:
			g.addNode(rng, &root)
		case 6:
			g.insertNode(rng, &root)
		case 7:
			deleteNode(rng, &root)
		case 8:
			crossover(rng, &root, &other)
			wellFormed(t, other, 3)
		case 9:
			root = expr.Simplify(root)
		}
		wellFormed(t, root, 3)
	}
}

func TestMutationsChangeSomething(t *testing.T) {
	o := DefaultOptions()
	g := newGrammar(&o, 3, expr.Complexity)
	rng := rand.New(rand.NewPCG(3, 4))
	base, _ := expr.Parse("x0*sin(x1) + 2.5", []string{"x0", "x1", "x2"})
	changed := func(f func(t **expr.Node) bool) bool {
		for i := 0; i < 20; i++ {
			c := base.Clone()
			if f(&c) && !expr.Equal(c, base) {
				return true
			}
		}
		return false
	}
	for name, f := range map[string]func(t **expr.Node) bool{
		"constant": func(t **expr.Node) bool { return mutateConstant(rng, *t, 1) },
		"operator": func(t **expr.Node) bool { return g.mutateOperator(rng, *t) },
		"feature":  func(t **expr.Node) bool { return g.mutateFeature(rng, *t) },
		"swap":     func(t **expr.Node) bool { return swapOperands(rng, *t) },
		"rotate":   func(t **expr.Node) bool { return rotate(rng, t) },
		"add":      func(t **expr.Node) bool { return g.addNode(rng, t) },
		"insert":   func(t **expr.Node) bool { return g.insertNode(rng, t) },
		"delete":   func(t **expr.Node) bool { return deleteNode(rng, t) },
	} {
		t.Run(name, func(t *testing.T) {
			if !changed(f) {
				t.Errorf("mutation %s never changed the tree", name)
			}
		})
	}
}

func TestConstraints(t *testing.T) {
	names := []string{"x0", "x1"}
	parse := func(t *testing.T, s string) *expr.Node {
		n, err := expr.Parse(s, names)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	o := DefaultOptions()
	o.MaxSize = 7
	o.MaxDepth = 4
	var err error
	if o.Nested, err = ParseNested("sin:sin=0;cos=1,exp:exp=0"); err != nil {
		t.Fatal(err)
	}
	if o.ArgSize, err = ParseArgSize("pow:-1:1,exp:3"); err != nil {
		t.Fatal(err)
	}
	g := newGrammar(&o, 2, expr.Complexity)
	for src, want := range map[string]bool{
		"x0 + x1":                 true,
		"x0 + x1 + x0 + x1":       true, // size 7 = maxsize, depth 4 = maxdepth
		"sin(sin(x0))":            false,
		"sin(cos(x0))":            true,
		"sin(cos(cos(x0)))":       false,
		"exp(x0*x1)":              true,
		"exp(x0*x1+x0)":           false, // argument size 5 > 3
		"pow(x0, x1)":             true,
		"pow(x0, x1+x0)":          false,
		"x0*(x1*(x0*(x1*x0)))":    false, // depth 5
		"exp(sin(exp(x0)))":       false,
		"sin(x0)+sin(x1)+sin(x0)": false, // size 8
	} {
		t.Run(src, func(t *testing.T) {
			if got := g.valid(parse(t, src)); got != want {
				t.Errorf("valid(%s) = %v, want %v", src, got, want)
			}
		})
	}
}

func TestParseOptions(t *testing.T) {
	ops, err := ParseOps("+, -,*,/,sin,^,exp,exp")
	if err != nil || len(ops) != 7 || ops[5] != expr.OpPow {
		t.Fatalf("ParseOps: %v %v", ops, err)
	}
	for _, bad := range []string{"", "+,frobnicate", " , "} {
		if _, err := ParseOps(bad); err == nil {
			t.Errorf("ParseOps(%q) accepted", bad)
		}
	}
	for _, bad := range []string{"sin", "sin:sin", "sin:sin=x", "foo:sin=0", "sin:bar=1", "sin:sin=-1"} {
		if _, err := ParseNested(bad); err == nil {
			t.Errorf("ParseNested(%q) accepted", bad)
		}
	}
	for _, bad := range []string{"pow", "sin:1:2", "foo:1", "pow:x"} {
		t.Run(bad, func(t *testing.T) {
			if _, err := ParseArgSize(bad); err == nil {
				t.Errorf("ParseArgSize(%q) accepted", bad)
			}
		})
	}
	if _, err := ParseLoss("hinge"); err == nil {
		t.Error("ParseLoss accepted hinge")
	}
	if k, err := ParseLoss("log-cosh"); err != nil || k != LossLogCosh {
		t.Errorf("ParseLoss(log-cosh) = %v, %v", k, err)
	}
}

func TestConstraintStringsRoundTrip(t *testing.T) {
	n, err := ParseNested("sin:sin=0;cos=1,exp:exp=0")
	if err != nil {
		t.Fatal(err)
	}
	if s := nestedString(n); s != "exp:exp=0,sin:cos=1;sin=0" {
		t.Fatalf("nestedString = %q", s)
	}
	a, err := ParseArgSize("pow:-1:1,sin:9")
	if err != nil {
		t.Fatal(err)
	}
	if s := argSizeString(a); s != "pow:-1:1,sin:9" {
		t.Fatalf("argSizeString = %q", s)
	}
}
