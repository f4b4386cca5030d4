package model

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
)

// Saliency is the gradient saliency of the knot paper (Davies et al.,
// Nature 2021): for each input j, the mean over the rows of d of
// |∂loss_i/∂x_ij|, where loss_i is row i's own loss and x the
// standardised inputs, normalised to sum 1. Standardising first makes the
// gradients comparable across features measured in different units.
func Saliency(m *Model, d Data) []float64 {
	net := m.Net
	in, c := net.NumIn(), net.NumOut()
	s := make([]float64, in)
	out := make([]float64, min(predictBlock, d.N)*c)
	dout := make([]float64, len(out))
	dx := make([]float64, min(predictBlock, d.N)*in)
	for i := 0; i < d.N; i += predictBlock {
		b := min(predictBlock, d.N-i)
		net.Forward(d.X[i*in:(i+b)*in], b, out[:b*c])
		// scale b turns the gradient of the block mean into per-row ones.
		Loss(m.Task, out[:b*c], d.Y[i:i+b], b, c, dout[:b*c], float64(b))
		net.Backward(dout[:b*c], dx[:b*in])
		for r := 0; r < b; r++ {
			for j := 0; j < in; j++ {
				s[j] += math.Abs(dx[r*in+j])
			}
		}
	}
	var tot float64
	for _, v := range s {
		tot += v
	}
	if tot > 0 {
		for j := range s {
			s[j] /= tot
		}
	}
	return s
}

// Score is the metric permutation importance watches: accuracy for
// classification, R² for regression (higher is better for both).
func Score(m *Model, d Data) float64 {
	mt := Evaluate(m, d)
	if m.Task == Classification {
		return mt.Accuracy
	}
	return mt.R2
}

// Permutation is permutation importance: for each input j, the drop in
// Score when column j of d is shuffled (the other columns and the target
// stay), averaged over the given number of shuffles drawn from seed.
// A feature the model ignores scores about 0; scores can be slightly
// negative by chance.
func Permutation(m *Model, d Data, shuffles int, seed uint64) []float64 {
	base := Score(m, d)
	shuffles = max(shuffles, 1)
	rng := rand.New(rand.NewPCG(seed, 0x9e3))
	x := slices.Clone(d.X)
	work := Data{X: x, Y: d.Y, N: d.N, D: d.D}
	imp := make([]float64, d.D)
	perm := make([]int, d.N)
	for j := 0; j < d.D; j++ {
		for s := 0; s < shuffles; s++ {
			for i := range perm {
				perm[i] = i
			}
			rng.Shuffle(d.N, func(a, b int) { perm[a], perm[b] = perm[b], perm[a] })
			for i, p := range perm {
				x[i*d.D+j] = d.X[p*d.D+j]
			}
			imp[j] += base - Score(m, work)
		}
		imp[j] /= float64(shuffles)
		for i := 0; i < d.N; i++ {
			x[i*d.D+j] = d.X[i*d.D+j]
		}
	}
	return imp
}

// Ranked is one feature's attribution across repeats.
type Ranked struct {
	Feature string  `json:"feature"`
	Score   float64 `json:"score"`  // mean over repeats
	Spread  float64 `json:"spread"` // standard deviation over repeats (0 for one repeat)
}

// Rank combines per-repeat scores (runs[r][j] for feature j) into a
// ranking, best (highest mean) first; ties keep feature order.
func Rank(features []string, runs [][]float64) []Ranked {
	out := make([]Ranked, len(features))
	for j, f := range features {
		var mean, ss float64
		for _, r := range runs {
			mean += r[j]
		}
		mean /= float64(len(runs))
		for _, r := range runs {
			ss += (r[j] - mean) * (r[j] - mean)
		}
		spread := 0.0
		if len(runs) > 1 {
			spread = math.Sqrt(ss / float64(len(runs)-1))
		}
		out[j] = Ranked{Feature: f, Score: mean, Spread: spread}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Score > out[b].Score })
	return out
}
