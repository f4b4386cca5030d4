package kernels

import (
	"math"
	"math/big"
)

// The assembly does not run the Cox–de Boor triangle per point: on a
// uniform grid each of the K+1 non-zero functions is, in u = (x-t_j)/h, a
// fixed polynomial of degree K (a piece of the cardinal B-spline), so it
// evaluates those polynomials with Horner's rule, K+1 functions at once.
// Near the ends of the extended grid the window of K+1 reported functions
// is shifted by o = idx-(j-K) against the non-zero ones; each o gets its
// own row of coefficients (zeros for functions not supported there), so one
// table lookup per point covers every case. The table is built here, in Go,
// from exact rational arithmetic.

// basisPolys returns the K+1 polynomials N_r (coefficients, lowest degree
// first) with B_{j-K+r}(x) = N_r(u) for x in [t_j, t_{j+1}): the uniform
// triangle of basisLocalGeneric64 run on polynomials with exact rationals.
func basisPolys(k int) [][]float64 {
	poly := func(c ...int64) []*big.Rat {
		p := make([]*big.Rat, k+1)
		for i := range p {
			p[i] = new(big.Rat)
		}
		for i, v := range c {
			p[i].SetInt64(v)
		}
		return p
	}
	// mulLin returns (a + b·u)·p / d.
	mulLin := func(p []*big.Rat, a, b, d int64) []*big.Rat {
		out := poly()
		for i := range p {
			t := new(big.Rat).Mul(p[i], big.NewRat(a, d))
			out[i].Add(out[i], t)
			if i+1 <= k {
				t = new(big.Rat).Mul(p[i], big.NewRat(b, d))
				out[i+1].Add(out[i+1], t)
			}
		}
		return out
	}
	add := func(p, q []*big.Rat) []*big.Rat {
		out := poly()
		for i := range out {
			out[i].Add(p[i], q[i])
		}
		return out
	}
	n := make([][]*big.Rat, k+1)
	n[0] = poly(1)
	for d := 1; d <= k; d++ {
		saved := poly()
		for r := 0; r < d; r++ {
			nr := n[r]
			n[r] = add(saved, mulLin(nr, int64(r+1), -1, int64(d)))
			saved = mulLin(nr, int64(d-1-r), 1, int64(d))
		}
		n[d] = saved
	}
	out := make([][]float64, k+1)
	for r := range n {
		out[r] = make([]float64, k+1)
		for i, c := range n[r] {
			out[r][i], _ = c.Float64()
		}
	}
	return out
}

// basisTableRows is the number of rows of the table for order k: shifts
// o = -(K+1) … K+1 (|o| = K+1 means no supported function: all zeros)
// plus one row of NaN for NaN points.
func basisTableRows(k int) int { return 2*k + 4 }

// basisTable returns the coefficient table for order k with vectors padded
// to p elements. Row ρ = o+K+1 (ρ = 2K+3 for NaN) holds 2K+1 vectors of p
// elements: first the value coefficients of u^0 … u^K, then the derivative
// coefficients (in u) of u^0 … u^(K-1); lane r of a vector belongs to
// function idx+r, i.e. to N_{r+o}, and is zero when r+o is outside 0 … K.
func basisTable[F Float](k, p int) []F {
	polys := basisPolys(k)
	stride := (2*k + 1) * p
	tab := make([]F, basisTableRows(k)*stride)
	for row := 0; row < basisTableRows(k); row++ {
		o := row - (k + 1)
		base := tab[row*stride : (row+1)*stride]
		for r := 0; r <= k; r++ {
			q := r + o
			for m := 0; m <= k; m++ {
				var c, dc float64
				switch {
				case row == basisTableRows(k)-1:
					c, dc = math.NaN(), math.NaN()
				case q >= 0 && q <= k:
					c = polys[q][m]
					if m < k {
						dc = float64(m+1) * polys[q][m+1]
					}
				}
				base[m*p+r] = F(c)
				if m < k {
					base[(k+1+m)*p+r] = F(dc)
				}
			}
		}
	}
	return tab
}

// basisPadAVX2 is the padded vector length of the table for the assembly
// of asm/basis (the sum of its register widths over the K+1 values): whole
// YMMs, then an XMM or one more YMM for the rest. The general-knot tables
// use it on every ISA: it is a multiple of the 16-byte NEON vector too.
func basisPadAVX2(bits, k int) int {
	lanes := 256 / bits
	n := k + 1
	pad := n / lanes * lanes
	switch r := n % lanes; {
	case r == 0:
	case r > lanes/2:
		pad += lanes
	default:
		pad += lanes / 2
	}
	return pad
}
