package symreg

import (
	"math"

	"github.com/ansatz/ansatz/symreg/expr"
)

// HallOfFame keeps the best expression seen at each complexity, scored on
// the full data. Its Pareto front (each entry more accurate than every
// simpler one) is what the search reports.
type HallOfFame struct {
	// Best[c] is the best member of complexity c, or nil.
	Best []*Member
	// Floor is the loss below which fits count as exact: differences
	// there are rounding noise and must not decide the selection.
	Floor float64
}

func newHallOfFame(maxSize int, floor float64) *HallOfFame {
	return &HallOfFame{Best: make([]*Member, maxSize+1), Floor: floor}
}

// offer keeps m (cloned) if it beats the entry of its complexity; m.Loss
// must be the full-data loss. It reports whether m was kept.
func (h *HallOfFame) offer(m *Member) bool {
	c := m.Complexity
	if c < 1 || c >= len(h.Best) || math.IsNaN(m.Loss) || math.IsInf(m.Loss, 0) {
		return false
	}
	if cur := h.Best[c]; cur != nil && cur.Loss <= m.Loss {
		return false
	}
	h.Best[c] = m.clone()
	return true
}

// wouldAccept reports whether a member of complexity c and loss l could
// enter, with loss allowed up to slack × the current entry's: a slack
// above 1 keeps batch winners whose full-data loss may still be better.
func (h *HallOfFame) wouldAccept(c int, l, slack float64) bool {
	if c < 1 || c >= len(h.Best) || math.IsNaN(l) || math.IsInf(l, 0) {
		return false
	}
	cur := h.Best[c]
	return cur == nil || l < cur.Loss*slack
}

// FrontEntry is one formula of the Pareto front.
type FrontEntry struct {
	Tree       *expr.Node
	Complexity int
	Loss       float64 // full-data loss
	// Score is −Δlog(loss)/Δcomplexity against the previous (simpler)
	// front entry; 0 for the simplest. Losses below the hall of fame's
	// Floor count as the Floor.
	Score float64
	eff   float64 // max(Loss, Floor): what the selection rules compare
}

// Front returns the Pareto front in order of increasing complexity: the
// entries whose loss is strictly below that of every simpler entry.
func (h *HallOfFame) Front() []FrontEntry {
	var out []FrontEntry
	best := math.Inf(1)
	for c, m := range h.Best {
		if m == nil || !(m.Loss < best) {
			continue
		}
		best = m.Loss
		e := FrontEntry{Tree: m.Tree, Complexity: c, Loss: m.Loss, eff: max(m.Loss, h.Floor)}
		if k := len(out); k > 0 {
			prev := out[k-1]
			e.Score = -(safeLog(e.eff) - safeLog(prev.eff)) / float64(e.Complexity-prev.Complexity)
		}
		out = append(out, e)
	}
	return out
}

// safeLog keeps log(0) finite so exact fits still get a (large) score.
func safeLog(x float64) float64 { return math.Log(max(x, 1e-300)) }

// Selection rules for the chosen formula of a front.
const (
	SelectBest     = "best"     // highest score among entries within 1.5× of the lowest loss (PySR's "best")
	SelectAccuracy = "accuracy" // lowest loss
	SelectScore    = "score"    // highest score
)

// Choose returns the index in front of the formula picked by rule, or -1
// for an empty front.
func Choose(front []FrontEntry, rule string) int {
	if len(front) == 0 {
		return -1
	}
	minLoss := front[len(front)-1].effLoss() // the front's losses decrease
	switch rule {
	case SelectAccuracy:
		return len(front) - 1
	case SelectScore:
		return argmaxScore(front, func(FrontEntry) bool { return true })
	}
	return argmaxScore(front, func(e FrontEntry) bool { return e.effLoss() <= 1.5*minLoss })
}

func (e FrontEntry) effLoss() float64 { return max(e.Loss, e.eff) }

func argmaxScore(front []FrontEntry, ok func(FrontEntry) bool) int {
	best := -1
	for i, e := range front {
		if ok(e) && (best < 0 || e.Score > front[best].Score) {
			best = i
		}
	}
	return best
}
