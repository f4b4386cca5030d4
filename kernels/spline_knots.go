package kernels

import (
	"fmt"
	"math"
)

// SplineKnots is one KAN layer input's spline weights on a knot vector,
// prepared for SplineAccKnots: the knots, the weights ws (NumFuncs rows of
// m outputs) and, for the assembly, the weights already multiplied into
// the knots table's polynomials. On each knot interval the spline sums
// Σ_c B_c(x)·ws[c·m+j] are, like the basis functions themselves,
// polynomials of degree K in u = (x-t_j)/(t_{j+1}-t_j); with their m×(K+1)
// coefficients tabulated once per weight update, a forward pass evaluates
// K FMAs per output and row instead of forming K+1 basis values and
// multiplying them by K+1 weight rows. Set it (cheap: intervals ×
// (K+1)²×m multiply-adds) before a pass; it is then safe for concurrent
// use by SplineAccKnots.
type SplineKnots[T Float] struct {
	kn  *Knots
	m   int
	ws  []T
	tab []T // rows as the knots table's: see splineKnotsTable
	acc []float64
}

// Set prepares sp for the knots kn and the weights ws, NumFuncs()×m
// row-major; sp keeps ws (not a copy) until the next Set. It panics on a
// short ws or m < 1.
func (sp *SplineKnots[T]) Set(kn *Knots, m int, ws []T) {
	if m < 1 || len(ws) < kn.NumFuncs()*m {
		panic(fmt.Sprintf("kernels: spline knots: %d functions of %d outputs need %d weights, have %d", kn.NumFuncs(), m, kn.NumFuncs()*m, len(ws)))
	}
	sp.kn, sp.m, sp.ws = kn, m, ws
	// Blocks of 32-byte vectors (AVX2; NEON takes each as two halves); the
	// fallback does not read the table.
	sp.tab, sp.acc = splineKnotsTable(kn, m, 32/sizeOf[T](), ws, sp.tab, sp.acc)
}

// SplineAccKnots is SplineAcc fused with Silu and BasisLocalKnots, one
// KAN layer input's forward: for r < n = len(x), j < m,
//
//	y[r*m+j] += silu(x[r])·wb[j] + Σ_{q=0..K} B_{idx_r+q}(x[r])·ws[(idx_r+q)*m+j]
//
// with silu as Silu computes it and idx_r and the B values those of
// BasisLocalKnots(x, kn) (its conventions for NaN, ±Inf and points
// outside the knots). The assembly evaluates the tabulated polynomials of
// SplineKnots (and silu: AVX2 float32 in the same pass, to about an ulp;
// otherwise the Silu kernel), so it agrees with the reference to a few
// rounding errors of T per unit of |silu·wb| + Σ_q |ws|·(the absolute coefficients of B_q's polynomial).
// It panics on a short wb or y or an unset sp.
func SplineAccKnots[T Float](x []T, sp *SplineKnots[T], wb, y []T) {
	if sp.kn == nil {
		panic("kernels: spline knots: SplineAccKnots before Set")
	}
	n, m := len(x), sp.m
	if len(wb) < m || len(y) < n*m {
		panic(fmt.Sprintf("kernels: spline knots: %d rows of %d outputs need wb %d, y %d; have %d, %d",
			n, m, m, n*m, len(wb), len(y)))
	}
	t := tableOf[T]()
	t.splineKnots(t, x, sp, wb, y)
}

// splineKnotsHeader is the number of elements before a row's
// coefficients in the SplineKnots table: the knots table's row header.
const splineKnotsHeader = knotsRowHeader

// splineKnotsTable returns (in dst's storage if it is large enough) the
// polynomial table of SplineKnots for vectors of lanes elements: one row
// per knot count c = 0 … nk+1 as in the knots table (row 0 left of t_0
// and row nk at or right of t_last all zeros, row nk+1 for NaN points all
// NaN, row 1+j for [t_j, t_{j+1})). A row is the knots table's header
// (float(t_j), the rest t_j - float(t_j), 1/(t_{j+1}-t_j), 0), then the
// coefficients of the spline sums as polynomials in u, computed in
// float64 from the basis polynomials and the weights: for each whole
// vector of lanes outputs the K+1 vectors of u^0 … u^K, then for each
// remaining output its K+1 coefficients (see splineKnotsCoef). acc is
// scratch of (K+1)·m, grown if needed and returned for reuse.
func splineKnotsTable[T Float](kn *Knots, m, lanes int, ws []T, dst []T, acc []float64) ([]T, []float64) {
	k, nk := kn.k, len(kn.t)
	w := k + 1
	rl := splineKnotsRowLen(k, m)
	tab := dst[:0]
	if cap(tab) < (nk+2)*rl {
		tab = make([]T, (nk+2)*rl)
	}
	tab = tab[:(nk+2)*rl]
	clear(tab)
	nan := tab[(nk+1)*rl+splineKnotsHeader : (nk+2)*rl]
	for q := range nan {
		nan[q] = T(math.NaN())
	}
	acc = grow64(acc, w*m)
	for j := 0; j+1 < nk; j++ {
		if !(kn.t[j+1] > kn.t[j]) {
			continue // an empty interval holds no point
		}
		row := tab[(1+j)*rl : (2+j)*rl]
		polys := knotsPolys(kn.t, k, j)
		ix := min(max(j-k, 0), kn.lastIdx())
		clear(acc)
		for r := 0; r <= k; r++ {
			s := ix + r - (j - k)
			if s < 0 || s > k {
				continue
			}
			wr := ws[(ix+r)*m : (ix+r+1)*m]
			for e := 0; e <= k; e++ {
				c := polys[s][e]
				if c == 0 {
					continue
				}
				a := acc[e*m : (e+1)*m]
				for o, v := range wr {
					a[o] += c * float64(v)
				}
			}
		}
		hi := T(kn.t[j])
		row[0], row[1], row[2] = hi, T(kn.t[j]-float64(hi)), T(1/(kn.t[j+1]-kn.t[j]))
		cf := row[splineKnotsHeader:]
		for e := 0; e <= k; e++ {
			for o, v := range acc[e*m : (e+1)*m] {
				cf[splineKnotsCoef(k, m, lanes, e, o)] = T(v)
			}
		}
	}
	return tab, acc
}

// splineKnotsCoef is the place of output o's coefficient of u^e among a
// row's coefficients: in the block of its vector of lanes outputs (K+1
// vectors), or after the whole vectors, K+1 elements per output.
func splineKnotsCoef(k, m, lanes, e, o int) int {
	full := m / lanes * lanes
	if o < full {
		return (o/lanes)*(k+1)*lanes + e*lanes + o%lanes
	}
	return full*(k+1) + (o-full)*(k+1) + e
}

// grow64 returns s with n elements, reusing its storage if it can.
func grow64(s []float64, n int) []float64 {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]float64, n)
}

// splineKnotsRowLen is the length of one row of the SplineKnots table.
func splineKnotsRowLen(k, m int) int { return splineKnotsHeader + (k+1)*m }
