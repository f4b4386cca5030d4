package bench

import "sort"

// ReadableRatio is the readability target: a law printed at most this
// many times the size of the textbook formula.
const ReadableRatio = 1.5

// ReadabilityStats compare the printed laws with the textbook formulas:
// the ratio of syntax-tree sizes (Nodes / TextbookNodes) over the
// equations judged law.
type ReadabilityStats struct {
	Laws      int
	Median    float64
	Worst     float64
	WorstName string
	Over      []string // laws above ReadableRatio, in run order
}

// Readability measures the laws among res.
func Readability(res []FeynmanResult) ReadabilityStats {
	var s ReadabilityStats
	var ratios []float64
	for _, r := range res {
		if !r.Law() || r.Nodes == 0 || r.TextbookNodes == 0 {
			continue
		}
		q := float64(r.Nodes) / float64(r.TextbookNodes)
		ratios = append(ratios, q)
		if q > s.Worst {
			s.Worst, s.WorstName = q, r.Eq.Name
		}
		if q > ReadableRatio {
			s.Over = append(s.Over, r.Eq.Name)
		}
	}
	s.Laws = len(ratios)
	if s.Laws == 0 {
		return s
	}
	sort.Float64s(ratios)
	s.Median = ratios[len(ratios)/2]
	if len(ratios)%2 == 0 {
		s.Median = (ratios[len(ratios)/2-1] + ratios[len(ratios)/2]) / 2
	}
	return s
}
