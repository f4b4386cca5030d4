package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/ansatz/ansatz/pipeline"
)

// networkChart draws a KAN as pykan's plot() does: node layers from the
// inputs (bottom) to the outputs (top), and between two node layers a row
// of small boxes, one per edge, each showing that edge's learned curve
// φ(x) (scaled to its box) with lines from its input node and to its
// output node. Lines and boxes are shaded by the edge's importance, so
// the edges the network relies on stand out.
func networkChart(nw *pipeline.Network) string {
	slots := 1
	for l := 0; l+1 < len(nw.Width); l++ {
		slots = max(slots, nw.Width[l]*nw.Width[l+1])
	}
	// Boxes as large as the width allows, between 22 and 40 units.
	const gap, rise = 6.0, 58.0 // between boxes; from a node row to its box row
	box := math.Min(40, math.Max(22, 600/float64(slots)-gap))
	left, right := 20.0, 20.0
	width := math.Max(640, float64(slots)*(box+gap)+left+right)
	bottom := 30 + 7*float64(longest(nw.Inputs)) // rotated input labels
	height := 40 + bottom + float64(len(nw.Width)-1)*2*rise
	c := newCanvas("network", width, height, left, right, 40, bottom)
	plotW := c.x1() - c.x0()
	nodeX := func(l, k int) float64 { return c.x0() + (float64(k)+0.5)*plotW/float64(nw.Width[l]) }
	nodeY := func(l int) float64 { return c.y0() - float64(l)*2*rise }
	for l, edges := range nw.Edges {
		in, out := nw.Width[l], nw.Width[l+1]
		by := nodeY(l) - rise // box centre row
		for _, e := range edges {
			s := float64(e.Score)
			if !finite(s) {
				s = 0
			}
			op := 0.08 + 0.92*math.Min(math.Max(s, 0), 1)
			bx := c.x0() + (float64(e.From*out+e.To)+0.5)*plotW/float64(in*out)
			c.add(`<g data-layer="%d" data-from="%d" data-to="%d" data-score="%s" opacity="%.2f">`, l, e.From, e.To, num(float64(e.Score)), op)
			c.add(`<path d="M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f %.1f" stroke="#222" stroke-width="1" fill="none"/>`,
				nodeX(l, e.From), nodeY(l), bx, by+box/2, bx, by-box/2, nodeX(l+1, e.To), nodeY(l+1))
			c.add(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="#fff" stroke="#222"/>`, bx-box/2, by-box/2, box, box)
			if d := curvePath(e.Curve, bx-box/2+2, by+box/2-2, box-4); d != "" {
				c.add(`<path d="%s" stroke="%s" stroke-width="1.4" fill="none"/>`, d, palette[0])
			}
			c.add(`</g>`)
		}
	}
	for l, n := range nw.Width {
		for k := 0; k < n; k++ {
			c.add(`<circle cx="%.1f" cy="%.1f" r="4" fill="#222"/>`, nodeX(l, k), nodeY(l))
		}
	}
	for k, name := range nw.Inputs {
		x, y := nodeX(0, k), nodeY(0)+14
		c.text(x, y, "end", name, fmt.Sprintf(` transform="rotate(-40 %.1f %.1f)"`, x, y))
	}
	last := len(nw.Width) - 1
	for k, name := range nw.Outputs {
		c.text(nodeX(last, k), nodeY(last)-10, "middle", name, "")
	}
	return c.done()
}

// curvePath is an SVG path of the curve scaled into the square box of
// side size whose bottom-left corner is (x0, y0); "" for no points. A
// flat curve is drawn as a level line through the middle.
func curvePath(pts []pipeline.Point, x0, y0, size float64) string {
	xlo, xhi := span([][]pipeline.Point{pts}, 0)
	ylo, yhi := span([][]pipeline.Point{pts}, 1)
	if math.IsInf(xlo, 1) {
		return ""
	}
	at := func(v, lo, hi float64) float64 {
		if hi-lo < 1e-12*math.Max(1, math.Abs(hi)) {
			return 0.5
		}
		return (v - lo) / (hi - lo)
	}
	var b strings.Builder
	for _, p := range pts {
		x, y := float64(p[0]), float64(p[1])
		if !finite(x) || !finite(y) {
			continue
		}
		cmd := "L"
		if b.Len() == 0 {
			cmd = "M"
		}
		fmt.Fprintf(&b, "%s%.1f %.1f", cmd, x0+size*at(x, xlo, xhi), y0-size*at(y, ylo, yhi))
	}
	return b.String()
}

// longest is the length in runes of the longest name.
func longest(names []string) int {
	n := 0
	for _, s := range names {
		n = max(n, len([]rune(s)))
	}
	return n
}
