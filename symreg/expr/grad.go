package expr

import (
	"math"
	"slices"
	"sync"

	"github.com/ansatz/ansatz/kernels"
)

// A Tape is a tree flattened in postfix order for float64 evaluation with
// every intermediate kept, so that one reverse sweep gives the derivative
// of the output with respect to every constant: reverse-mode automatic
// differentiation vectorised over blocks of TapeBlock rows. Forward values
// use the same float64 kernels as Program.Eval64. A constant fitter runs
// Forward and Backward once per block and reads Adjoint; Jacobian does
// that for all rows.
type Tape struct {
	nodes  []tapeNode
	consts []*Node // the constant nodes, postfix order (= Program.Consts order)
	cnode  []int32 // tape index of each constant
	hasC   []bool  // whether the subtree at each index holds a constant
	tmp    []float64
	vals   [][]float64
	adj    [][]float64 // nil for nodes without a constant below (no gradient needed)
	mem    *scratch
	// Subtrees without constants do not change during a fit: CacheFree
	// evaluates the largest ones once over all rows (cached[i] is then
	// node i's column of values) and Forward skips their insides.
	cached [][]float64
	skip   []bool
	block  int       // rows per block (TapeBlock unless NewTapeRows chose more)
	cv     []float64 // the constants of the last Forward
	// nodeRows counts the work done: per Forward, the nodes it computed or
	// read (not those inside cached subtrees) × rows; per Backward, the
	// nodes given an adjoint × rows.
	nodeRows int64
}

// TapeBlock is the rows per tape block: 256 float64 values (2 KiB) per
// node value and adjoint.
const TapeBlock = 256

// WholeRows is the most rows NewTapeRows puts into one block. A tape whose
// single block holds every row still has the values of its last Forward
// when Backward runs, so a fitter that linearises at the constants it just
// evaluated skips a forward pass (see Tape.Block).
const WholeRows = 4096

// scratch holds the block buffers of a tape. Constant fitting builds
// tapes for millions of small trees; recycling these buffers through
// scratchPool keeps the garbage collector out of the profile.
type scratch struct {
	blocks [][]float64 // block buffers; the first used are taken
	used   int
	cache  []float64 // values of constant-free subtrees, rows per subtree
	// the last tape's slices, kept for their capacity
	nodes     []tapeNode
	consts    []*Node
	cnode     []int32
	hasC      []bool
	vals, adj [][]float64
	// CacheFree's
	parentHasC, skip []bool
	roots            []int
	cached           [][]float64
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// block hands out the next block buffer of n values (contents undefined).
func (s *scratch) block(n int) []float64 {
	if s.used == len(s.blocks) {
		s.blocks = append(s.blocks, nil)
	}
	if cap(s.blocks[s.used]) < n {
		s.blocks[s.used] = make([]float64, n)
	}
	s.used++
	return s.blocks[s.used-1][:n]
}

type tapeNode struct {
	op   Op
	l, r int32 // child indices (-1 if absent)
	c    int32 // constant number for OpConst, else -1
	v    int32 // variable for OpVar
	// sc marks x+c, x−c, x·c (scRight) and c+x, c·x (scLeft): the
	// constant is applied as a scalar (exact: x−c is x+(−c)) and its
	// node's block never holds it (OpConst nodes: scalar set).
	sc     uint8
	scalar bool
}

// Values of tapeNode.sc.
const (
	scNone uint8 = iota
	scRight
	scLeft
)

// ConstNodes lists the constant nodes of the tree in postfix order, the
// order Program.Consts and Tape.Consts use.
func ConstNodes(n *Node) []*Node {
	var out []*Node
	var walk func(*Node)
	walk = func(n *Node) {
		if n == nil {
			return
		}
		walk(n.L)
		walk(n.R)
		if n.Op == OpConst {
			out = append(out, n)
		}
	}
	walk(n)
	return out
}

// NewTape flattens root with blocks of TapeBlock rows. Its buffers come
// from a pool: call Release when done with the tape (its Forward and
// Adjoint slices are then invalid).
func NewTape(root *Node) *Tape { return newTape(root, TapeBlock) }

// NewTapeRows is NewTape for data of the given rows: up to WholeRows rows
// go into one block.
func NewTapeRows(root *Node, rows int) *Tape {
	if rows <= WholeRows {
		return newTape(root, max(rows, 1))
	}
	return newTape(root, TapeBlock)
}

// Block is the most rows one Forward or Backward call takes.
func (t *Tape) Block() int { return t.block }

func newTape(root *Node, block int) *Tape {
	mem := scratchPool.Get().(*scratch)
	mem.used = 0
	t := &Tape{mem: mem, block: block, nodes: mem.nodes[:0], consts: mem.consts[:0],
		cnode: mem.cnode[:0], hasC: mem.hasC[:0]}
	t.flatten(root)
	mem.nodes, mem.consts, mem.cnode, mem.hasC = t.nodes, t.consts, t.cnode, t.hasC
	for i, tn := range t.nodes {
		if tn.r < 0 || (tn.op != OpAdd && tn.op != OpSub && tn.op != OpMul) {
			continue
		}
		lc, rc := t.nodes[tn.l].op == OpConst, t.nodes[tn.r].op == OpConst
		switch {
		case rc && !lc:
			t.nodes[i].sc, t.nodes[tn.r].scalar = scRight, true
		case lc && !rc && tn.op != OpSub:
			t.nodes[i].sc, t.nodes[tn.l].scalar = scLeft, true
		}
	}
	t.tmp = mem.block(block)
	mem.vals = slices.Grow(mem.vals[:0], len(t.nodes))[:len(t.nodes)]
	mem.adj = slices.Grow(mem.adj[:0], len(t.nodes))[:len(t.nodes)]
	t.vals, t.adj = mem.vals, mem.adj
	for i, tn := range t.nodes {
		t.vals[i], t.adj[i] = nil, nil
		if tn.op != OpVar {
			t.vals[i] = mem.block(block)
		}
		if t.hasC[i] {
			t.adj[i] = mem.block(block)
		}
	}
	return t
}

// flatten appends n's subtree to the tape in postfix order and returns
// the index of n.
func (t *Tape) flatten(n *Node) int32 {
	tn := tapeNode{op: n.Op, l: -1, r: -1, c: -1, v: int32(n.Var)}
	if n.L != nil {
		tn.l = t.flatten(n.L)
	}
	if n.R != nil {
		tn.r = t.flatten(n.R)
	}
	if n.Op == OpConst {
		tn.c = int32(len(t.consts))
		t.consts = append(t.consts, n)
		t.cnode = append(t.cnode, int32(len(t.nodes)))
	}
	t.nodes = append(t.nodes, tn)
	t.hasC = append(t.hasC, n.Op == OpConst ||
		(tn.l >= 0 && t.hasC[tn.l]) || (tn.r >= 0 && t.hasC[tn.r]))
	return int32(len(t.nodes) - 1)
}

// Release returns the tape's buffers to the pool (Consts, Forward's and
// Adjoint's slices are then invalid).
func (t *Tape) Release() {
	clear(t.mem.consts) // let the tree go
	scratchPool.Put(t.mem)
}

// NodeRows is the work the tape has done so far, in tree nodes × rows:
// each Forward counts the nodes it computed or read (a cached constant-free
// subtree counts as one node, CacheFree's own pass as the nodes it
// computed), each Backward the nodes it gave an adjoint. It is what a
// search's node·rows/s figure counts for constant fitting.
func (t *Tape) NodeRows() int64 { return t.nodeRows }

// Consts are the tree's constant nodes in postfix order (see ConstNodes).
func (t *Tape) Consts() []*Node { return t.consts }

// maxCache bounds the values CacheFree keeps (32 MiB of float64).
const maxCache = 1 << 22

// CacheFree evaluates every maximal constant-free subtree that is not a
// bare variable over the rows of cols once, so that the many forward
// passes of a fit skip them. It does nothing if the cache would exceed
// maxCache values or the tree has no constant.
func (t *Tape) CacheFree(cols [][]float64, rows int) {
	root := len(t.nodes) - 1
	if !t.hasC[root] {
		return
	}
	mem := t.mem
	mem.parentHasC = slices.Grow(mem.parentHasC[:0], len(t.nodes))[:len(t.nodes)]
	parentHasC := mem.parentHasC
	clear(parentHasC)
	for i, tn := range t.nodes {
		if t.hasC[i] {
			if tn.l >= 0 {
				parentHasC[tn.l] = true
			}
			if tn.r >= 0 {
				parentHasC[tn.r] = true
			}
		}
	}
	roots := mem.roots[:0]
	for i, tn := range t.nodes {
		if !t.hasC[i] && parentHasC[i] && tn.op != OpVar {
			roots = append(roots, i)
		}
	}
	if len(roots) == 0 || len(roots)*rows > maxCache {
		return
	}
	if cap(t.mem.cache) < len(roots)*rows {
		t.mem.cache = make([]float64, len(roots)*rows)
	}
	mem.roots = roots
	mem.cached = slices.Grow(mem.cached[:0], len(t.nodes))[:len(t.nodes)]
	t.cached = mem.cached
	clear(t.cached)
	for k, i := range roots {
		t.cached[i] = t.mem.cache[k*rows : (k+1)*rows]
	}
	// Fill the columns with ordinary forward passes, then mark the insides.
	for lo := 0; lo < rows; lo += t.block {
		m := min(t.block, rows-lo)
		t.Forward(cols, lo, m, nil) // constants are not read: only constant-free nodes are kept
		for _, i := range roots {
			copy(t.cached[i][lo:lo+m], t.vals[i][:m])
		}
	}
	mem.skip = slices.Grow(mem.skip[:0], len(t.nodes))[:len(t.nodes)]
	t.skip = mem.skip
	clear(t.skip)
	var mark func(i int32)
	mark = func(i int32) {
		if i < 0 {
			return
		}
		t.skip[i] = true
		mark(t.nodes[i].l)
		mark(t.nodes[i].r)
	}
	for _, i := range roots {
		mark(t.nodes[i].l)
		mark(t.nodes[i].r)
	}
}

// Forward evaluates rows [lo, lo+n) of cols (n ≤ Block()) with
// constants c (in Consts order) and returns the tree's values there.
func (t *Tape) Forward(cols [][]float64, lo, n int, c []float64) []float64 {
	if c != nil {
		t.cv = append(t.cv[:0], c...) // for the scalar products of Backward
	}
	done := 0
	for i, tn := range t.nodes {
		if t.skip != nil && t.skip[i] {
			continue // inside a cached subtree
		}
		if c == nil && t.hasC[i] {
			continue // CacheFree's pass: only constant-free nodes are kept
		}
		done++
		if t.cached != nil && t.cached[i] != nil && t.skip != nil {
			t.vals[i] = t.cached[i][lo : lo+n]
			continue
		}
		switch {
		case tn.op == OpConst:
			if !tn.scalar {
				kernels.Fill(t.vals[i][:n], c[tn.c])
			}
		case tn.op == OpVar:
			t.vals[i] = cols[tn.v][lo : lo+n]
		case tn.sc == scRight:
			applyScalar(tn.op, t.vals[i][:n], t.vals[tn.l][:n], c[t.scalarConst(tn)])
		case tn.sc == scLeft:
			applyScalar(tn.op, t.vals[i][:n], t.vals[tn.r][:n], c[t.scalarConst(tn)])
		case tn.r >= 0:
			applyBinary(tn.op, t.vals[i][:n], t.vals[tn.l][:n], t.vals[tn.r][:n])
		default:
			applyUnary(tn.op, t.vals[i][:n], t.vals[tn.l][:n])
		}
	}
	t.nodeRows += int64(done) * int64(n)
	return t.vals[len(t.nodes)-1][:n]
}

// scalarConst is the constant number of a node marked scRight or scLeft.
func (t *Tape) scalarConst(tn tapeNode) int32 {
	if tn.sc == scLeft {
		return t.nodes[tn.l].c
	}
	return t.nodes[tn.r].c
}

// applyScalar sets dst = x op s for op +, − or × (commuted for a constant
// on the left, which is exact).
func applyScalar(op Op, dst, x []float64, s float64) {
	switch op {
	case OpAdd:
		kernels.AddScalar(dst, x, s)
	case OpSub:
		kernels.AddScalar(dst, x, -s)
	case OpMul:
		kernels.MulScalar(dst, x, s)
	}
}

// Backward computes, after Forward, d(output)/d(node) for the first n
// rows of the block; Adjoint then gives d(output)/d(constant) per row. A
// tape is a tree, so every node has one parent: its adjoint is written
// once, by the parent, with no clearing and no accumulation.
func (t *Tape) Backward(n int) {
	root := len(t.nodes) - 1
	kernels.Fill(t.adj[root][:n], 1)
	done := 0
	for i := root; i >= 0; i-- {
		if !t.hasC[i] {
			continue // no constant below: nothing to propagate
		}
		done++
		tn := t.nodes[i]
		if tn.l < 0 {
			continue // the constant itself
		}
		g := t.adj[i][:n]
		v := t.vals[i][:n]
		a := t.vals[tn.l][:n]
		ga := t.adj[tn.l] // nil: no constant on that side
		if tn.sc != scNone && tn.op == OpMul {
			backScalarMul(tn, g, a, t.vals[tn.r][:n], ga, t.adj[tn.r], t.cv[t.scalarConst(tn)])
			continue
		}
		if tn.r >= 0 {
			backBinary(tn.op, g, v, a, t.vals[tn.r][:n], ga, t.adj[tn.r], t.tmp)
		} else {
			backUnary(tn.op, g, v, a, ga[:n], t.tmp)
		}
	}
	t.nodeRows += int64(done) * int64(n)
}

// Adjoint is the per-row derivative of the output with respect to
// constant c for the first n rows of the block, after Backward.
func (t *Tape) Adjoint(c, n int) []float64 { return t.adj[t.cnode[c]][:n] }

// Jacobian evaluates the tree in float64 on the first rows of cols and
// returns its values f and jac[c][i] = ∂f(row i)/∂(constant c), constants
// in ConstNodes order, by reverse-mode differentiation (exact up to
// rounding, no finite differences).
func Jacobian(n *Node, cols [][]float64, rows int) (f []float64, jac [][]float64) {
	t := NewTape(n)
	defer t.Release()
	c := make([]float64, len(t.consts))
	for i, cn := range t.consts {
		c[i] = cn.Value
	}
	f = make([]float64, rows)
	jac = make([][]float64, len(c))
	for i := range jac {
		jac[i] = make([]float64, rows)
	}
	for lo := 0; lo < rows; lo += TapeBlock {
		m := min(TapeBlock, rows-lo)
		copy(f[lo:], t.Forward(cols, lo, m, c))
		t.Backward(m)
		for i := range jac {
			copy(jac[i][lo:], t.Adjoint(i, m))
		}
	}
	return f, jac
}

// backScalarMul is backBinary for x·c or c·x with the constant c applied
// as a scalar (its node's block does not hold it): the other side's
// adjoint is g·c, the constant's g·x.
func backScalarMul(tn tapeNode, g, a, b, ga, gb []float64, c float64) {
	n := len(g)
	x, gx, gc := a, ga, gb // x·c
	if tn.sc == scLeft {
		x, gx, gc = b, gb, ga
	}
	if gx != nil {
		kernels.MulScalar(gx[:n], g, c)
	}
	if gc != nil {
		kernels.Mul(gc[:n], g, x[:n])
	}
}

// backBinary sets ga = g·∂v/∂a and gb = g·∂v/∂b; a nil ga or gb (a side
// without constants) is skipped. tmp is block-sized scratch. The common
// operators run on the element-wise kernels, so the reverse pass costs
// about as much as the forward one.
func backBinary(op Op, g, v, a, b, ga, gb, tmp []float64) {
	n := len(g)
	v, a, b, tmp = v[:n], a[:n], b[:n], tmp[:n]
	if ga != nil {
		ga = ga[:n]
		switch op {
		case OpAdd, OpSub:
			copy(ga, g)
		case OpMul:
			kernels.Mul(ga, g, b)
		case OpDiv:
			kernels.Div(ga, g, b)
		case OpPow:
			// a^(b-1)·b = v·b/a without a second pow, except at a = 0.
			for j := range g {
				if a[j] != 0 {
					ga[j] = g[j] * b[j] * v[j] / a[j]
				} else {
					ga[j] = g[j] * b[j] * math.Pow(a[j], b[j]-1)
				}
			}
		}
	}
	if gb != nil {
		gb = gb[:n]
		switch op {
		case OpAdd:
			copy(gb, g)
		case OpSub:
			kernels.Neg(gb, g)
		case OpMul:
			kernels.Mul(gb, g, a)
		case OpDiv:
			kernels.Div(tmp, v, b)
			kernels.Mul(tmp, tmp, g)
			kernels.Neg(gb, tmp)
		case OpPow:
			// d/db a^b = a^b ln a; ln|a| keeps a usable direction for
			// negative bases with integral exponents.
			kernels.Abs(tmp, a)
			kernels.Log(tmp, tmp)
			for j := range g {
				gb[j] = 0
				if v[j] != 0 {
					gb[j] = g[j] * v[j] * tmp[j]
				}
			}
		}
	}
}

// backUnary sets ga = g·∂v/∂a, on the element-wise kernels where the
// derivative is a product or quotient of values the forward pass left
// (one plain loop per remaining operator); tmp is block-sized scratch.
func backUnary(op Op, g, v, a, ga, tmp []float64) {
	v, a, ga, tmp = v[:len(g)], a[:len(g)], ga[:len(g)], tmp[:len(g)]
	switch op {
	case OpNeg:
		kernels.Neg(ga, g)
	case OpAbs:
		for j := range g {
			if a[j] < 0 {
				ga[j] = -g[j]
			} else {
				ga[j] = g[j]
			}
		}
	case OpSquare:
		kernels.Mul(tmp, g, a)
		kernels.MulScalar(ga, tmp, 2)
	case OpCube:
		for j := range g {
			ga[j] = g[j] * 3 * a[j] * a[j]
		}
	case OpSqrt:
		kernels.Div(tmp, g, v)
		kernels.MulScalar(ga, tmp, 0.5)
	case OpExp:
		kernels.Mul(ga, g, v)
	case OpLog:
		kernels.Div(ga, g, a)
	case OpSin:
		kernels.Cos(tmp, a)
		kernels.Mul(ga, g, tmp)
	case OpCos:
		kernels.Sin(tmp, a)
		kernels.Mul(tmp, tmp, g)
		kernels.Neg(ga, tmp)
	case OpTan:
		for j := range g {
			ga[j] = g[j] * (1 + v[j]*v[j])
		}
	case OpTanh:
		for j := range g {
			ga[j] = g[j] * (1 - v[j]*v[j])
		}
	case OpAsin:
		for j := range g {
			ga[j] = g[j] / math.Sqrt(1-a[j]*a[j])
		}
	case OpAcos:
		for j := range g {
			ga[j] = -(g[j] / math.Sqrt(1-a[j]*a[j]))
		}
	case OpAtan:
		for j := range g {
			ga[j] = g[j] / (1 + a[j]*a[j])
		}
	case OpAtanh:
		for j := range g {
			ga[j] = g[j] / (1 - a[j]*a[j])
		}
	default:
		panic("expr: no derivative for " + op.Name())
	}
}
