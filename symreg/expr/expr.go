package expr

import "fmt"

// Op is an operator, a constant or a variable: the label of a tree node.
type Op uint8

// The operators. Order matters only for serialisation (checkpoints store
// names, not numbers, so it may change freely).
const (
	OpConst Op = iota // a fitted or literal constant: Node.Value
	OpVar             // an input column: Node.Var
	OpAdd
	OpSub
	OpMul
	OpDiv
	OpPow // x^y for x > 0; real-valued otherwise as math.Pow
	OpNeg
	OpAbs
	OpSquare
	OpCube
	OpSqrt
	OpExp
	OpLog
	OpSin
	OpCos
	OpTan
	OpTanh
	OpAsin // arcsin; NaN outside [-1, 1]
	OpAcos // arccos; NaN outside [-1, 1]
	OpAtan
	OpAtanh // NaN outside [-1, 1]
	numOps
)

// opInfo is what the search, the printers and the evaluator need to know
// about an operator.
type opInfo struct {
	name  string // infix or function name as the parser reads it
	arity int    // 0, 1 or 2
}

var ops = [numOps]opInfo{
	OpConst:  {"const", 0},
	OpVar:    {"var", 0},
	OpAdd:    {"+", 2},
	OpSub:    {"-", 2},
	OpMul:    {"*", 2},
	OpDiv:    {"/", 2},
	OpPow:    {"pow", 2},
	OpNeg:    {"neg", 1},
	OpAbs:    {"abs", 1},
	OpSquare: {"square", 1},
	OpCube:   {"cube", 1},
	OpSqrt:   {"sqrt", 1},
	OpExp:    {"exp", 1},
	OpLog:    {"log", 1},
	OpSin:    {"sin", 1},
	OpCos:    {"cos", 1},
	OpTan:    {"tan", 1},
	OpTanh:   {"tanh", 1},
	OpAsin:   {"asin", 1},
	OpAcos:   {"acos", 1},
	OpAtan:   {"atan", 1},
	OpAtanh:  {"atanh", 1},
}

// Name is the operator's name as --ops and the parser spell it.
func (o Op) Name() string { return ops[o].name }

// Arity is the number of children a node with this operator has.
func (o Op) Arity() int { return ops[o].arity }

// MarshalText writes the operator's name, so stored settings survive a
// renumbering of the Op constants.
func (o Op) MarshalText() ([]byte, error) { return []byte(o.Name()), nil }

// UnmarshalText reads an operator name.
func (o *Op) UnmarshalText(b []byte) error {
	switch string(b) {
	case "const":
		*o = OpConst
		return nil
	case "var":
		*o = OpVar
		return nil
	}
	op, ok := OpByName(string(b))
	if !ok {
		return fmt.Errorf("unknown operator %q", b)
	}
	*o = op
	return nil
}

// OpByName looks an operator up by its --ops name; ok is false if unknown.
func OpByName(name string) (Op, bool) {
	for i := Op(0); i < numOps; i++ {
		if i != OpConst && i != OpVar && ops[i].name == name {
			return i, true
		}
	}
	return 0, false
}

// Node is one node of an expression tree. Trees are what the search
// mutates; for evaluation they are compiled to flat postfix programs.
// Children: L for unary operators, L and R for binary ones.
type Node struct {
	Op    Op
	Value float64 // OpConst
	Var   int     // OpVar: column index into the feature list
	L, R  *Node
}

// Const is a new constant leaf of value v.
func Const(v float64) *Node { return &Node{Op: OpConst, Value: v} }

// Scaled returns a·t+b as a new tree sharing t, leaving out a = 1 and
// b = 0, and written t − |b| for a negative b.
func Scaled(t *Node, a, b float64) *Node {
	if a != 1 {
		t = &Node{Op: OpMul, L: Const(a), R: t}
	}
	switch {
	case b < 0:
		t = &Node{Op: OpSub, L: t, R: Const(-b)}
	case b != 0:
		t = &Node{Op: OpAdd, L: t, R: Const(b)}
	}
	return t
}

// Clone returns a deep copy of the tree.
func (n *Node) Clone() *Node {
	if n == nil {
		return nil
	}
	c := *n
	c.L = n.L.Clone()
	c.R = n.R.Clone()
	return &c
}

// Size is the number of nodes in the tree.
func (n *Node) Size() int {
	if n == nil {
		return 0
	}
	return 1 + n.L.Size() + n.R.Size()
}

// Depth is the length of the longest root-to-leaf path, counting nodes.
func (n *Node) Depth() int {
	if n == nil {
		return 0
	}
	return 1 + max(n.L.Depth(), n.R.Depth())
}
