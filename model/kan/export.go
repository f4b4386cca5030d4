package kan

import "slices"

// LayerView describes one edge layer for code outside the package
// (symbolic snapping, printing): In inputs, Out edge sums feeding the
// node layer Nodes, and the edge mask (In×Out, 0 = pruned).
type LayerView struct {
	In, Out int
	Nodes   Nodes
	Mask    []float64
}

// Layers returns a view of every edge layer (masks are copies).
func (n *Net) Layers() []LayerView {
	v := make([]LayerView, len(n.layers))
	for l, ly := range n.layers {
		v[l] = LayerView{In: ly.nIn, Out: ly.nOut, Nodes: ly.out, Mask: slices.Clone(ly.mask)}
	}
	return v
}

// Activations runs the network on the n rows of x and returns, per edge
// layer, its inputs (n×In row-major) and its edge activations φ_ij
// (n×In×Out, index (r·In+i)·Out+j).
func (n *Net) Activations(x []float64, rows int) (inputs, acts [][]float64) {
	out := make([]float64, rows*n.NumOut())
	n.Forward(x, rows, out)
	inputs = make([][]float64, len(n.layers))
	acts = make([][]float64, len(n.layers))
	for l, ly := range n.layers {
		inputs[l] = n.eng.inputs(l)
		acts[l] = make([]float64, rows*ly.nIn*ly.nOut)
		n.eng.edgeActs(l, acts[l], nil)
	}
	return inputs, acts
}
