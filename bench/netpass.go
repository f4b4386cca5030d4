package bench

import "time"

// netPass is one timed piece of work of a network benchmark (`ansatz
// bench kan`: the KAN and MLP cases share this shape).
type netPass struct {
	what string
	run  func()
}

// netPasses are the forward pass and a training step's forward+backward
// pass of a network; backward runs after forward.
func netPasses(forward, backward func()) []netPass {
	return []netPass{
		{"forward", forward},
		{"forward+backward", func() { forward(); backward() }},
	}
}

// rowRate times p for at least target and returns rows/s for a pass over
// rows rows and the process's CPU seconds (all threads, user+system) per
// pass, or -1 where that is unavailable: on a shared machine the wall
// time grows with the other processes' load, the CPU time much less.
func (p netPass) rowRate(target time.Duration, rows int) (rate, cpu float64) {
	var spent time.Duration
	r := Time(target, func(k int) {
		c0 := processCPU()
		for range k {
			p.run()
		}
		spent = processCPU() - c0 // the last call is the one timed
		if c0 < 0 {
			spent = -1
		}
	})
	cpu = -1
	if spent >= 0 && r.N > 0 {
		cpu = spent.Seconds() / float64(r.N)
	}
	return r.Rate(float64(rows)), cpu
}

// precision names the float width of a case.
func precision(f64 bool) string {
	if f64 {
		return "f64"
	}
	return "f32"
}

// speedupLines are the ISA/generic ratio lines of each case, cases
// outer and isas inner; rates[case][isa] is a rate (higher is better).
// A case without a generic rate gets none.
func speedupLines(bench string, cases, isas []string, rates map[string]map[string]float64) []Line {
	var lines []Line
	for _, c := range cases {
		g := rates[c]["generic"]
		if g == 0 {
			continue
		}
		for _, isa := range isas {
			if isa != "generic" {
				lines = append(lines, Line{Bench: bench, Case: c, Impl: isa + "/generic", Metric: "speedup", Value: rates[c][isa] / g})
			}
		}
	}
	return lines
}

// orDefault sets *p to v when it is the zero value.
func orDefault[T comparable](p *T, v T) {
	var zero T
	if *p == zero {
		*p = v
	}
}
