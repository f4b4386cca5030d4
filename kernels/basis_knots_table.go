package kernels

import "math"

// The assembly does not run the recursion per point. On each knot interval
// [t_j, t_{j+1}) the K+1 functions that can be non-zero are polynomials of
// degree K in u = (x-t_j)/(t_{j+1}-t_j) in [0, 1); their monomial
// coefficients stay small (the pieces are bounded by 1 on [0, 1]), so the
// kernel locates the interval, computes u and evaluates them with Horner's
// rule, K+1 functions at once, as the uniform kernel does with its fixed
// table. The coefficients are the recursion of basisKnotsGeneric run on
// polynomials in float64, once per knot vector (Knots.table).

// knotsRowHeader is the number of elements after a row's coefficient
// vectors: float(t_j), the rest t_j - float(t_j), 1/(t_{j+1}-t_j), 0.
const knotsRowHeader = 4

// knotsRowLen is the length of one table row for order k and padding p:
// 2K+1 vectors (value coefficients of u^0 … u^K, derivative coefficients
// of u^0 … u^(K-1)) of p elements, then the header.
func knotsRowLen(k, p int) int { return (2*k+1)*p + knotsRowHeader }

// table returns kn's coefficient table for element type F with vectors
// padded to p elements, building it on first use. Row 0 is for points
// left of t_0 (all zeros), row 1+j for the interval [t_j, t_{j+1}), row
// nk for points at or right of t_last (zeros) and row nk+1 for NaN points
// (NaN coefficients). In the row of interval j, lane r of each vector
// belongs to function idx+r with idx = clamp(j-K, 0, nk-2K-2) and is zero
// when that function is not one of the K+1 that can be non-zero there.
func knotsTable[F Float](kn *Knots, p int) []F {
	key := knotTabKey{sizeOf[F](), p}
	kn.mu.Lock()
	defer kn.mu.Unlock()
	if t, ok := kn.tabs[key].([]F); ok {
		return t
	}
	if kn.tabs == nil {
		kn.tabs = map[knotTabKey]any{}
	}
	t := buildKnotsTable[F](kn, p)
	kn.tabs[key] = t
	return t
}

func buildKnotsTable[F Float](kn *Knots, p int) []F {
	k, nk := kn.k, len(kn.t)
	rl := knotsRowLen(k, p)
	tab := make([]F, (nk+2)*rl)
	nan := tab[(nk+1)*rl : (nk+1)*rl+(2*k+1)*p]
	for q := range nan {
		nan[q] = F(math.NaN())
	}
	for j := 0; j+1 < nk; j++ {
		if !(kn.t[j+1] > kn.t[j]) {
			continue // an empty interval holds no point
		}
		row := tab[(1+j)*rl : (2+j)*rl]
		polys := knotsPolys(kn.t, k, j)
		ix := min(max(j-k, 0), kn.lastIdx())
		for r := 0; r <= k; r++ {
			s := ix + r - (j - k)
			if s < 0 || s > k {
				continue
			}
			for m := 0; m <= k; m++ {
				row[m*p+r] = F(polys[s][m])
				if m < k {
					row[(k+1+m)*p+r] = F(float64(m+1) * polys[s][m+1])
				}
			}
		}
		hdr := row[(2*k+1)*p:]
		hi := F(kn.t[j])
		hdr[0], hdr[1], hdr[2] = hi, F(kn.t[j]-float64(hi)), F(1/(kn.t[j+1]-kn.t[j]))
	}
	return tab
}

// knotsPolys returns, for the interval [t_j, t_{j+1}), the coefficients
// (lowest degree first) of B_{j-k+s,k} as polynomials in u, s = 0 … k:
// the recursion of knotsWindow with x = t_j + Δ·u.
func knotsPolys(t []float64, k, j int) [MaxBasisOrder + 1][MaxBasisOrder + 1]float64 {
	nk := len(t)
	delta := t[j+1] - t[j]
	var b [MaxBasisOrder + 1][MaxBasisOrder + 1]float64
	b[k][0] = 1
	// addLin adds (a + c·u)/den · src to dst.
	addLin := func(dst, src *[MaxBasisOrder + 1]float64, a, c, den float64) {
		if den == 0 {
			return
		}
		for m := k; m >= 0; m-- {
			v := a * src[m]
			if m > 0 {
				v += c * src[m-1]
			}
			dst[m] += v / den
		}
	}
	for dd := 1; dd <= k; dd++ {
		for fi := j - dd; fi <= j; fi++ {
			s := fi - (j - k)
			var nb [MaxBasisOrder + 1]float64
			if fi >= 0 && fi+dd+1 <= nk-1 {
				addLin(&nb, &b[s], t[j]-t[fi], delta, t[fi+dd]-t[fi])
				if s+1 <= k {
					addLin(&nb, &b[s+1], t[fi+dd+1]-t[j], -delta, t[fi+dd+1]-t[fi+1])
				}
			}
			b[s] = nb
		}
	}
	return b
}
