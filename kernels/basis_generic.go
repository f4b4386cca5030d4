package kernels

import "math"

// basisLocalGeneric64 is the plain-Go reference of BasisLocal for float64.
// For each point it
//
//  1. finds f = j-K for the knot interval [t_j, t_{j+1}) holding x
//     (locate64); outside [t_0, t_{G+2K}) everything is zero;
//  2. runs the Cox–de Boor recursion over the K+1 functions B_{j-K} … B_j
//     that are non-zero on that interval (uniformWindow). On a uniform grid
//     every denominator t_{i+d}-t_i is d·h, so with u = (x-t_j)/h the
//     triangle is, for d = 1 … K (N[0] = 1 at d = 0):
//     saved = 0; for r < d { tmp = N[r]/d; N[r] = saved + (r+1-u)·tmp;
//     saved = (u+d-1-r)·tmp }; N[d] = saved
//     and the order K-1 row M gives dB_{j-K+r}/dx = (M[r-1] - M[r])/h;
//  3. shifts that window to start at idx = clamp(j-K, 0, G-1), filling the
//     functions that lie outside it with zeros (basisPoint).
func basisLocalGeneric64(x []float64, g Grid, idx []int32, val, der []float64) {
	h := g.Step()
	invh := 1 / h
	w := g.K + 1
	for i, xi := range x {
		v, d := val[i*w:(i+1)*w], sub(der, i*w, w)
		if xi != xi {
			idx[i] = nanPoint(xi, v, d)
			continue
		}
		f := locate64(g, h, invh, xi)
		u := (xi - (g.Lo + float64(float64(f)*h))) * invh
		idx[i] = basisPoint(f, u, invh, g, v, d)
	}
}

// basisLocalGeneric32 is the reference of BasisLocal for float32: the
// point is located among the float32 knots (locate32), then the values are
// computed in float64 as in basisLocalGeneric64 and rounded to float32.
func basisLocalGeneric32(x []float32, g Grid, idx []int32, val, der []float32) {
	h := g.Step()
	invh := 1 / h
	w := g.K + 1
	p := newLocator32(g)
	for i, xi := range x {
		v, d := val[i*w:(i+1)*w], sub(der, i*w, w)
		if xi != xi {
			idx[i] = nanPoint(xi, v, d)
			continue
		}
		f := p.locate(xi)
		u := (float64(xi) - (g.Lo + float64(float64(f)*h))) * invh
		idx[i] = basisPoint(f, u, invh, g, v, d)
	}
}

// sub is s[off:off+n], or nil when s is nil (no derivatives wanted).
func sub[F Float](s []F, off, n int) []F {
	if s == nil {
		return nil
	}
	return s[off : off+n]
}

// nanPoint fills a NaN point's values and derivatives with that NaN.
func nanPoint[F Float](nan F, v, d []F) int32 {
	for r := range v {
		v[r] = nan
	}
	for r := range d {
		d[r] = nan
	}
	return 0
}

// locate64 returns f = j-K where t_j <= x < t_{j+1} for the knots
// t_j = Lo + float64(float64(j-K)*h); x is inside the extended grid iff
// -K <= f <= G+K-1. A first guess floor((x-Lo)/h) is corrected by one step
// against the rounded knots, so the half-open rule holds exactly at knots.
// The guess is clamped to [-K-2, G+K+1] so ±Inf and huge x stay outside
// without overflowing the conversion. x must not be NaN.
func locate64(g Grid, h, invh, x float64) int {
	s := (x - g.Lo) * invh
	s = max(s, float64(-g.K-2))
	s = min(s, float64(g.G+g.K+1))
	f := math.Floor(s)
	if x < g.Lo+float64(f*h) {
		f--
	}
	if x >= g.Lo+float64((f+1)*h) {
		f++
	}
	return int(f)
}

// locator32 places float32 points among the float32 knots
// lo32 + float32(f*h32) (each operation rounded to float32), the exact
// arithmetic of the float32 assembly, so all implementations agree on which
// side of a knot a float32 point lies.
type locator32 struct {
	lo, h, invh, sLo, sHi float32
}

func newLocator32(g Grid) locator32 {
	h := g.Step()
	return locator32{lo: float32(g.Lo), h: float32(h), invh: float32(1 / h),
		sLo: float32(-g.K - 2), sHi: float32(g.G + g.K + 1)}
}

// locate is locate64 in float32 arithmetic; x must not be NaN.
func (p locator32) locate(x float32) int {
	s := float32((x - p.lo) * p.invh)
	s = min(max(s, p.sLo), p.sHi)
	f := float32(math.Floor(float64(s)))
	if x < p.lo+float32(f*p.h) {
		f--
	}
	if x >= p.lo+float32((f+1)*p.h) {
		f++
	}
	return int(f)
}

// basisPoint writes the K+1 values (and derivatives when d is not nil) of
// the functions idx … idx+K at a point in interval f = j-K with local
// coordinate u, and returns idx = clamp(f, 0, G-1).
func basisPoint[F Float](f int, u, invh float64, g Grid, v, d []F) int32 {
	k := g.K
	ix := min(max(f, 0), g.G-1)
	if f < -k || f > g.G+k-1 {
		clear(v)
		clear(d)
		return int32(ix)
	}
	var n, m [MaxBasisOrder + 1]float64
	mp := &m
	if d == nil {
		mp = nil // no derivatives: skip saving the order K-1 row
	}
	uniformWindow(u, k, &n, mp)
	o := ix - f // window position of function idx
	for r := 0; r <= k; r++ {
		q := r + o
		if q < 0 || q > k {
			v[r] = 0
			if d != nil {
				d[r] = 0
			}
			continue
		}
		v[r] = F(n[q])
		if d != nil {
			var left, right float64
			if q > 0 {
				left = m[q-1]
			}
			if q < k {
				right = m[q]
			}
			d[r] = F((left - right) * invh)
		}
	}
	return int32(ix)
}

// basisInvOrder[d] = 1/d, so the triangle multiplies instead of dividing.
var basisInvOrder = func() (t [MaxBasisOrder + 1]float64) {
	for d := 1; d <= MaxBasisOrder; d++ {
		t[d] = 1 / float64(d)
	}
	return t
}()

// uniformWindow runs the uniform-knot Cox–de Boor triangle (see
// basisLocalGeneric64): n[r] = B_{j-K+r,K} and, when m is not nil,
// m[r] = B_{j-K+1+r,K-1} at u = (x-t_j)/h.
func uniformWindow(u float64, k int, n, m *[MaxBasisOrder + 1]float64) {
	n[0] = 1
	for d := 1; d <= k; d++ {
		if d == k && m != nil {
			for r := 0; r < k; r++ {
				m[r] = n[r]
			}
		}
		inv := basisInvOrder[d]
		saved := 0.0
		for r := 0; r < d; r++ {
			tmp := n[r] * inv
			n[r] = saved + (float64(r+1)-u)*tmp
			saved = (u + float64(d-1-r)) * tmp
		}
		n[d] = saved
	}
}
