package symreg

import (
	"math"
	"math/rand/v2"

	"github.com/ansatz/ansatz/symreg/expr"
)

// grammar is what mutations may build: the operators split by arity, the
// number of input columns, and the constraints new trees must satisfy.
type grammar struct {
	nvar     int
	bin, una []expr.Op
	maxSize  int
	maxDepth int
	argSize  map[expr.Op][2]int
	nested   map[expr.Op]map[expr.Op]int
	complex  func(*expr.Node) int
}

func newGrammar(o *Options, nvar int, complexity func(*expr.Node) int) *grammar {
	g := &grammar{nvar: nvar, maxSize: o.MaxSize, maxDepth: o.MaxDepth, argSize: o.ArgSize, nested: o.Nested, complex: complexity}
	for _, op := range o.Ops {
		switch op.Arity() {
		case 2:
			g.bin = append(g.bin, op)
		case 1:
			g.una = append(g.una, op)
		}
	}
	return g
}

// slots lists the addresses of every child pointer in the tree, root first
// (pre-order), so a mutation can replace any subtree in place.
func slots(root **expr.Node, out []**expr.Node) []**expr.Node {
	if *root == nil {
		return out
	}
	out = append(out, root)
	out = slots(&(*root).L, out)
	out = slots(&(*root).R, out)
	return out
}

// pickSlot returns a random slot whose node satisfies keep (nil: any), or nil.
func pickSlot(rng *rand.Rand, root **expr.Node, keep func(*expr.Node) bool) **expr.Node {
	all := slots(root, nil)
	var cand []**expr.Node
	for _, s := range all {
		if keep == nil || keep(*s) {
			cand = append(cand, s)
		}
	}
	if len(cand) == 0 {
		return nil
	}
	return cand[rng.IntN(len(cand))]
}

func isLeaf(n *expr.Node) bool  { return n.Op == expr.OpConst || n.Op == expr.OpVar }
func isConst(n *expr.Node) bool { return n.Op == expr.OpConst }

// randomLeaf is a constant (standard normal) or a random variable, evenly.
func (g *grammar) randomLeaf(rng *rand.Rand) *expr.Node {
	if g.nvar == 0 || rng.Float64() < 0.5 {
		return &expr.Node{Op: expr.OpConst, Value: rng.NormFloat64()}
	}
	return &expr.Node{Op: expr.OpVar, Var: rng.IntN(g.nvar)}
}

// randomOp picks an operator uniformly among all allowed ones.
func (g *grammar) randomOp(rng *rand.Rand) expr.Op {
	k := rng.IntN(len(g.bin) + len(g.una))
	if k < len(g.bin) {
		return g.bin[k]
	}
	return g.una[k-len(g.bin)]
}

// randomNodeAround wraps child with a random operator (child goes left or
// right for binary ones; the other side is a random leaf).
func (g *grammar) randomNodeAround(rng *rand.Rand, child *expr.Node) *expr.Node {
	op := g.randomOp(rng)
	if op.Arity() == 1 {
		return &expr.Node{Op: op, L: child}
	}
	leaf := g.randomLeaf(rng)
	if rng.IntN(2) == 0 {
		return &expr.Node{Op: op, L: child, R: leaf}
	}
	return &expr.Node{Op: op, L: leaf, R: child}
}

// randomTree grows a tree of about size nodes by repeatedly expanding a
// random leaf (PySR's gen_random_tree_fixed_size).
func (g *grammar) randomTree(rng *rand.Rand, size int) *expr.Node {
	t := g.randomLeaf(rng)
	for t.Size() < size {
		s := pickSlot(rng, &t, isLeaf)
		next := g.randomNodeAround(rng, *s)
		if t.Size()+next.Size()-(*s).Size() > size {
			break
		}
		*s = next
	}
	return t
}

// valid reports whether t satisfies every constraint.
func (g *grammar) valid(t *expr.Node) bool {
	if t == nil || g.complex(t) > g.maxSize {
		return false
	}
	if g.maxDepth > 0 && t.Depth() > g.maxDepth {
		return false
	}
	return g.argOK(t) && g.nestOK(t)
}

func (g *grammar) argOK(n *expr.Node) bool {
	if n == nil || isLeaf(n) {
		return true
	}
	if lim, ok := g.argSize[n.Op]; ok {
		if lim[0] >= 0 && g.complex(n.L) > lim[0] {
			return false
		}
		if n.R != nil && lim[1] >= 0 && g.complex(n.R) > lim[1] {
			return false
		}
	}
	return g.argOK(n.L) && g.argOK(n.R)
}

func (g *grammar) nestOK(n *expr.Node) bool {
	if len(g.nested) == 0 || n == nil {
		return true
	}
	if inner, ok := g.nested[n.Op]; ok {
		for op, maxN := range inner {
			// Count op strictly below n along the deepest chain: PySR counts
			// the maximum nesting depth of op inside n.
			if nestDepth(n.L, op) > maxN || nestDepth(n.R, op) > maxN {
				return false
			}
		}
	}
	return g.nestOK(n.L) && g.nestOK(n.R)
}

// nestDepth is the largest number of op nodes on one root-to-leaf path.
func nestDepth(n *expr.Node, op expr.Op) int {
	if n == nil {
		return 0
	}
	d := max(nestDepth(n.L, op), nestDepth(n.R, op))
	if n.Op == op {
		d++
	}
	return d
}

// mutateConstant scales a random constant by a factor that shrinks with
// the temperature, and rarely flips its sign.
func mutateConstant(rng *rand.Rand, t *expr.Node, temperature float64) bool {
	s := pickSlot(rng, &t, isConst)
	if s == nil {
		return false
	}
	maxChange := 1.0*temperature + 1.1
	f := math.Pow(maxChange, rng.Float64())
	if rng.IntN(2) == 0 {
		(*s).Value *= f
	} else {
		(*s).Value /= f
	}
	if rng.Float64() < 0.01 {
		(*s).Value = -(*s).Value
	}
	return true
}

// mutateOperator replaces a random operator by another of the same arity.
func (g *grammar) mutateOperator(rng *rand.Rand, t *expr.Node) bool {
	s := pickSlot(rng, &t, func(n *expr.Node) bool { return !isLeaf(n) })
	if s == nil {
		return false
	}
	set := g.una
	if (*s).Op.Arity() == 2 {
		set = g.bin
	}
	if len(set) == 0 {
		return false
	}
	(*s).Op = set[rng.IntN(len(set))]
	return true
}

// mutateFeature points a random variable at another column.
func (g *grammar) mutateFeature(rng *rand.Rand, t *expr.Node) bool {
	s := pickSlot(rng, &t, func(n *expr.Node) bool { return n.Op == expr.OpVar })
	if s == nil || g.nvar < 2 {
		return false
	}
	v := rng.IntN(g.nvar - 1)
	if v >= (*s).Var {
		v++
	}
	(*s).Var = v
	return true
}

// swapOperands exchanges the arguments of a random binary node.
func swapOperands(rng *rand.Rand, t *expr.Node) bool {
	s := pickSlot(rng, &t, func(n *expr.Node) bool { return n.Op.Arity() == 2 })
	if s == nil {
		return false
	}
	(*s).L, (*s).R = (*s).R, (*s).L
	return true
}

// rotate performs a tree rotation at a random node whose child is an
// operator: the child becomes the parent (e.g. a*(b+c) ↔ (a*b)+c shapes).
func rotate(rng *rand.Rand, root **expr.Node) bool {
	s := pickSlot(rng, root, func(n *expr.Node) bool { return !isLeaf(n) && !isLeaf(n.L) })
	if s == nil {
		return false
	}
	p := *s
	c := p.L
	// c's children: move one of them under p, put p under c.
	if c.Op.Arity() == 2 && rng.IntN(2) == 0 {
		p.L = c.R
		c.R = p
	} else {
		p.L = c.L
		c.L = p
	}
	*s = c
	return true
}

// addNode appends an operator at a leaf or prepends one at the root.
func (g *grammar) addNode(rng *rand.Rand, root **expr.Node) bool {
	if rng.IntN(2) == 0 {
		*root = g.randomNodeAround(rng, *root)
		return true
	}
	s := pickSlot(rng, root, isLeaf)
	*s = g.randomNodeAround(rng, *s)
	return true
}

// insertNode puts a random operator above a random node.
func (g *grammar) insertNode(rng *rand.Rand, root **expr.Node) bool {
	s := pickSlot(rng, root, nil)
	*s = g.randomNodeAround(rng, *s)
	return true
}

// deleteNode replaces a random operator by one of its arguments.
func deleteNode(rng *rand.Rand, root **expr.Node) bool {
	s := pickSlot(rng, root, func(n *expr.Node) bool { return !isLeaf(n) })
	if s == nil {
		return false
	}
	n := *s
	if n.R != nil && rng.IntN(2) == 0 {
		*s = n.R
	} else {
		*s = n.L
	}
	return true
}

// crossover swaps a random subtree of a with a random subtree of b (both
// are modified; pass clones).
func crossover(rng *rand.Rand, a, b **expr.Node) {
	sa := pickSlot(rng, a, nil)
	sb := pickSlot(rng, b, nil)
	*sa, *sb = *sb, *sa
}
