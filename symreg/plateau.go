package symreg

// Stopping on a plateau (Options.StopPlateau): on noisy data the front
// reaches the noise floor and then only grows, each bigger formula
// threading a little more of the noise. The signature is a flat front:
// an elbow, the simplest formula whose loss is within the band of the
// best loss, with formulas at least plateauSpan bigger that gain no more
// than the band. Once the elbow has stayed the same for as many
// iterations as the search had run when it appeared (and at least
// plateauMinIters), more time is unlikely to change the answer. On exact
// data the loss of a law falls to the rounding floor (Options.StopExact),
// and a front still improving by more than the band is not flat, so the
// rule rarely fires there; it is off unless asked for.

const (
	// plateauSpan is how much bigger than the elbow some formula in the
	// hall of fame must be, so that the front is known to be flat past it.
	plateauSpan = 8
	// plateauMinIters is the least number of iterations the elbow must
	// hold.
	plateauMinIters = 10
)

// plateau tracks the elbow of the front across iterations.
type plateau struct {
	complexity int     // of the elbow (0: none yet)
	loss       float64 // of the elbow when it was last set
	since      int     // the iteration it was last set at
}

// reached reports whether the elbow of e's front, with relative band
// band, has held long enough; it updates the tracker.
func (p *plateau) reached(e *engine, band float64) bool {
	front := e.hof.Front()
	if len(front) == 0 {
		return false
	}
	best := front[len(front)-1].Loss
	elbow := front[len(front)-1]
	for _, f := range front {
		if f.Loss <= best*(1+band) {
			elbow = f
			break
		}
	}
	bigger := false
	for c := elbow.Complexity + plateauSpan; c < len(e.hof.Best); c++ {
		if e.hof.Best[c] != nil {
			bigger = true
			break
		}
	}
	if elbow.Complexity != p.complexity || elbow.Loss < p.loss*(1-band/4) {
		p.complexity, p.loss, p.since = elbow.Complexity, elbow.Loss, e.iteration
		return false
	}
	held := e.iteration - p.since
	return bigger && held >= plateauMinIters && held >= p.since
}
