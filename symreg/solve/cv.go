package solve

import (
	"math"
	"math/rand/v2"

	"github.com/ansatz/ansatz/symreg"
	"github.com/ansatz/ansatz/symreg/expr"
)

// refitIters caps the Levenberg–Marquardt iterations of a refit on part
// of the rows: the constants start at the full-data fit, so few suffice.
const refitIters = 30

// refitPredict fits a copy of t's constants on the rows train of d and
// returns its predictions on the rows test (nil if it is not finite
// there). A tree without constants is evaluated as it is.
func refitPredict(t *expr.Node, d *symreg.Data, train, test []int) []float64 {
	c := t.Clone()
	if len(expr.ConstNodes(c)) > 0 {
		tr := rowsOf(d, train)
		symreg.FitConstants(c, tr.X, tr.Y, tr.W, symreg.FitOptions{MaxIter: refitIters})
	}
	te := rowsOf(d, test)
	pred := make([]float64, len(test))
	var ev expr.Evaluator
	if !ev.EvalFinite64(expr.Compile(c), te.X, pred) {
		return nil
	}
	return pred
}

// folds splits the rows 0..n-1 into k folds of near-equal size by a
// permutation seeded with seed.
func folds(n, k int, seed uint64) [][]int {
	perm := rand.New(rand.NewPCG(seed, 0xc5)).Perm(n)
	out := make([][]int, k)
	for i, r := range perm {
		out[i%k] = append(out[i%k], r)
	}
	return out
}

// cvErrors are t's k-fold cross-validated squared errors, one per row of
// d (each row predicted by the constants fitted without its fold), or nil
// if a refit is not finite on its held-out rows.
func cvErrors(t *expr.Node, d *symreg.Data, fs [][]int) []float64 {
	errs := make([]float64, d.Rows())
	for f, test := range fs {
		var train []int
		for g, rows := range fs {
			if g != f {
				train = append(train, rows...)
			}
		}
		pred := refitPredict(t, d, train, test)
		if pred == nil {
			return nil
		}
		for i, r := range test {
			e := pred[i] - d.Y[r]
			errs[r] = e * e
		}
	}
	return errs
}

// edgeShare is the share of each input's range, at each end, that the
// edge test holds out: the central 80 % is fitted, the outer 20 % scored.
const edgeShare = 0.1

// edgeSplit returns the rows with every input in the central part of its
// range and the others.
func edgeSplit(d *symreg.Data) (central, outer []int) {
	lo := make([]float64, len(d.X))
	hi := make([]float64, len(d.X))
	for k, c := range d.X {
		a, b := span(c)
		lo[k], hi[k] = a+edgeShare*(b-a), b-edgeShare*(b-a)
	}
	for i := range d.Y {
		in := true
		for k, c := range d.X {
			if c[i] < lo[k] || c[i] > hi[k] {
				in = false
				break
			}
		}
		if in {
			central = append(central, i)
		} else {
			outer = append(outer, i)
		}
	}
	return central, outer
}

// edgeError refits t on the central rows and returns its weighted mean
// squared error on the outer rows (+Inf if not finite there).
func edgeError(t *expr.Node, d *symreg.Data, central, outer []int) float64 {
	pred := refitPredict(t, d, central, outer)
	if pred == nil {
		return math.Inf(1)
	}
	sq := make([]float64, len(outer))
	for i, r := range outer {
		e := pred[i] - d.Y[r]
		sq[i] = e * e
	}
	return weightedMean(sq, outer, d.W)
}

// weightedMean is the mean of v[i] with weights w[rows[i]] (w nil: 1).
func weightedMean(v []float64, rows []int, w []float64) float64 {
	var s, sw float64
	for i, x := range v {
		wi := 1.0
		if w != nil {
			wi = w[rows[i]]
		}
		s += wi * x
		sw += wi
	}
	if sw <= 0 {
		return math.NaN()
	}
	return s / sw
}
