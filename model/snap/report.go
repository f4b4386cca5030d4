package snap

// EdgeReport describes one live edge of a snapped network: where it is,
// the library function it was fixed to, the true R² (1 − SSE/SST) of
// that function fitted to the edge's spline, and the runner-up
// suggestions with theirs (pykan's suggest_symbolic).
type EdgeReport struct {
	Layer int     `json:"layer"`
	In    int     `json:"in"`
	Out   int     `json:"out"`
	Fn    string  `json:"fn"`
	R2    float64 `json:"r2"`
	// Fixed says the edge is a closed form in the snapped network (every
	// live edge is: the snapped network has no spline edges left).
	Fixed        bool         `json:"fixed"`
	Alternatives []Suggestion `json:"alternatives,omitempty"`
}

// Suggestion is one library function fitted to an edge.
type Suggestion struct {
	Fn string  `json:"fn"`
	R2 float64 `json:"r2"`
}

// Edges reports every live edge, layer by layer.
func (s *Net) Edges() []EdgeReport {
	var out []EdgeReport
	for l, L := range s.Layers {
		for q, e := range L.Edges {
			if !e.Live {
				continue
			}
			r := EdgeReport{Layer: l, In: q / L.Out, Out: q % L.Out, Fn: e.Fn.Name, R2: e.R2, Fixed: true}
			for _, a := range e.Alts {
				if a.Fn.Name == e.Fn.Name {
					continue
				}
				r.Alternatives = append(r.Alternatives, Suggestion{Fn: a.Fn.Name, R2: a.R2})
			}
			out = append(out, r)
		}
	}
	return out
}
