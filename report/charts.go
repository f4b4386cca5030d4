package report

import (
	"fmt"
	"math"

	"github.com/ansatz/ansatz/pipeline"
)

// Every mark that stands for a number of the Result carries it exactly in
// data-* attributes (data-x, data-y, ...), so a test can read each chart
// back and compare it with result.json.

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
func barChart(name string, bars []bar, xlabel string) string {
	if len(bars) > maxBars {
		bars = bars[:maxBars]
	}
	longest := 0
	for _, b := range bars {
		longest = max(longest, len([]rune(b.label)))
	}
	left := math.Min(math.Max(60, 7.5*float64(longest)+14), 260)
	rowH := 22.0
	c := newCanvas(name, 720, rowH*float64(len(bars))+60, left, 30, 10, 44)
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
		c.add(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s" opacity="0.85" data-label="%s" data-value="%s" data-spread="%s"/>`,
			math.Min(x0, x1), y+4, math.Abs(x1-x0), rowH-8, fill, esc(b.label), num(b.value), num(b.spread))
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

// series is one set of points for a line chart.
type series struct {
	name   string
	x, y   []float64
	chosen int  // index of the marked point (-1: none)
	rings  bool // open circles and a dashed line (held-out scores)
	colour string
}

// lineChart draws series as lines through their points on a whole-number
// x axis and a linear or log y axis, each point carrying data-series, data-x and data-y; a
// series' chosen point is circled and labelled mark. Non-finite points
// (and non-positive ones on a log axis) are left out. ref, if finite, is
// a dashed horizontal reference line labelled refName.
type lineChart struct {
	name, xlabel, ylabel string
	logY, steps          bool
	mark                 string
	ref                  float64
	refName              string
	vline                float64 // x of a labelled vertical marker (NaN: none)
	vlineName            string
}

func (lc lineChart) draw(ss []series) string {
	c := newCanvas(lc.name, 720, 380, 78, 190, 14, 48)
	ok := func(v float64) bool { return finite(v) && (!lc.logY || v > 0) }
	xlo, xhi, ylo, yhi := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, s := range ss {
		for i, x := range s.x {
			if y := s.y[i]; ok(y) && finite(x) {
				xlo, xhi = math.Min(xlo, x), math.Max(xhi, x)
				ylo, yhi = math.Min(ylo, y), math.Max(yhi, y)
			}
		}
	}
	if ok(lc.ref) {
		ylo, yhi = math.Min(ylo, lc.ref), math.Max(yhi, lc.ref)
	}
	if math.IsInf(xlo, 1) {
		c.text(360, 190, "middle", "no finite points to draw", "")
		return c.done()
	}
	xt, xa, xz := intTicks(xlo-0.5, xhi+0.5, 8) // the x axes count inputs or nodes
	sx := scale{lo: xa, hi: xz, p0: c.x0(), p1: c.x1()}
	var yt []float64
	var ya, yz float64
	if lc.logY {
		yt, ya, yz = logTicks(ylo, yhi)
	} else {
		yt, ya, yz = niceTicks(ylo, yhi, 6)
	}
	sy := scale{lo: ya, hi: yz, p0: c.y0(), p1: c.y1(), log: lc.logY}
	c.xAxis(sx, xt, lc.xlabel)
	c.yAxis(sy, yt, lc.ylabel)
	if ok(lc.ref) {
		y := sy.at(lc.ref)
		c.add(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#777" stroke-dasharray="2 3" data-ref="%s"/>`, c.x0(), y, c.x1(), y, num(lc.ref))
		c.text(c.x1()-4, y-5, "end", lc.refName, ` fill="#666"`)
	}
	if finite(lc.vline) {
		x := sx.at(lc.vline)
		c.add(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="1.5" stroke-dasharray="6 3" data-vline="%s"/>`, x, c.y1(), x, c.y0(), accent, num(lc.vline))
		c.text(x+5, c.y1()+12, "start", lc.vlineName, fmt.Sprintf(` fill="%s" font-weight="bold"`, accent))
	}
	for k, s := range ss {
		col := s.colour
		if col == "" {
			col = palette[k%len(palette)]
		}
		var path string
		for i := range s.x {
			if !ok(s.y[i]) {
				continue
			}
			px, py := sx.at(s.x[i]), sy.at(s.y[i])
			switch {
			case path == "":
				path = fmt.Sprintf("M%.1f %.1f", px, py)
			case lc.steps:
				path += fmt.Sprintf("H%.1fV%.1f", px, py)
			default:
				path += fmt.Sprintf("L%.1f %.1f", px, py)
			}
		}
		dash := ""
		if s.rings {
			dash = ` stroke-dasharray="5 4"`
		}
		c.add(`<path d="%s" stroke="%s" stroke-width="1.5" fill="none" opacity="0.75"%s/>`, path, col, dash)
		for i := range s.x {
			if !ok(s.y[i]) {
				continue
			}
			c.add(`<circle cx="%.1f" cy="%.1f" %s data-series="%s" data-x="%s" data-y="%s"/>`,
				sx.at(s.x[i]), sy.at(s.y[i]), dot(s.rings, col), esc(s.name), num(s.x[i]), num(s.y[i]))
		}
		if i := s.chosen; i >= 0 && ok(s.y[i]) {
			px, py := sx.at(s.x[i]), sy.at(s.y[i])
			c.add(`<circle cx="%.1f" cy="%.1f" r="8" fill="none" stroke="%s" stroke-width="2.5"/>`, px, py, accent)
			c.text(px+11, py-9, "start", lc.mark, fmt.Sprintf(` fill="%s" font-weight="bold"`, accent))
		}
		ly := c.y1() + 14 + 18*float64(k)
		c.add(`<circle cx="%.1f" cy="%.1f" %s/>`, c.x1()+16, ly-4, dot(s.rings, col))
		c.text(c.x1()+26, ly, "start", s.name, "")
	}
	return c.done()
}

// dot is the attributes of a point marker: filled, or an open ring.
func dot(ring bool, col string) string {
	if ring {
		return fmt.Sprintf(`r="4.5" fill="#fff" stroke="%s" stroke-width="1.6"`, col)
	}
	return fmt.Sprintf(`r="3.5" fill="%s"`, col)
}

// span is the range of the finite values of some points' coordinates.
func span(pts [][]pipeline.Point, coords ...int) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, ps := range pts {
		for _, p := range ps {
			for _, k := range coords {
				if v := float64(p[k]); finite(v) {
					lo, hi = math.Min(lo, v), math.Max(hi, v)
				}
			}
		}
	}
	return lo, hi
}

// scatterChart plots (x, y) points on the range [lo, hi] for both axes
// (so panels side by side compare), with the line y = x. Points that
// coincide (predicted classes) are drawn once, as a bubble whose area
// grows with their count (data-n). Non-finite points are left out; the
// caller counts them in the caption.
func scatterChart(name string, pts []pipeline.Point, lo, hi float64, xlabel, ylabel string) string {
	c := newCanvas(name, 420, 400, 70, 20, 24, 48)
	if math.IsInf(lo, 1) {
		c.text(210, 200, "middle", "no finite points", "")
		return c.done()
	}
	t, a, z := niceTicks(lo, hi, 5)
	sx := scale{lo: a, hi: z, p0: c.x0(), p1: c.x1()}
	sy := scale{lo: a, hi: z, p0: c.y0(), p1: c.y1()}
	c.xAxis(sx, t, xlabel)
	c.yAxis(sy, t, ylabel)
	c.add(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-dasharray="5 4"/>`,
		sx.at(a), sy.at(a), sx.at(z), sy.at(z), accent)
	for _, b := range bubbles(pts) {
		r := math.Min(2.6*math.Sqrt(float64(b.n)), 16)
		c.add(`<circle cx="%.1f" cy="%.1f" r="%.1f" fill="%s" opacity="0.55" data-x="%s" data-y="%s" data-n="%d"/>`,
			sx.at(b.x), sy.at(b.y), r, palette[0], num(b.x), num(b.y), b.n)
	}
	return c.done()
}

// bubble is a distinct finite point and how often it occurs.
type bubble struct {
	x, y float64
	n    int
}

// bubbles counts the distinct finite points, in order of first occurrence.
func bubbles(pts []pipeline.Point) []bubble {
	var out []bubble
	at := map[[2]float64]int{}
	for _, p := range pts {
		x, y := float64(p[0]), float64(p[1])
		if !finite(x) || !finite(y) {
			continue
		}
		if i, ok := at[[2]float64{x, y}]; ok {
			out[i].n++
			continue
		}
		at[[2]float64{x, y}] = len(out)
		out = append(out, bubble{x, y, 1})
	}
	return out
}

// residualChart plots the law's residuals (actual − formula) against one
// input, with the zero line: structure left here is what the formula
// misses.
func residualChart(name, feature string, pts []pipeline.Point) string {
	c := newCanvas(name, 340, 250, 62, 12, 12, 44)
	xlo, xhi := span([][]pipeline.Point{pts}, 0)
	ylo, yhi := span([][]pipeline.Point{pts}, 1)
	if math.IsInf(xlo, 1) {
		c.text(170, 125, "middle", "no finite residuals", "")
		return c.done()
	}
	m := math.Max(math.Abs(ylo), math.Abs(yhi)) // symmetric about zero
	xt, xa, xz := niceTicks(xlo, xhi, 4)
	yt, ya, yz := niceTicks(-m, m, 4)
	sx := scale{lo: xa, hi: xz, p0: c.x0(), p1: c.x1()}
	sy := scale{lo: ya, hi: yz, p0: c.y0(), p1: c.y1()}
	c.xAxis(sx, xt, feature)
	c.yAxis(sy, yt, "actual − formula")
	c.add(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-dasharray="5 4"/>`, c.x0(), sy.at(0), c.x1(), sy.at(0), accent)
	for _, b := range bubbles(pts) {
		c.add(`<circle cx="%.1f" cy="%.1f" r="%.1f" fill="%s" opacity="0.5" data-x="%s" data-y="%s" data-n="%d"/>`,
			sx.at(b.x), sy.at(b.y), math.Min(2.2*math.Sqrt(float64(b.n)), 12), palette[2], num(b.x), num(b.y), b.n)
	}
	return c.done()
}
