package kernels

import "sort"

// basisKnotsGeneric is the plain-Go reference of BasisLocalKnots. For
// each point x it finds j, the last knot with T(t_j) <= x (outside
// [t_0, t_last) everything is zero), and runs the general Cox–de Boor
// recursion in float64 on the float64 knots: for d = 1 … K, i = j-d … j,
//
//	B_{i,d} = (x-t_i)/(t_{i+d}-t_i)·B_{i,d-1} + (t_{i+d+1}-x)/(t_{i+d+1}-t_{i+1})·B_{i+1,d-1}
//	dB_{i,K}/dx = K/(t_{i+K}-t_i)·B_{i,K-1} - K/(t_{i+K+1}-t_{i+1})·B_{i+1,K-1}
//
// where a term whose denominator is zero is zero, and functions that would
// need knots beyond either end of the vector are zero; then it shifts the
// window to idx = clamp(j-K, 0, len(knots)-2K-2) and rounds to T.
func basisKnotsGeneric[T Float](x []T, kn *Knots, idx []int32, val, der []T) {
	tr := knotsOf[T](kn)
	nk, k, lastIdx := len(tr), kn.k, kn.lastIdx()
	w := k + 1
	for i, xi := range x {
		v, d := val[i*w:(i+1)*w], sub(der, i*w, w)
		switch {
		case xi != xi:
			idx[i] = nanPoint(xi, v, d)
			continue
		case xi < tr[0] || xi >= tr[nk-1]:
			clear(v)
			clear(d)
			idx[i] = 0
			if xi >= tr[nk-1] {
				idx[i] = int32(lastIdx)
			}
			continue
		}
		// j <= nk-2 because x < t_{nk-1}.
		j := sort.Search(nk, func(a int) bool { return tr[a] > xi }) - 1
		var b, prev [MaxBasisOrder + 1]float64 // slot s holds B_{j-k+s}
		knotsWindow(kn.t, k, j, float64(xi), &b, &prev)
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
			v[r] = T(b[s])
			if d != nil {
				d[r] = T(knotsDerivative(kn.t, k, ix+r, s, &prev))
			}
		}
	}
}

// knotsWindow runs the recursion of basisKnotsGeneric at x in [t_j,
// t_{j+1}): b[s] = B_{j-k+s,k}(x) and prev[s] = B_{j-k+s,k-1}(x).
func knotsWindow(t []float64, k, j int, x float64, b, prev *[MaxBasisOrder + 1]float64) {
	nk := len(t)
	b[k] = 1
	for dd := 1; dd <= k; dd++ {
		if dd == k {
			*prev = *b
		}
		for fi := j - dd; fi <= j; fi++ {
			s := fi - (j - k)
			var left, right float64
			if fi >= 0 && fi+dd+1 <= nk-1 {
				left = coxTerm(x-t[fi], t[fi+dd]-t[fi], b[s])
				if s+1 <= k {
					right = coxTerm(t[fi+dd+1]-x, t[fi+dd+1]-t[fi+1], b[s+1])
				}
			}
			b[s] = left + right
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
