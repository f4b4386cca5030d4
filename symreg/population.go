package symreg

import (
	"math"
	"math/rand/v2"
	"sort"

	"github.com/ansatz/ansatz/symreg/expr"
)

// Member is one expression of a population with its scores.
type Member struct {
	Tree       *expr.Node
	Loss       float64 // mean loss on the rows it was last scored on
	Cost       float64 // Loss / baseline + parsimony × complexity
	Complexity int
	Birth      int64 // island-local birth counter: the smallest is the oldest
	// prog is Tree compiled (nil until first needed, see program); members
	// share it with their clones, and nobody changes a program in place.
	prog *expr.Program
}

func (m *Member) clone() *Member {
	c := *m
	c.Tree = m.Tree.Clone()
	return &c
}

// population is one island's members.
type population struct {
	Members []*Member
	births  int64
}

// newBirth hands out the next birth number of the island.
func (p *population) newBirth() int64 {
	p.births++
	return p.births
}

// oldest is the index of the member born first (ties: lowest index).
func (p *population) oldest() int {
	best := 0
	for i, m := range p.Members {
		if m.Birth < p.Members[best].Birth {
			best = i
		}
	}
	return best
}

// sizeFreq counts how often each complexity was seen recently; the
// adaptive parsimony penalises crowded complexities so the search spreads
// over the whole front (PySR's frequency-based parsimony).
type sizeFreq struct {
	Counts []float64 // index: complexity
}

func newSizeFreq(maxSize int) *sizeFreq {
	c := make([]float64, maxSize+2)
	for i := range c {
		c[i] = 1
	}
	return &sizeFreq{Counts: c}
}

func (f *sizeFreq) add(size int) {
	if size >= 0 && size < len(f.Counts) {
		f.Counts[size]++
	}
}

// normalised is the frequency of size as a fraction of all counts.
func (f *sizeFreq) normalised(size int) float64 {
	var tot float64
	for _, c := range f.Counts {
		tot += c
	}
	if size < 0 || size >= len(f.Counts) || tot == 0 {
		return 0
	}
	return f.Counts[size] / tot
}

// decay halves old counts so the penalty follows the current population.
func (f *sizeFreq) decay() {
	for i := range f.Counts {
		f.Counts[i] = 1 + (f.Counts[i]-1)*0.5
	}
}

// tournament draws size members at random and returns the index of the
// winner: ranked by cost (scaled by the adaptive-parsimony penalty), the
// best wins with probability p, the second with p(1−p), and so on.
func tournament(rng *rand.Rand, pop *population, size int, p float64, freq *sizeFreq, adaptive float64) int {
	n := len(pop.Members)
	idx := rng.Perm(n)[:size]
	var tot float64 // of freq.normalised, summed once per tournament
	if adaptive > 0 && freq != nil {
		for _, c := range freq.Counts {
			tot += c
		}
	}
	adj := make([]float64, size) // each drawn member's cost, computed once
	for k, i := range idx {
		m := pop.Members[i]
		c := m.Cost
		if tot > 0 && m.Complexity >= 0 && m.Complexity < len(freq.Counts) {
			c *= math.Exp(adaptive * freq.Counts[m.Complexity] / tot) // freq.normalised
		}
		if math.IsNaN(c) {
			c = math.Inf(1)
		}
		adj[k] = c
	}
	sort.Stable(byCost{idx, adj})
	for k := 0; k < len(idx)-1; k++ {
		if rng.Float64() < p {
			return idx[k]
		}
	}
	return idx[len(idx)-1]
}

// byCost sorts drawn member indices by their tournament costs.
type byCost struct {
	idx  []int
	cost []float64
}

func (b byCost) Len() int           { return len(b.idx) }
func (b byCost) Less(i, j int) bool { return b.cost[i] < b.cost[j] }
func (b byCost) Swap(i, j int) {
	b.idx[i], b.idx[j] = b.idx[j], b.idx[i]
	b.cost[i], b.cost[j] = b.cost[j], b.cost[i]
}

// bestMembers returns up to k members of the lowest cost, best first.
func (p *population) bestMembers(k int) []*Member {
	s := append([]*Member(nil), p.Members...)
	sort.SliceStable(s, func(a, b int) bool { return s[a].Cost < s[b].Cost })
	if len(s) > k {
		s = s[:k]
	}
	return s
}
