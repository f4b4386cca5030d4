package expr

import (
	"runtime"

	"github.com/ansatz/ansatz/internal/panics"
	"github.com/ansatz/ansatz/kernels"
)

// BlockRows is the default number of rows evaluated per block: 512 float32
// rows are 2 KiB per register, so a program's registers and its input
// column slices stay in L1 while every instruction sweeps the block.
const BlockRows = 512

// Evaluator runs Programs over column-major data, one row block at a time.
// It owns the block registers and reuses them across calls, so an
// evaluation allocates nothing once the largest program has been seen. An
// Evaluator is not safe for concurrent use; give each goroutine its own.
type Evaluator struct {
	// Block is the rows per block (BlockRows if 0).
	Block int
	// NodeRows is the work done so far, Σ program size × rows over the
	// blocks evaluated (EvalFinite stops early); the caller may reset it.
	NodeRows int64

	regs32 [][]float32
	regs64 [][]float64
	cols32 [][]float32
	cols64 [][]float64
}

// NewEvaluator returns an Evaluator with the default block size.
func NewEvaluator() *Evaluator { return &Evaluator{} }

func (e *Evaluator) block() int {
	if e.Block > 0 {
		return e.Block
	}
	return BlockRows
}

// Eval32 evaluates p on rows [0, len(out)) of cols (cols[k][i] is variable
// k at row i; each column at least len(out) long) into out, in float32.
func (e *Evaluator) Eval32(p *Program, cols [][]float32, out []float32) {
	e.regs32 = growRegs(e.regs32, p.nregs, e.block())
	e.cols32, _ = evalRows(p, cols, out, e.regs32, e.cols32, e.block(), false, &e.NodeRows)
}

// Eval64 is Eval32 in float64.
func (e *Evaluator) Eval64(p *Program, cols [][]float64, out []float64) {
	e.regs64 = growRegs(e.regs64, p.nregs, e.block())
	e.cols64, _ = evalRows(p, cols, out, e.regs64, e.cols64, e.block(), false, &e.NodeRows)
}

// EvalFinite32 is Eval32 for a search that rejects any formula with a
// non-finite value: it stops after the first block holding NaN or ±Inf
// and reports false (out is then only partly written). On formulas that
// break early this saves most of the work, since NaN and Inf also take
// the kernels' slow paths.
func (e *Evaluator) EvalFinite32(p *Program, cols [][]float32, out []float32) bool {
	e.regs32 = growRegs(e.regs32, p.nregs, e.block())
	var ok bool
	e.cols32, ok = evalRows(p, cols, out, e.regs32, e.cols32, e.block(), true, &e.NodeRows)
	return ok
}

// EvalFinite64 is EvalFinite32 in float64.
func (e *Evaluator) EvalFinite64(p *Program, cols [][]float64, out []float64) bool {
	e.regs64 = growRegs(e.regs64, p.nregs, e.block())
	var ok bool
	e.cols64, ok = evalRows(p, cols, out, e.regs64, e.cols64, e.block(), true, &e.NodeRows)
	return ok
}

// EvalParallel32 is Eval32 spread over up to threads goroutines, each
// taking whole row blocks. Rows are independent, so the result is the same
// for any thread count.
func EvalParallel32(p *Program, cols [][]float32, out []float32, threads int) {
	parallelRows(len(out), threads, func(lo, hi int) {
		var e Evaluator
		e.Eval32(p, sliceCols(cols, lo, hi), out[lo:hi])
	})
}

// EvalParallel64 is EvalParallel32 in float64.
func EvalParallel64(p *Program, cols [][]float64, out []float64, threads int) {
	parallelRows(len(out), threads, func(lo, hi int) {
		var e Evaluator
		e.Eval64(p, sliceCols(cols, lo, hi), out[lo:hi])
	})
}

// parallelRows splits [0, n) into block-aligned chunks, one per goroutine.
func parallelRows(n, threads int, f func(lo, hi int)) {
	if threads <= 0 {
		threads = runtime.NumCPU()
	}
	blocks := (n + BlockRows - 1) / BlockRows
	threads = max(1, min(threads, blocks))
	if threads == 1 {
		f(0, n)
		return
	}
	per := (blocks + threads - 1) / threads * BlockRows
	var g panics.Group // a worker's panic is raised again in the caller
	for lo := 0; lo < n; lo += per {
		hi := min(n, lo+per)
		g.Go(func() {
			panics.Point("expr.rows")
			f(lo, hi)
		})
	}
	g.Wait()
}

func sliceCols[T kernels.Float](cols [][]T, lo, hi int) [][]T {
	out := make([][]T, len(cols))
	for k, c := range cols {
		out[k] = c[lo:hi]
	}
	return out
}

func growRegs[T kernels.Float](regs [][]T, n, block int) [][]T {
	for len(regs) < n {
		regs = append(regs, make([]T, block))
	}
	for i := range regs {
		if len(regs[i]) < block {
			regs[i] = make([]T, block)
		}
	}
	return regs
}

// evalRows runs p block by block, adding p's size × rows evaluated to
// *work. view is scratch for the column slices of one block (returned for
// reuse). With finite set it stops at the first block with a non-finite
// result and reports false.
func evalRows[T kernels.Float](p *Program, cols [][]T, out []T, regs [][]T, view [][]T, block int, finite bool, work *int64) ([][]T, bool) {
	if len(cols) < p.nvars {
		panic("expr: Eval: program reads more columns than given")
	}
	if cap(view) < p.nvars {
		view = make([][]T, p.nvars)
	}
	view = view[:p.nvars]
	for lo := 0; lo < len(out); lo += block {
		hi := min(len(out), lo+block)
		for v := range view {
			view[v] = cols[v][lo:hi]
		}
		evalBlock(p, view, out[lo:hi], regs)
		*work += int64(p.size) * int64(hi-lo)
		if finite && !allFinite(out[lo:hi]) {
			return view, false
		}
	}
	return view, true
}

// allFinite reports whether no value is NaN or ±Inf (v−v is NaN exactly
// for those).
func allFinite[T kernels.Float](x []T) bool {
	for _, v := range x {
		if v-v != 0 {
			return false
		}
	}
	return true
}

// evalBlock evaluates one block of n = len(out) rows.
func evalBlock[T kernels.Float](p *Program, cols [][]T, out []T, regs [][]T) {
	n := len(out)
	in := func(o operand) []T {
		if o.kind == kVar {
			return cols[o.idx][:n]
		}
		return regs[o.idx][:n]
	}
	last := len(p.code) - 1
	for i := range p.code {
		c := &p.code[i]
		dst := regs[c.dst][:n]
		if i == last && p.out.kind == kReg {
			dst = out // the result register is read by nobody else
		}
		switch c.op {
		case iFill:
			kernels.Fill(dst, T(p.consts[c.a.idx]))
		case iAddS:
			kernels.AddScalar(dst, in(c.a), T(p.consts[c.s]))
		case iSubS:
			kernels.AddScalar(dst, in(c.a), T(-p.consts[c.s]))
		case iMulS:
			kernels.MulScalar(dst, in(c.a), T(p.consts[c.s]))
		default:
			if c.op.Arity() == 2 {
				applyBinary(c.op, dst, in(c.a), in(c.b))
			} else {
				applyUnary(c.op, dst, in(c.a))
			}
		}
	}
	switch p.out.kind {
	case kConst:
		kernels.Fill(out, T(p.consts[p.out.idx]))
	case kVar:
		copy(out, in(p.out))
	}
}
