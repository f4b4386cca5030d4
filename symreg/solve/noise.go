package solve

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/ansatz/ansatz/symreg"
)

// NoiseEstimate is an estimate of the variance of the target's noise.
type NoiseEstimate struct {
	Var    float64 // σ² in the target's units squared (0: none found)
	Method string  // "replicates", "nearest-neighbour differences" or "" (none)
}

// minReplicateRows is how many rows must share their inputs with another
// row before replicates are trusted for the noise.
const minReplicateRows = 6

// EstimateNoise estimates the target's noise from the data alone: the
// pooled variance within groups of rows with identical inputs
// (replicates) when there are enough, else half the mean squared
// difference of y between each row and its nearest neighbour in inputs
// scaled by their ranges (an upper bound: the law itself changes between
// neighbours). At most maxRows evenly spaced rows are used.
func EstimateNoise(d *symreg.Data, maxRows int) NoiseEstimate {
	d = subsample(d, maxRows)
	if v, ok := replicateVar(d); ok {
		return NoiseEstimate{Var: v, Method: "replicates"}
	}
	n := d.Rows()
	if n < 3 {
		return NoiseEstimate{}
	}
	nn := nearestNeighbours(d)
	var s float64
	for i, j := range nn {
		s += (d.Y[i] - d.Y[j]) * (d.Y[i] - d.Y[j])
	}
	return NoiseEstimate{Var: s / float64(2*n), Method: "nearest-neighbour differences"}
}

// replicateVar is the pooled within-group variance of y over groups of
// rows with identical inputs, if at least minReplicateRows rows are in
// such groups.
func replicateVar(d *symreg.Data) (float64, bool) {
	groups := map[string][]int{}
	var b strings.Builder
	for i := range d.Y {
		b.Reset()
		for _, c := range d.X {
			b.WriteString(strconv.FormatFloat(c[i], 'g', -1, 64))
			b.WriteByte(',')
		}
		groups[b.String()] = append(groups[b.String()], i)
	}
	var ss float64
	rows, dof := 0, 0
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		var m float64
		for _, i := range g {
			m += d.Y[i]
		}
		m /= float64(len(g))
		for _, i := range g {
			ss += (d.Y[i] - m) * (d.Y[i] - m)
		}
		rows += len(g)
		dof += len(g) - 1
	}
	if rows < minReplicateRows || dof == 0 {
		return 0, false
	}
	return ss / float64(dof), true
}

// nearestNeighbours is, for each row, the closest other row with the
// inputs scaled by their ranges (ties: the lower index).
func nearestNeighbours(d *symreg.Data) []int {
	n := d.Rows()
	scale := make([]float64, len(d.X))
	for k, c := range d.X {
		lo, hi := span(c)
		if hi > lo {
			scale[k] = 1 / (hi - lo)
		}
	}
	out := make([]int, n)
	for i := range n {
		best, bd := -1, math.Inf(1)
		for j := range n {
			if j == i {
				continue
			}
			var dist float64
			for k, c := range d.X {
				t := (c[i] - c[j]) * scale[k]
				dist += t * t
			}
			if dist < bd {
				best, bd = j, dist
			}
		}
		out[i] = best
	}
	return out
}

// subsample keeps at most n evenly spaced rows of d.
func subsample(d *symreg.Data, n int) *symreg.Data {
	if n <= 0 || d.Rows() <= n {
		return d
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i * d.Rows() / n
	}
	return rowsOf(d, idx)
}

// rowsOf is the table of d's rows idx, in that order.
func rowsOf(d *symreg.Data, idx []int) *symreg.Data {
	out := &symreg.Data{X: make([][]float64, len(d.X)), Y: make([]float64, len(idx)), Names: d.Names}
	for k, c := range d.X {
		out.X[k] = make([]float64, len(idx))
		for i, r := range idx {
			out.X[k][i] = c[r]
		}
	}
	for i, r := range idx {
		out.Y[i] = d.Y[r]
	}
	if d.W != nil {
		out.W = make([]float64, len(idx))
		for i, r := range idx {
			out.W[i] = d.W[r]
		}
	}
	return out
}

// median of xs (NaN for none); xs is reordered.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	slices.Sort(xs)
	return xs[len(xs)/2]
}
