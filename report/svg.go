package report

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
)

// Charts are drawn by hand as SVG: no scripts, no external files, and
// they print. Sizes are in SVG user units; the page scales them down.

// palette colours series in order; accent marks highlights.
var palette = []string{"#3b6ea5", "#d08a2c", "#4c9a5a", "#8a5ca8"}

const accent = "#c0392b"

// canvas accumulates SVG elements for a plot area with margins.
type canvas struct {
	b                        strings.Builder
	w, h                     float64
	left, right, top, bottom float64
}

// newCanvas starts an SVG of w×h units named by its data-chart attribute
// (what the report tests look charts up by), with the given margins
// around the plot area.
func newCanvas(name string, w, h, left, right, top, bottom float64) *canvas {
	c := &canvas{w: w, h: h, left: left, right: right, top: top, bottom: bottom}
	fmt.Fprintf(&c.b, `<svg xmlns="http://www.w3.org/2000/svg" data-chart="%s" viewBox="0 0 %g %g" width="%g" height="%g" font-family="sans-serif" font-size="12">`,
		template.HTMLEscapeString(name), w, h, w, h)
	fmt.Fprintf(&c.b, `<rect x="0" y="0" width="%g" height="%g" fill="#fff"/>`, w, h)
	return c
}

// plot area bounds in pixels
func (c *canvas) x0() float64 { return c.left }
func (c *canvas) x1() float64 { return c.w - c.right }
func (c *canvas) y0() float64 { return c.h - c.bottom } // bottom edge
func (c *canvas) y1() float64 { return c.top }

func (c *canvas) add(format string, args ...any) { fmt.Fprintf(&c.b, format, args...) }

func (c *canvas) text(x, y float64, anchor, s string, extra string) {
	c.add(`<text x="%.1f" y="%.1f" text-anchor="%s"%s>%s</text>`, x, y, anchor, extra, template.HTMLEscapeString(s))
}

// num writes a data value exactly (it parses back to the same float64),
// for the data-* attributes that carry each mark's numbers.
func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// esc escapes text for an SVG attribute or element.
func esc(s string) string { return template.HTMLEscapeString(s) }

// finite reports whether v is neither NaN nor ±Inf.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func (c *canvas) done() string {
	c.b.WriteString("</svg>")
	return c.b.String()
}

// scale maps data values to pixels, linearly or on log10.
type scale struct {
	lo, hi, p0, p1 float64
	log            bool
}

func (s scale) at(v float64) float64 {
	lo, hi := s.lo, s.hi
	if s.log {
		v, lo, hi = math.Log10(v), math.Log10(lo), math.Log10(hi)
	}
	if hi == lo {
		return (s.p0 + s.p1) / 2
	}
	return s.p0 + (v-lo)/(hi-lo)*(s.p1-s.p0)
}

// niceTicks returns about n round tick values covering [lo, hi] and the
// widened range they span.
func niceTicks(lo, hi float64, n int) (ticks []float64, a, b float64) {
	if !(hi > lo) {
		d := math.Max(math.Abs(lo)*0.1, 1)
		lo, hi = lo-d, hi+d
	}
	raw := (hi - lo) / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	a, b = math.Floor(lo/step)*step, math.Ceil(hi/step)*step
	for v := a; v <= b+step/2; v += step {
		ticks = append(ticks, math.Round(v/step)*step)
	}
	return ticks, a, b
}

// intTicks is niceTicks for counts: whole-number steps only.
func intTicks(lo, hi float64, n int) (ticks []float64, a, b float64) {
	ticks, a, b = niceTicks(lo, hi, n)
	if len(ticks) < 2 || ticks[1]-ticks[0] >= 1 && math.Mod(ticks[1]-ticks[0], 1) == 0 {
		return ticks, a, b
	}
	step := math.Max(1, math.Ceil(ticks[1]-ticks[0]))
	a, b = math.Floor(lo/step)*step, math.Ceil(hi/step)*step
	ticks = ticks[:0]
	for v := a; v <= b+step/2; v += step {
		ticks = append(ticks, v)
	}
	return ticks, a, b
}

// logTicks returns the powers of ten covering [lo, hi] (both > 0) and the
// range they span.
func logTicks(lo, hi float64) (ticks []float64, a, b float64) {
	e0, e1 := math.Floor(math.Log10(lo)), math.Ceil(math.Log10(hi))
	if e1 == e0 {
		e1++
	}
	step := math.Max(1, math.Ceil((e1-e0)/8))
	for e := e0; e <= e1; e += step {
		ticks = append(ticks, math.Pow(10, e))
	}
	return ticks, math.Pow(10, e0), math.Pow(10, e1)
}

// tickLabel prints a tick value compactly.
func tickLabel(v float64) string {
	if v == 0 {
		return "0"
	}
	a := math.Abs(v)
	if a >= 1e5 || a < 1e-3 {
		e := int(math.Round(math.Log10(a)))
		if math.Abs(a-math.Pow(10, float64(e))) < 1e-9*a {
			return fmt.Sprintf("1e%d", e)
		}
		return fmt.Sprintf("%.2g", v)
	}
	return fmt.Sprintf("%.4g", v)
}

// xAxis draws vertical grid lines with labels under the plot.
func (c *canvas) xAxis(sx scale, ticks []float64, label string) {
	for _, t := range ticks {
		x := sx.at(t)
		c.add(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#e4e4e4"/>`, x, c.y1(), x, c.y0())
		c.text(x, c.y0()+16, "middle", tickLabel(t), "")
	}
	c.add(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#888"/>`, c.x0(), c.y0(), c.x1(), c.y0())
	c.text((c.x0()+c.x1())/2, c.y0()+34, "middle", label, ` fill="#444"`)
}

// yAxis draws horizontal grid lines with labels left of the plot.
func (c *canvas) yAxis(sy scale, ticks []float64, label string) {
	for _, t := range ticks {
		y := sy.at(t)
		c.add(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#e4e4e4"/>`, c.x0(), y, c.x1(), y)
		c.text(c.x0()-6, y+4, "end", tickLabel(t), "")
	}
	c.add(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#888"/>`, c.x0(), c.y1(), c.x0(), c.y0())
	cy := (c.y0() + c.y1()) / 2
	c.text(16, cy, "middle", label, fmt.Sprintf(` fill="#444" transform="rotate(-90 16 %.1f)"`, cy))
}
