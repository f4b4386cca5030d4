package snap

import (
	"math"
	"sort"
)

// Affine are the parameters of c·f(a·x+b)+d.
type Affine struct{ A, B, C, D float64 }

// EdgeFit is the fit of one library function to one edge.
type EdgeFit struct {
	Fn     string
	P      Affine
	R2     float64 // 1 − SSE/SST on the edge's samples
	Score  float64 // lower is better
	Finite bool    // f(a·x+b) finite on every sample
}

// FitOptions control the per-edge search.
type FitOptions struct {
	// WeightSimple trades complexity against accuracy in pykan's score
	// WeightSimple·complexity + (1−WeightSimple)·log2(1+1e-5−R²).
	WeightSimple float64
	GridPoints   int     // a and b grid size per axis
	Range        float64 // a, b searched in [−Range, Range]
	MaxSamples   int     // samples used in the grid search
}

// DefaultFit: pykan's ±10 search range, 41 points per axis; a complexity
// weight of 0.2 (pykan's auto_symbolic uses 0.8 with its correlation-based
// r2, which picks x for any mildly curved edge; with the true R² used
// here 0.2 prefers an exact law over a rough simple one).
func DefaultFit() FitOptions {
	return FitOptions{WeightSimple: 0.2, GridPoints: 41, Range: 10, MaxSamples: 256}
}

func score(o FitOptions, complexity int, r2 float64) float64 {
	r2l := math.Log2(1 + 1e-5 - math.Min(math.Max(r2, 0), 1))
	return o.WeightSimple*float64(complexity) + (1-o.WeightSimple)*r2l
}

// FitEdge fits every library function to samples (x, y) and returns the
// fits best first. Functions that are non-finite on the samples for
// every (a,b) are left out.
func FitEdge(x, y []float64, lib []Fn, o FitOptions) []EdgeFit {
	var out []EdgeFit
	sx, sy := subsample(x, y, o.MaxSamples)
	for _, f := range lib {
		p, ok := gridSearch(f, sx, sy, o)
		if !ok {
			continue
		}
		p = levenberg(f, x, y, p, 60)
		r2, fin := rsq(f, x, y, p)
		if !fin {
			continue
		}
		out = append(out, EdgeFit{Fn: f.Name, P: p, R2: r2, Score: score(o, f.Complexity, r2), Finite: true})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score < out[j].Score })
	return out
}

// subsample picks at most m samples evenly spread in x order.
func subsample(x, y []float64, m int) ([]float64, []float64) {
	if len(x) <= m {
		return x, y
	}
	ord := make([]int, len(x))
	for i := range ord {
		ord[i] = i
	}
	sort.Slice(ord, func(i, j int) bool { return x[ord[i]] < x[ord[j]] })
	sx, sy := make([]float64, m), make([]float64, m)
	for k := 0; k < m; k++ {
		r := ord[k*(len(x)-1)/(m-1)]
		sx[k], sy[k] = x[r], y[r]
	}
	return sx, sy
}

// linFit regresses y on f(a·x+b): the best c, d and the R² (NaN, false
// if f is not finite on some sample or constant).
func linFit(f Fn, x, y []float64, a, b float64, fv []float64) (c, d, r2 float64, ok bool) {
	n := float64(len(x))
	mf, my := 0.0, 0.0
	for p, xv := range x {
		v := f.F(a*xv + b)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, 0, 0, false
		}
		fv[p] = v
		mf += v
		my += y[p]
	}
	mf /= n
	my /= n
	var sff, sfy, syy float64
	for p := range x {
		df, dy := fv[p]-mf, y[p]-my
		sff += df * df
		sfy += df * dy
		syy += dy * dy
	}
	if syy == 0 {
		return 0, my, 1, true
	}
	if !(sff > 1e-300) {
		return 0, my, 0, true
	}
	c = sfy / sff
	d = my - c*mf
	return c, d, sfy * sfy / (sff * syy), true
}

// gridSearch finds the best (a, b) on the grid, with c and d by linear
// regression. For f = x the answer is exact with a=1, b=0.
func gridSearch(f Fn, x, y []float64, o FitOptions) (Affine, bool) {
	fv := make([]float64, len(x))
	if f.Name == "x" || f.Name == "0" {
		c, d, _, ok := linFit(f, x, y, 1, 0, fv)
		return Affine{1, 0, c, d}, ok
	}
	best, bestR2, found := Affine{}, -1.0, false
	g := max(o.GridPoints, 3)
	for ia := 0; ia < g; ia++ {
		a := -o.Range + 2*o.Range*float64(ia)/float64(g-1)
		if a == 0 {
			continue
		}
		for ib := 0; ib < g; ib++ {
			b := -o.Range + 2*o.Range*float64(ib)/float64(g-1)
			c, d, r2, ok := linFit(f, x, y, a, b, fv)
			if ok && r2 > bestR2 {
				best, bestR2, found = Affine{a, b, c, d}, r2, true
			}
		}
	}
	return best, found
}

// rsq is the true R² of c·f(a·x+b)+d on all samples.
func rsq(f Fn, x, y []float64, p Affine) (float64, bool) {
	my := 0.0
	for _, v := range y {
		my += v
	}
	my /= float64(len(y))
	var sse, sst float64
	for i, xv := range x {
		v := p.C*f.F(p.A*xv+p.B) + p.D
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, false
		}
		e := v - y[i]
		sse += e * e
		sst += (y[i] - my) * (y[i] - my)
	}
	if sst == 0 {
		if sse == 0 {
			return 1, true
		}
		return 0, true
	}
	return 1 - sse/sst, true
}

// levenberg refines (a,b,c,d) by Levenberg–Marquardt on the squared
// error, rejecting steps that increase it or leave f's domain.
func levenberg(f Fn, x, y []float64, p Affine, iters int) Affine {
	sse := func(q Affine) float64 {
		s := 0.0
		for i, xv := range x {
			e := q.C*f.F(q.A*xv+q.B) + q.D - y[i]
			s += e * e
		}
		if math.IsNaN(s) {
			return math.Inf(1)
		}
		return s
	}
	cur := sse(p)
	lambda := 1e-3
	for it := 0; it < iters; it++ {
		var JtJ [4][4]float64
		var Jtr [4]float64
		for i, xv := range x {
			u := p.A*xv + p.B
			fu, du := f.F(u), f.D(u)
			r := p.C*fu + p.D - y[i]
			j := [4]float64{p.C * du * xv, p.C * du, fu, 1}
			for a := 0; a < 4; a++ {
				Jtr[a] += j[a] * r
				for b := 0; b < 4; b++ {
					JtJ[a][b] += j[a] * j[b]
				}
			}
		}
		improved := false
		for try := 0; try < 10; try++ {
			var M [4][4]float64
			var rhs [4]float64
			for a := 0; a < 4; a++ {
				M[a] = JtJ[a]
				M[a][a] += lambda * (JtJ[a][a] + 1e-12)
				rhs[a] = -Jtr[a]
			}
			dlt, ok := solve4(M, rhs)
			if !ok {
				lambda *= 10
				continue
			}
			q := Affine{p.A + dlt[0], p.B + dlt[1], p.C + dlt[2], p.D + dlt[3]}
			if s := sse(q); s < cur {
				rel := (cur - s) / math.Max(cur, 1e-300)
				p, cur = q, s
				lambda = math.Max(lambda/10, 1e-12)
				improved = rel > 1e-12
				break
			}
			lambda *= 10
		}
		if !improved {
			break
		}
	}
	return p
}

// solve4 solves a 4×4 system by Gaussian elimination with partial pivoting.
func solve4(M [4][4]float64, r [4]float64) ([4]float64, bool) {
	for c := 0; c < 4; c++ {
		p := c
		for i := c + 1; i < 4; i++ {
			if math.Abs(M[i][c]) > math.Abs(M[p][c]) {
				p = i
			}
		}
		if !(math.Abs(M[p][c]) > 1e-300) {
			return r, false
		}
		M[c], M[p] = M[p], M[c]
		r[c], r[p] = r[p], r[c]
		for i := c + 1; i < 4; i++ {
			m := M[i][c] / M[c][c]
			for j := c; j < 4; j++ {
				M[i][j] -= m * M[c][j]
			}
			r[i] -= m * r[c]
		}
	}
	var x [4]float64
	for i := 3; i >= 0; i-- {
		s := r[i]
		for j := i + 1; j < 4; j++ {
			s -= M[i][j] * x[j]
		}
		x[i] = s / M[i][i]
	}
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return x, false
		}
	}
	return x, true
}
