package kernels

import (
	"fmt"
	"math"
	"sort"
)

// BasisLocalKnots64 is BasisLocal in float64 for an arbitrary extended
// knot vector (non-decreasing, as a KAN has after adapting its grid to the data):
// len(knots)-k-1 functions of order k, idx[i] clamped to
// [0, len(knots)-2k-2], the same half-open, 0/0 = 0, outside-is-zero and
// NaN conventions as Grid. It has no assembly: it is the general Cox–de Boor
// recursion, for x in [t_j, t_{j+1}) and d = 1 … k, i = j-d … j:
//
//	B_{i,d} = (x-t_i)/(t_{i+d}-t_i)·B_{i,d-1} + (t_{i+d+1}-x)/(t_{i+d+1}-t_{i+1})·B_{i+1,d-1}
//	dB_{i,k}/dx = k/(t_{i+k}-t_i)·B_{i,k-1} - k/(t_{i+k+1}-t_{i+1})·B_{i+1,k-1}
//
// where a term whose denominator is zero is zero, and functions that would
// need knots beyond either end of the vector are zero.
// It panics on a bad knot vector or too-short outputs.
func BasisLocalKnots64(x, knots []float64, k int, idx []int32, val, der []float64) {
	if err := checkKnots(knots, k); err != nil {
		panic("kernels: " + err.Error())
	}
	checkLocalLens(len(x), k, len(idx), len(val), len(der), der != nil)
	nk := len(knots)
	lastIdx := nk - 2*k - 2 // largest first-function index
	w := k + 1
	for i, xi := range x {
		v, d := val[i*w:(i+1)*w], sub(der, i*w, w)
		switch {
		case xi != xi:
			idx[i] = nanPoint(xi, v, d)
			continue
		case xi < knots[0] || xi >= knots[nk-1]:
			clear(v)
			clear(d)
			idx[i] = 0
			if xi >= knots[nk-1] {
				idx[i] = int32(lastIdx)
			}
			continue
		}
		// j: the last knot <= x; j <= nk-2 because x < t_{nk-1}.
		j := sort.Search(nk, func(a int) bool { return knots[a] > xi }) - 1
		var b, prev [MaxBasisOrder + 1]float64 // slot s holds B_{j-k+s}
		b[k] = 1
		for dd := 1; dd <= k; dd++ {
			if dd == k {
				prev = b
			}
			for fi := j - dd; fi <= j; fi++ {
				s := fi - (j - k)
				var left, right float64
				if fi >= 0 && fi+dd+1 <= nk-1 {
					left = coxTerm(xi-knots[fi], knots[fi+dd]-knots[fi], b[s])
					if s+1 <= k {
						right = coxTerm(knots[fi+dd+1]-xi, knots[fi+dd+1]-knots[fi+1], b[s+1])
					}
				}
				b[s] = left + right
			}
		}
		ix := min(max(j-k, 0), lastIdx)
		idx[i] = int32(ix)
		for r := 0; r <= k; r++ {
			s := ix + r - (j - k)
			if s < 0 || s > k {
				v[r] = 0
				if d != nil {
					d[r] = 0
				}
				continue
			}
			v[r] = b[s]
			if d != nil {
				d[r] = knotsDerivative(knots, k, ix+r, s, &prev)
			}
		}
	}
}

// coxTerm is num/den·b with the Cox–de Boor convention that a zero
// denominator (an empty support, where b is zero too) gives zero.
func coxTerm(num, den, b float64) float64 {
	if b == 0 || den == 0 {
		return 0
	}
	return num / den * b
}

// knotsDerivative is dB_{fi,k}/dx from the order k-1 values prev (slot s
// holds B_{fi,k-1}).
func knotsDerivative(t []float64, k, fi, s int, prev *[MaxBasisOrder + 1]float64) float64 {
	if k == 0 {
		return 0
	}
	kf := float64(k)
	var a, c float64
	if den := t[fi+k] - t[fi]; den != 0 {
		a = kf / den * prev[s]
	}
	if s+1 <= k {
		if den := t[fi+k+1] - t[fi+1]; den != 0 {
			c = kf / den * prev[s+1]
		}
	}
	return a - c
}

// checkKnots reports why knots cannot hold order-k functions, or nil.
func checkKnots(knots []float64, k int) error {
	if k < 0 || k > MaxBasisOrder {
		return fmt.Errorf("basis knots: order %d, want 0..%d", k, MaxBasisOrder)
	}
	if len(knots) < 2*k+2 {
		return fmt.Errorf("basis knots: %d knots cannot hold k+1 = %d functions of order %d (need >= %d)",
			len(knots), k+1, k, 2*k+2)
	}
	for i, t := range knots {
		if math.IsNaN(t) || math.IsInf(t, 0) {
			return fmt.Errorf("basis knots: knot %d is %g", i, t)
		}
		if i > 0 && t < knots[i-1] {
			return fmt.Errorf("basis knots: knot %d (%g) < knot %d (%g): not non-decreasing", i, t, i-1, knots[i-1])
		}
	}
	if !(knots[len(knots)-1] > knots[0]) {
		return fmt.Errorf("basis knots: all knots equal %g", knots[0])
	}
	return nil
}
