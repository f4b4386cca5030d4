package expr

// A Program is a tree compiled to a flat postfix list of instructions over
// row blocks. Leaves are not instructions: a variable operand reads its
// input column in place and a constant operand is either folded into a
// scalar kernel form (x+c, c+x, x·c, c·x, x−c as x+(−c), all exact) or
// broadcast into a register once per block (x/c is not turned into
// x·(1/c), which would round differently from the tree). Intermediate
// results live in a small stack of block-sized registers (slot = depth on
// the evaluation stack), so evaluation needs no allocation once the
// registers exist, and dst aliases an operand whenever it can (the kernels
// allow exact in-place use). Evaluation only reads a Program, so
// goroutines may evaluate one at the same time (SetConsts is a write).
type Program struct {
	code   []instr
	consts []float64 // the tree's constants in postfix order
	nregs  int
	out    operand // where the result is (a register, a column, or a constant)
	nvars  int     // 1 + the largest variable index used
	size   int     // nodes of the source tree
}

// operand kinds.
const (
	kReg   uint8 = iota // register idx
	kVar                // input column idx
	kConst              // constant consts[idx]
)

type operand struct {
	kind uint8
	idx  int32
}

// Instruction codes beyond the tree operators.
const (
	iFill = Op(200 + iota) // dst = consts[a.idx]
	iAddS                  // dst = a + consts[s]
	iSubS                  // dst = a - consts[s]  (as a + (-c))
	iMulS                  // dst = a * consts[s]
)

type instr struct {
	op   Op
	dst  int32
	a, b operand
	s    int32 // constant index of the scalar forms
}

// Compile turns a tree into a Program. The tree is not retained: later
// changes to its constants need SetConsts (or a new Compile).
func Compile(n *Node) *Program {
	size := n.Size()
	// No more instructions than nodes: one allocation, not append's several.
	p := &Program{size: size, code: make([]instr, 0, size)}
	p.out = p.emit(n, 0)
	return p
}

// Size is the node count of the compiled tree (the "nodes" of node·rows).
func (p *Program) Size() int { return p.size }

// NumVars is one more than the largest variable index the program reads.
func (p *Program) NumVars() int { return p.nvars }

// Consts returns the program's constants in postfix order of the tree
// (the order SetConsts and Node.Consts use). The slice is the program's own.
func (p *Program) Consts() []float64 { return p.consts }

// SetConsts replaces the constants (same count and order as Consts).
func (p *Program) SetConsts(c []float64) {
	if len(c) != len(p.consts) {
		panic("expr: SetConsts: wrong number of constants")
	}
	copy(p.consts, c)
}

// WithConsts returns a program that shares p's code but has the
// constants c (same count and order as Consts): a tree whose constants
// alone changed needs no new compilation, and p is left as it was, so
// goroutines still evaluating it are undisturbed.
func (p *Program) WithConsts(c []float64) *Program {
	if len(c) != len(p.consts) {
		panic("expr: WithConsts: wrong number of constants")
	}
	q := *p
	q.consts = append([]float64(nil), c...)
	return &q
}

func (p *Program) reg(slot int32) operand {
	if int(slot)+1 > p.nregs {
		p.nregs = int(slot) + 1
	}
	return operand{kReg, slot}
}

func (p *Program) add(in instr) operand {
	p.code = append(p.code, in)
	return p.reg(in.dst)
}

// emit compiles n with registers from slot free upwards and returns where
// its value is.
func (p *Program) emit(n *Node, free int32) operand {
	switch n.Op {
	case OpConst:
		p.consts = append(p.consts, n.Value)
		return operand{kConst, int32(len(p.consts) - 1)}
	case OpVar:
		if n.Var+1 > p.nvars {
			p.nvars = n.Var + 1
		}
		return operand{kVar, int32(n.Var)}
	}
	if n.Op.Arity() == 1 {
		a := p.materialise(p.emit(n.L, free), free)
		dst := free
		if a.kind == kReg {
			dst = a.idx
		}
		return p.add(instr{op: n.Op, dst: dst, a: a})
	}
	a := p.emit(n.L, free)
	next := free
	if a.kind == kReg {
		next = a.idx + 1
	}
	b := p.emit(n.R, next)
	// Scalar forms: the constant never touches a register.
	if b.kind == kConst && a.kind != kConst {
		if op := scalarForm(n.Op); op != 0 {
			return p.add(instr{op: op, dst: p.dstFor(a, free), a: a, s: b.idx})
		}
	}
	if a.kind == kConst && b.kind != kConst && (n.Op == OpAdd || n.Op == OpMul) {
		op := iAddS
		if n.Op == OpMul {
			op = iMulS
		}
		return p.add(instr{op: op, dst: p.dstFor(b, free), a: b, s: a.idx})
	}
	// Broadcast constants the kernels cannot take as scalars into the first
	// register not holding a live operand.
	top := next
	if b.kind == kReg {
		top = b.idx + 1
	}
	if a.kind == kConst {
		a = p.materialise(a, top)
		top++
	}
	b = p.materialise(b, top)
	dst := free
	switch {
	case a.kind == kReg && b.kind == kReg:
		dst = min(a.idx, b.idx)
	case a.kind == kReg:
		dst = a.idx
	case b.kind == kReg:
		dst = b.idx
	}
	return p.add(instr{op: n.Op, dst: dst, a: a, b: b})
}

// scalarForm is the instruction computing "x op constant", or 0.
func scalarForm(op Op) Op {
	switch op {
	case OpAdd:
		return iAddS
	case OpSub:
		return iSubS
	case OpMul:
		return iMulS
	}
	return 0
}

// dstFor is the register a result computed from x goes to: x's own
// register if it has one (in place), else the free slot.
func (p *Program) dstFor(x operand, free int32) int32 {
	if x.kind == kReg {
		return x.idx
	}
	return free
}

// materialise broadcasts a constant operand into register slot; other
// operands are returned as they are.
func (p *Program) materialise(x operand, slot int32) operand {
	if x.kind != kConst {
		return x
	}
	return p.add(instr{op: iFill, dst: slot, a: x})
}
