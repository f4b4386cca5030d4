package snap

import (
	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/model/kan"
)

// SparsifyOptions control Sparsify.
type SparsifyOptions struct {
	Lamb       float64 // regularisation strength of the sparsifying fit (pykan's lamb)
	Steps      int     // L-BFGS steps of the sparsifying fit and of the refit after pruning
	NodeTh     float64 // node attribution threshold (pykan's node_th)
	EdgeTh     float64 // edge attribution threshold (pykan's edge_th)
	Tolerance  float64 // the sparse network is used if its MSE is at most this times the dense one's (or below Floor)
	FloorRatio float64 // MSE relative to the target's variance below which any fit is exact enough
}

// DefaultSparsify is pykan's tutorial recipe: λ = 0.01, prune at node
// 0.01 and edge 0.03, 100 steps each; the sparse network must stay
// within 100× the dense one's MSE or below 1e-4 of the target variance
// (R² 0.9999: enough to show the structure, which the polish then fits
// exactly).
func DefaultSparsify() SparsifyOptions {
	return SparsifyOptions{Lamb: 0.01, Steps: 100, NodeTh: 0.01, EdgeTh: 0.03, Tolerance: 100, FloorRatio: 1e-4}
}

// Sparsify is pykan's route from an accurate network to a readable one,
// run on a copy of net: train with the sparsity penalty (λ·(L1 +
// entropy) of the edge scales) so that few edges carry the function,
// prune the nodes and edges that no longer matter, and train the pruned
// network without penalty. A network trained for accuracy (λ = 0)
// spreads a law over all its hidden nodes, and every edge then looks like
// no library function; its sparse twin usually needs one node per term.
// It returns net itself when the sparse network fits much worse (see
// SparsifyOptions.Tolerance). z are the network's inputs and ys its
// targets (scaled, rows×outputs).
func Sparsify(net *kan.Net, z, ys []float64, rows int, o SparsifyOptions) *kan.Net {
	data := model.Data{X: z, Y: ys, N: rows, D: net.NumIn()}
	dense := mseOf(net, data)
	b, err := net.MarshalBinary()
	if err != nil {
		return net
	}
	c, err := kan.Unmarshal(b)
	if err != nil {
		return net
	}
	if _, err := c.Train(model.Regression, data, model.Data{}, model.TrainConfig{Lamb: o.Lamb, Steps: o.Steps}); err != nil {
		return net
	}
	p, _, _, err := c.Prune(z, rows, o.NodeTh, o.EdgeTh)
	if err != nil {
		return net
	}
	if _, err := p.Train(model.Regression, data, model.Data{}, model.TrainConfig{Steps: o.Steps}); err != nil {
		return net
	}
	sparse := mseOf(p, data)
	if sparse <= o.Tolerance*dense || sparse <= o.FloorRatio*variance(ys) {
		return p
	}
	return net
}

// mseOf is the network's mean squared error on d.
func mseOf(n *kan.Net, d model.Data) float64 {
	out := make([]float64, d.N*n.NumOut())
	n.Forward(d.X, d.N, out)
	s := 0.0
	for i, v := range out {
		s += (v - d.Y[i]) * (v - d.Y[i])
	}
	return s / float64(len(out))
}
