package symreg

import (
	"math"
	"slices"

	"github.com/ansatz/ansatz/symreg/expr"
)

// SnapOptions configure constant snapping: moving a formula's fitted
// constants onto nearby simple values (expr.Simple: 1/2, 2π, 1/(4π), √2,
// e, ln 2, 10⁻³, …) when the data cannot tell them apart.
type SnapOptions struct {
	// Off turns snapping off.
	Off bool
	// Noise is the variance of the target's noise (σ², in the units of
	// the squared-error loss), 0 for exact data. With noise a snap is kept
	// when it raises n·MSE by at most Noise·ln n (the BIC's price of one
	// fitted constant: the data cannot tell the snapped value from the
	// fitted one); the noise estimate of the caller's selection belongs
	// here.
	Noise float64
	// ExactTol is, for exact data (Noise 0), the relative rise of the
	// squared error a snap may cost (default DefaultSnapExactTol): the
	// fitted value differs from the simple one by rounding or an
	// unfinished fit, not by anything the data says. Fits below the exact
	// floor (relative RMS error 1e-12) always qualify.
	ExactTol float64
	// Radius is how far, relative to a constant, a simple value is looked
	// for (default DefaultSnapRadius for exact data, 1000× that with
	// noise).
	Radius float64
}

// Defaults of SnapOptions.
const (
	DefaultSnapExactTol = 1e-6
	DefaultSnapRadius   = 1e-5
)

// snapTries caps the simple values tried per constant, simplest first.
const snapTries = 4

// snapFitRows caps the rows the refits after a snap run on (an evenly
// spaced subset); the snap itself is judged on every row.
const snapFitRows = 1000

// SnapConstants returns a copy of t whose constants sit on simple values
// where the data allows it, and that copy's mean squared error on data
// (no linear scaling: the tree is what the user gets). Constants are
// taken in tree order; each is tried at its nearby simple values,
// simplest first, and after each trial the constants not yet snapped are
// refitted (Levenberg–Marquardt, snapped ones held), so that one snap
// does not spoil the others; the first trial whose error stays within
// noise of the unsnapped tree's (see SnapOptions) is kept. Constants
// already within rounding of a simple value are put exactly on it.
func SnapConstants(t *expr.Node, data *Data, o SnapOptions) (*expr.Node, float64) {
	t = t.Clone()
	base := MSE(t, data)
	if o.Off || math.IsInf(base, 1) {
		return t, base
	}
	s := newSnapper(t, data, o, base)
	s.exactAlready()
	zeroed := s.dropNegligible()
	for i := range s.consts {
		if !s.frozen[i] {
			s.try(i)
		}
	}
	if zeroed {
		// x − 0 → x: the dropped constants leave the tree.
		if z := expr.Simplify(t); z.Size() < t.Size() {
			if l := MSE(z, data); s.acceptable(l) {
				return z, l
			}
		}
	}
	return t, s.loss
}

// dropNegligible sets to 0 (and holds) each constant whose removal alone
// keeps the error within noise of the unsnapped tree's: leftovers of a
// fit such as x/(sqrt(1 − u²/c²) − 2e−15), which no simple value near
// the constant itself can catch. It reports whether it dropped any.
func (s *snapper) dropNegligible() bool {
	dropped := false
	for i, n := range s.consts {
		if s.frozen[i] || n.Value == 0 {
			continue
		}
		v := n.Value
		n.Value = 0
		if l := MSE(s.t, s.data); s.acceptable(l) {
			s.loss, s.frozen[i], dropped = l, true, true
			s.snaps++
			continue
		}
		n.Value = v
	}
	return dropped
}

// exactAlready puts the constants that are within rounding (1e-13) of a
// simple value exactly on it and holds them, unless that alone breaks the
// fit.
func (s *snapper) exactAlready() {
	saved := s.values()
	for i, n := range s.consts {
		if v, ok := expr.SimpleOf(n.Value, 1e-13); ok {
			n.Value, s.frozen[i] = v.Value(), true
		}
	}
	if l := MSE(s.t, s.data); s.acceptable(l) {
		s.loss = l
		return
	}
	s.restore(saved)
	clear(s.frozen)
}

// snapFront snaps the constants of every front entry (SnapConstants) and
// rebuilds the front: a snapped tree replaces its entry, with its loss as
// the front measures it (loss: the search's own loss, with linear scaling
// if the search uses it), even when that is slightly higher, since a
// formula with simple constants within noise of the fitted ones is the
// better answer.
func snapFront(front []FrontEntry, data *Data, o SnapOptions, loss func(*expr.Node) float64, floor float64) []FrontEntry {
	if o.Off || len(front) == 0 {
		return front
	}
	out := make([]FrontEntry, 0, len(front))
	for _, e := range front {
		if t, _ := SnapConstants(e.Tree, data, o); !expr.Equal(t, e.Tree) {
			if l := loss(t); !math.IsNaN(l) && !math.IsInf(l, 0) {
				e.Tree, e.Loss = t, l
			}
		}
		out = append(out, e)
	}
	return paretoFront(out, floor)
}

// snapper is the state of one SnapConstants call.
type snapper struct {
	t      *expr.Node
	data   *Data
	fit    *Data // the rows refits run on
	o      SnapOptions
	consts []*expr.Node // t's constants, in tree order
	frozen []bool       // snapped (or simple already): held in refits
	base   float64      // MSE before snapping
	loss   float64      // MSE now
	snaps  int
	floor  float64
	tens   []int
}

func newSnapper(t *expr.Node, data *Data, o SnapOptions, base float64) *snapper {
	if o.ExactTol <= 0 {
		o.ExactTol = DefaultSnapExactTol
	}
	if o.Radius <= 0 {
		o.Radius = DefaultSnapRadius
		if o.Noise > 0 {
			o.Radius *= 1000
		}
	}
	cs := expr.ConstNodes(t)
	fit := subsample(data, snapFitRows)
	// The orders of magnitude come from the same evenly spaced rows: their
	// medians are the table's to well within a factor of ten, without
	// sorting a copy of every column of a big table per front entry.
	return &snapper{t: t, data: data, fit: fit, o: o, consts: cs,
		frozen: make([]bool, len(cs)), base: base, loss: base, floor: exactFloor(data), tens: dataTens(fit)}
}

// try snaps constant i to the first acceptable simple value near it.
func (s *snapper) try(i int) {
	n := s.consts[i]
	cands := expr.SimpleNear(n.Value, s.o.Radius, s.tens)
	saved := s.values()
	for k, c := range cands {
		if k == snapTries {
			break
		}
		n.Value = c.Value()
		s.frozen[i] = true
		s.refit()
		if l := MSE(s.t, s.data); s.acceptable(l) {
			s.loss = l
			s.snaps++
			return
		}
		s.frozen[i] = false
		s.restore(saved)
	}
}

// acceptable reports whether MSE l is within noise of the unsnapped tree's
// (counting the snap being tried).
func (s *snapper) acceptable(l float64) bool {
	switch {
	case l <= s.base || l <= s.floor:
		return true
	case s.o.Noise > 0:
		n := float64(s.data.Rows())
		return (l-s.base)*n <= float64(s.snaps+1)*s.o.Noise*math.Log(max(n, 3))
	}
	return l <= s.base*(1+s.o.ExactTol)
}

func (s *snapper) values() []float64 {
	v := make([]float64, len(s.consts))
	for i, n := range s.consts {
		v[i] = n.Value
	}
	return v
}

func (s *snapper) restore(v []float64) {
	for i, n := range s.consts {
		n.Value = v[i]
	}
}

// refit fits the free constants by LM with the frozen ones held: each
// frozen constant becomes a variable reading an extra column that holds
// its value, so the fitter sees only the free ones.
func (s *snapper) refit() {
	if !slices.Contains(s.frozen, false) {
		return
	}
	rows := s.fit.Rows()
	cols := slices.Clip(s.fit.X)
	var free []*expr.Node // free constants of t, matching the copy's constants in order
	var walk func(n *expr.Node) *expr.Node
	k := 0
	walk = func(n *expr.Node) *expr.Node {
		if n == nil {
			return nil
		}
		c := &expr.Node{Op: n.Op, Value: n.Value, Var: n.Var}
		c.L, c.R = walk(n.L), walk(n.R)
		if n.Op == expr.OpConst {
			if s.frozen[k] {
				col := make([]float64, rows)
				for j := range col {
					col[j] = n.Value
				}
				c.Op, c.Var = expr.OpVar, len(cols)
				cols = append(cols, col)
			} else {
				free = append(free, n)
			}
			k++
		}
		return c
	}
	cp := walk(s.t)
	r := FitConstants(cp, cols, s.fit.Y, s.fit.W, FitOptions{MaxIter: 30})
	if !r.OK {
		return
	}
	for i, c := range expr.ConstNodes(cp) {
		free[i].Value = c.Value
	}
}

// MSE is the weighted mean squared error of t on data (+Inf if t is not
// finite on a row), in streamed blocks: the one scoring of a formula
// outside the search that snapping, selection and polishing share.
func MSE(t *expr.Node, data *Data) float64 {
	var s scratch[float64]
	return lossStreamed(&Options{Loss: LossMSE}, &s, expr.Compile(t), data)
}

// subsample keeps at most n evenly spaced rows of data.
func subsample(data *Data, n int) *Data {
	rows := data.Rows()
	if rows <= n {
		return data
	}
	out := &Data{X: make([][]float64, len(data.X)), Y: make([]float64, n), Names: data.Names}
	if data.W != nil {
		out.W = make([]float64, n)
	}
	for k := range data.X {
		out.X[k] = make([]float64, n)
	}
	for i := 0; i < n; i++ {
		r := i * rows / n
		for k := range data.X {
			out.X[k][i] = data.X[k][r]
		}
		out.Y[i] = data.Y[r]
		if data.W != nil {
			out.W[i] = data.W[r]
		}
	}
	return out
}

// dataTens are the powers of ten a constant may carry: 0, the orders of
// magnitude of the target's and each column's typical size (median of
// the magnitudes), and the target's order over each column's (a law in
// mm against m has 10⁻³ in it).
func dataTens(data *Data) []int {
	order := func(col []float64) (int, bool) {
		a := make([]float64, 0, len(col))
		for _, v := range col {
			if v != 0 && !math.IsNaN(v) && !math.IsInf(v, 0) {
				a = append(a, math.Abs(v))
			}
		}
		if len(a) == 0 {
			return 0, false
		}
		slices.Sort(a)
		return int(math.Round(math.Log10(a[len(a)/2]))), true
	}
	tens := []int{0}
	add := func(t int) {
		if t != 0 && t >= -30 && t <= 30 && !slices.Contains(tens, t) {
			tens = append(tens, t)
		}
	}
	ty, okY := order(data.Y)
	if okY {
		add(ty)
	}
	for _, c := range data.X {
		if tx, ok := order(c); ok {
			add(tx)
			if okY {
				add(ty - tx)
			}
		}
	}
	return tens
}
