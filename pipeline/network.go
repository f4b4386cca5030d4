package pipeline

import (
	"fmt"
	"math"
	"slices"

	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/model/kan"
)

// Sizes of the KAN diagram's data: rows the curves and scores are read
// from, and points kept per curve.
const (
	networkRows  = 1000
	curvePoints  = 24
	maxDiagEdges = 400 // larger networks are not drawn
)

// network describes a trained KAN for its diagram (nil for other
// networks, or ones too large to draw): every edge's activation sampled
// on the training rows and its pykan attribution score, as a share of the
// largest score in its layer.
func network(f *fitted) *Network {
	net, ok := f.m.Net.(*kan.Net)
	if !ok {
		return nil
	}
	layers := net.Layers()
	edges := 0
	for _, l := range layers {
		edges += l.In * l.Out
	}
	if edges > maxDiagEdges {
		return nil
	}
	rows := min(f.train.N, networkRows)
	x := f.train.X[:rows*f.train.D]
	inputs, acts := net.Activations(x, rows)
	scores := net.Attribute(x, rows)
	nw := &Network{Inputs: slices.Clone(f.m.Features), Width: []int{layers[0].In}}
	for _, l := range layers {
		nw.Width = append(nw.Width, l.Out)
	}
	if f.m.Task == model.Classification {
		for _, c := range f.m.Classes {
			nw.Outputs = append(nw.Outputs, fmt.Sprint(c))
		}
	} else {
		nw.Outputs = []string{f.m.Target}
	}
	for l, ly := range layers {
		top := slices.Max(scores.Edge[l])
		var es []Edge
		for i := 0; i < ly.In; i++ {
			for j := 0; j < ly.Out; j++ {
				if ly.Mask[i*ly.Out+j] == 0 {
					continue
				}
				e := Edge{From: i, To: j, Score: Num(scores.Edge[l][i*ly.Out+j] / math.Max(top, 1e-300))}
				e.Curve = edgeCurve(rows, func(r int) (float64, float64) {
					return inputs[l][r*ly.In+i], acts[l][(r*ly.In+i)*ly.Out+j]
				})
				es = append(es, e)
			}
		}
		nw.Edges = append(nw.Edges, es)
	}
	return nw
}

// edgeCurve samples curvePoints (input, φ) pairs, evenly spaced in rank,
// from the rows' pairs sorted by input.
func edgeCurve(rows int, at func(r int) (float64, float64)) []Point {
	pts := make([]Point, rows)
	for r := range pts {
		x, y := at(r)
		pts[r] = Point{Num(x), Num(y)}
	}
	slices.SortFunc(pts, func(a, b Point) int {
		switch {
		case a[0] < b[0]:
			return -1
		case a[0] > b[0]:
			return 1
		}
		return 0
	})
	if rows <= curvePoints {
		return pts
	}
	out := make([]Point, curvePoints)
	for k := range out {
		out[k] = pts[k*(rows-1)/(curvePoints-1)]
	}
	return out
}
