package report

import (
	"fmt"
	"math"

	"github.com/ansatz/ansatz/pipeline"
)

// bar is one row of a bar chart: mean value with ± spread whiskers.
type bar struct {
	label         string
	value, spread float64
	highlight     bool
}

// maxBars bounds the rows of a bar chart (the table lists the rest).
const maxBars = 25

// barChart draws horizontal bars, one per feature in the given order,
// with whiskers at value ± spread; highlighted bars use the accent.
func barChart(bars []bar, xlabel string) string {
	if len(bars) > maxBars {
		bars = bars[:maxBars]
	}
	longest := 0
	for _, b := range bars {
		longest = max(longest, len([]rune(b.label)))
	}
	left := math.Min(math.Max(60, 7.5*float64(longest)+14), 260)
	rowH := 22.0
	c := newCanvas(720, rowH*float64(len(bars))+60, left, 30, 10, 44)
	lo, hi := 0.0, 0.0
	for _, b := range bars {
		lo = math.Min(lo, b.value-b.spread)
		hi = math.Max(hi, b.value+b.spread)
	}
	ticks, a, z := niceTicks(lo, hi, 5)
	sx := scale{lo: a, hi: z, p0: c.x0(), p1: c.x1()}
	c.xAxis(sx, ticks, xlabel)
	for i, b := range bars {
		y := c.y1() + rowH*float64(i)
		fill := palette[0]
		if b.highlight {
			fill = accent
		}
		x0, x1 := sx.at(0), sx.at(b.value)
		c.add(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s" opacity="0.85"/>`,
			math.Min(x0, x1), y+4, math.Abs(x1-x0), rowH-8, fill)
		if b.spread > 0 {
			wl, wr, cy := sx.at(b.value-b.spread), sx.at(b.value+b.spread), y+rowH/2
			c.add(`<path d="M%.1f %.1fH%.1fM%.1f %.1fV%.1fM%.1f %.1fV%.1f" stroke="#222" stroke-width="1.3" fill="none"/>`,
				wl, cy, wr, wl, cy-5, cy+5, wr, cy-5, cy+5)
		}
		weight := ""
		if b.highlight {
			weight = ` font-weight="bold"`
		}
		c.text(c.x0()-6, y+rowH/2+4, "end", b.label, weight)
	}
	return c.done()
}

// series is one set of points for a line or scatter chart.
type series struct {
	name   string
	x, y   []float64
	chosen int // index of the marked point (-1: none)
}

// frontChart draws Pareto fronts: loss (log axis) against complexity,
// as step lines through the points, the chosen formula of each front
// circled in the accent colour.
func frontChart(ss []series) string {
	c := newCanvas(720, 380, 78, 150, 14, 48)
	xlo, xhi, ylo, yhi := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, s := range ss {
		for i, x := range s.x {
			if y := s.y[i]; y > 0 && !math.IsInf(y, 0) {
				xlo, xhi = math.Min(xlo, x), math.Max(xhi, x)
				ylo, yhi = math.Min(ylo, y), math.Max(yhi, y)
			}
		}
	}
	if math.IsInf(xlo, 1) {
		c.text(360, 190, "middle", "no formula with a positive finite loss", "")
		return c.done()
	}
	xt, xa, xz := niceTicks(math.Max(0, xlo-1), xhi+1, 8)
	yt, ya, yz := logTicks(ylo, yhi)
	sx := scale{lo: xa, hi: xz, p0: c.x0(), p1: c.x1()}
	sy := scale{lo: ya, hi: yz, p0: c.y0(), p1: c.y1(), log: true}
	c.xAxis(sx, xt, "complexity")
	c.yAxis(sy, yt, "loss (log scale)")
	for k, s := range ss {
		col := palette[k%len(palette)]
		var path string
		for i := range s.x {
			if !(s.y[i] > 0) || math.IsInf(s.y[i], 0) {
				continue
			}
			px, py := sx.at(s.x[i]), sy.at(s.y[i])
			if path == "" {
				path = fmt.Sprintf("M%.1f %.1f", px, py)
			} else {
				path += fmt.Sprintf("H%.1fV%.1f", px, py)
			}
		}
		c.add(`<path d="%s" stroke="%s" stroke-width="1.5" fill="none" opacity="0.7"/>`, path, col)
		for i := range s.x {
			if !(s.y[i] > 0) || math.IsInf(s.y[i], 0) {
				continue
			}
			// Later series are drawn as rings so coinciding fronts stay visible.
			if k == 0 {
				c.add(`<circle cx="%.1f" cy="%.1f" r="3.5" fill="%s"/>`, sx.at(s.x[i]), sy.at(s.y[i]), col)
			} else {
				c.add(`<circle cx="%.1f" cy="%.1f" r="5" fill="none" stroke="%s" stroke-width="1.6"/>`, sx.at(s.x[i]), sy.at(s.y[i]), col)
			}
		}
		if i := s.chosen; i >= 0 && s.y[i] > 0 && !math.IsInf(s.y[i], 0) {
			px, py := sx.at(s.x[i]), sy.at(s.y[i])
			c.add(`<circle cx="%.1f" cy="%.1f" r="8" fill="none" stroke="%s" stroke-width="2.5"/>`, px, py, accent)
			c.text(px+11, py-9, "start", "chosen", fmt.Sprintf(` fill="%s" font-weight="bold"`, accent))
		}
		ly := c.y1() + 14 + 18*float64(k)
		if k == 0 {
			c.add(`<circle cx="%.1f" cy="%.1f" r="4" fill="%s"/>`, c.x1()+16, ly-4, col)
		} else {
			c.add(`<circle cx="%.1f" cy="%.1f" r="5" fill="none" stroke="%s" stroke-width="1.6"/>`, c.x1()+16, ly-4, col)
		}
		c.text(c.x1()+26, ly, "start", s.name, "")
	}
	return c.done()
}

// scatterChart plots predicted against actual values with the line
// y = x; non-finite predictions are left out and counted in the caption
// by the caller.
func scatterChart(pts []pipeline.Point, what string) string {
	c := newCanvas(420, 400, 70, 20, 14, 48)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range pts {
		for _, v := range p {
			if f := float64(v); !math.IsNaN(f) && !math.IsInf(f, 0) {
				lo, hi = math.Min(lo, f), math.Max(hi, f)
			}
		}
	}
	if math.IsInf(lo, 1) {
		c.text(210, 200, "middle", "no finite points", "")
		return c.done()
	}
	t, a, z := niceTicks(lo, hi, 5)
	sx := scale{lo: a, hi: z, p0: c.x0(), p1: c.x1()}
	sy := scale{lo: a, hi: z, p0: c.y0(), p1: c.y1()}
	c.xAxis(sx, t, "actual")
	c.yAxis(sy, t, what)
	c.add(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-dasharray="5 4"/>`,
		sx.at(a), sy.at(a), sx.at(z), sy.at(z), accent)
	for _, p := range pts {
		x, y := float64(p[0]), float64(p[1])
		if math.IsNaN(y) || math.IsInf(y, 0) || math.IsNaN(x) {
			continue
		}
		c.add(`<circle cx="%.1f" cy="%.1f" r="2.6" fill="%s" opacity="0.55"/>`, sx.at(x), sy.at(y), palette[0])
	}
	return c.done()
}
