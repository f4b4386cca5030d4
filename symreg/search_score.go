package symreg

import (
	"math"

	"github.com/ansatz/ansatz/kernels"
	"github.com/ansatz/ansatz/symreg/expr"
)

// Scoring. Evolution scores members in float32 through the SIMD evaluator
// (Options.Score64 turns that off): half the memory traffic and twice the
// lanes of float64, and plenty to rank formulas by. Everything that decides
// what the user gets stays in float64: constant fitting (LM), the hall of
// fame, the final front. A member carries its compiled program, so
// rescoring it never compiles again.

// rows is a table in one precision: columns, target, optional weights.
type rows[T kernels.Float] struct {
	x    [][]T
	y, w []T
}

func (r *rows[T]) n() int { return len(r.y) }

// rows32 is data rounded to float32, or nil when it would not survive the
// rounding: values beyond ±1e15 (their squares and products overflow
// float32 sums) or non-zero values below 1e-15 in magnitude.
func rows32(d *Data) *rows[float32] {
	ok := func(v float64) bool { a := math.Abs(v); return a <= 1e15 && (a == 0 || a >= 1e-15) }
	conv := func(c []float64) ([]float32, bool) {
		out := make([]float32, len(c))
		for i, v := range c {
			if !ok(v) {
				return nil, false
			}
			out[i] = float32(v)
		}
		return out, true
	}
	r := &rows[float32]{x: make([][]float32, len(d.X))}
	var good bool
	for k, c := range d.X {
		if r.x[k], good = conv(c); !good {
			return nil
		}
	}
	if r.y, good = conv(d.Y); !good {
		return nil
	}
	if d.W != nil {
		if r.w, good = conv(d.W); !good {
			return nil
		}
	}
	return r
}

// fullBlock is the rows per block when a member is scored on all rows in
// float64: the predictions of one block, never of the whole table, are
// held, so scoring the hall of fame on a million rows takes no
// table-sized buffer.
const fullBlock = 8192

// scratch is an island's evaluator and prediction buffers for one
// precision.
type scratch[T kernels.Float] struct {
	ev          expr.Evaluator
	pred, d, wd []T
}

// buffers returns the prediction buffer for n rows and the scaling
// scratch (d with linear scaling, wd with it and weights; nil otherwise).
func (s *scratch[T]) buffers(n int, scale, weighted bool) (pred, d, wd []T) {
	s.pred = grow(s.pred, n)
	if scale {
		s.d = grow(s.d, n)
		d = s.d
		if weighted {
			s.wd = grow(s.wd, n)
			wd = s.wd
		}
	}
	return s.pred, d, wd
}

// grow returns b with n values, reallocated if too short (contents
// undefined).
func grow[T kernels.Float](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n)
	}
	return b[:n]
}

// evalFinite evaluates p on cols into out, reporting false at the first
// non-finite block.
func evalFinite[T kernels.Float](ev *expr.Evaluator, p *expr.Program, cols [][]T, out []T) bool {
	switch c := any(cols).(type) {
	case [][]float32:
		return ev.EvalFinite32(p, c, any(out).([]float32))
	case [][]float64:
		return ev.EvalFinite64(p, c, any(out).([]float64))
	}
	panic("unreachable")
}

// lossIn is the loss of p on the rows r, evaluated in one piece (r fits in
// memory: a mini-batch or a table held in that precision anyway).
func lossIn[T kernels.Float](o *Options, s *scratch[T], p *expr.Program, r *rows[T]) float64 {
	pred, d, wd := s.buffers(r.n(), o.LinearScaling, r.w != nil)
	if !evalFinite(&s.ev, p, r.x, pred) {
		return math.Inf(1)
	}
	if o.LinearScaling {
		linearScale(pred, r.y, r.w, d, wd)
	}
	return lossOf(o.Loss, o.HuberDelta, pred, r.y, r.w)
}

// lossStreamed is the float64 loss of p on all of data, in blocks of
// fullBlock rows: with linear scaling a first sweep fits the line and a
// second scores it (one sweep when the data is one block).
func lossStreamed(o *Options, s *scratch[float64], p *expr.Program, data *Data) float64 {
	n := data.Rows()
	bs := min(n, fullBlock)
	pred, d, wd := s.buffers(bs, o.LinearScaling, data.W != nil)
	view := make([][]float64, len(data.X))
	var w []float64
	block := func(lo int) (m int, ok bool) {
		m = min(bs, n-lo)
		for k, c := range data.X {
			view[k] = c[lo : lo+m]
		}
		return m, evalFinite(&s.ev, p, view, pred[:m])
	}
	weights := func(lo, m int) []float64 {
		if data.W == nil {
			return nil
		}
		return data.W[lo : lo+m]
	}
	a, b := 1.0, 0.0
	if o.LinearScaling {
		var l lineFit
		for lo := 0; lo < n; lo += bs {
			m, ok := block(lo)
			if !ok || !addLine(&l, pred[:m], data.Y[lo:lo+m], weights(lo, m), d, wd) {
				return math.Inf(1)
			}
		}
		a, b, _ = l.coef()
	}
	var sum, sw float64
	for lo := 0; lo < n; lo += bs {
		m := min(bs, n-lo)
		if !o.LinearScaling || n > bs { // one block: its predictions are still there
			var ok bool
			if m, ok = block(lo); !ok {
				return math.Inf(1)
			}
		}
		w = weights(lo, m)
		if o.LinearScaling {
			applyLine(pred[:m], a, b)
		}
		s1, w1, ok := lossSum(o.Loss, o.HuberDelta, pred[:m], data.Y[lo:lo+m], w)
		if !ok {
			return math.Inf(1)
		}
		sum += s1
		sw += w1
	}
	if !(sw > 0) {
		return math.Inf(1)
	}
	return sum / sw
}

// polishRows caps the rows hall-of-fame candidates are polished on by LM
// (an evenly spaced subset of a bigger table, see subsample): the polished
// tree is kept only if its float64 loss on every row drops, so a big
// table costs the fits no accuracy that matters, and each of LM's dozens
// of passes stays cheap.
const polishRows = 1 << 15

// polishData is the rows polish fits on: the data, or an evenly spaced
// subset of polishRows of them.
func polishData(d *Data) rows[float64] {
	s := subsample(d, polishRows)
	return rows[float64]{x: s.X, y: s.Y, w: s.W}
}

// f32Slack is the RMS error float32 evaluation may add to a formula's, as
// a fraction of the target's RMS: 2⁻¹⁶, some 500 float32 rounding steps.
const f32Slack = 1.0 / 65536

// mayEnter reports whether a member of complexity c scored l during
// evolution could enter the hall of fame once scored in float64 on all
// rows: within slack (mini-batch scores stray from full-data ones) of the
// entry it would replace, and, when scored in float32, within that
// precision's rounding of it (by the triangle inequality the float64 RMS
// error is at most the float32 one plus the rounding's).
func (e *engine) mayEnter(c int, l, slack float64) bool {
	if e.d32 == nil {
		return e.hof.wouldAccept(c, l, slack)
	}
	if c < 1 || c >= len(e.hof.Best) || !finite(l) {
		return false
	}
	cur := e.hof.Best[c]
	if cur == nil {
		return true
	}
	if e.opts.Loss == LossL1 {
		return l < cur.Loss*slack+e.rms32
	}
	return math.Sqrt(l) < math.Sqrt(cur.Loss*slack)+e.rms32
}

// program is m's compiled tree, compiled on first use (members restored
// from a checkpoint or received from another rank come without one).
func (m *Member) program() *expr.Program {
	if m.prog == nil {
		m.prog = expr.Compile(m.Tree)
	}
	return m.prog
}

// withConsts is p with t's constants, for a copy t of p's tree whose
// constants alone changed (constant mutation, LM): no compilation.
func withConsts(p *expr.Program, t *expr.Node) *expr.Program {
	cs := expr.ConstNodes(t)
	c := make([]float64, len(cs))
	for i, n := range cs {
		c[i] = n.Value
	}
	return p.WithConsts(c)
}

// count adds one evaluation to the island's tally (its work is counted
// by the island's evaluators, see collect).
func (is *island) count() { is.evals++ }

// countFit adds a constant fit's evaluations and work.
func (is *island) countFit(r FitResult) {
	is.evals += int64(r.Evals)
	is.nodeRows += r.NodeRows
}

// collect moves the island's tallies into the engine's: its evaluations,
// and its work in node·rows, the fits' plus what its evaluators did.
func (e *engine) collect(is *island) {
	e.evals += is.evals
	e.nodeRows += is.nodeRows + is.s32.ev.NodeRows + is.s64.ev.NodeRows
	is.evals, is.nodeRows, is.s32.ev.NodeRows, is.s64.ev.NodeRows = 0, 0, 0, 0
}
