package snap

import (
	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/model/kan"
)

// SparsifyOptions control Sparsify.
type SparsifyOptions struct {
	// Lambs are the regularisation strengths (pykan's lamb) tried in
	// turn, each from the dense network; the sparsest network that still
	// fits is kept.
	Lambs []float64
	Steps int // L-BFGS steps of the sparsifying fit and of the refit after pruning
	// ScratchGrid, when positive, also tries pykan's own recipe: a fresh
	// network of net's width on this coarse grid, trained ScratchSteps
	// with penalty ScratchLamb from its initialisation, then pruned and
	// refitted like the others.
	ScratchGrid  int
	ScratchLamb  float64
	ScratchSteps int
	NodeTh       float64 // node attribution threshold (pykan's node_th)
	EdgeTh       float64 // edge attribution threshold (pykan's edge_th)
	Tolerance    float64 // a sparse network fits if its MSE is at most this times the dense one's (or below Floor)
	FloorRatio   float64 // MSE relative to the target's variance below which any fit is exact enough
	// Stop, when set, ends the fits early and the tries after them (a
	// Ctrl-C in snap): what fits by then is kept.
	Stop func() bool
}

// DefaultSparsify is pykan's tutorial recipe: λ = 0.01, prune at node
// 0.01 and edge 0.03, 100 steps each, from the dense network, then λ =
// 0.03 likewise, and from a fresh G=5 network (300 penalised steps): a
// short penalised fit of a network trained without penalty (ansatz's
// default) often leaves a law spread over a few hidden nodes (exp(sin(πx)
// + y²) over three), where pykan's fit from initialisation gathers it
// into one. A
// sparse network must stay within 100× the dense one's MSE or below 1e-4
// of the target variance (R² 0.9999: enough to show the structure, which
// the polish then fits exactly).
func DefaultSparsify() SparsifyOptions {
	return SparsifyOptions{Lambs: []float64{0.01, 0.03}, Steps: 100, ScratchGrid: 5, ScratchLamb: 0.01, ScratchSteps: 300, NodeTh: 0.01, EdgeTh: 0.03, Tolerance: 100, FloorRatio: 1e-4}
}

// Sparsify is pykan's route from an accurate network to a readable one,
// run on copies of net: train with the sparsity penalty (λ·(L1 +
// entropy) of the edge scales) so that few edges carry the function,
// prune the nodes and edges that no longer matter, and train the pruned
// network without penalty. A network trained for accuracy (λ = 0)
// spreads a law over all its hidden nodes, and every edge then looks like
// no library function; its sparse twin usually needs one node per term.
// Of the networks the strengths in o.Lambs give, it returns the one with
// the fewest live edges (then the lowest MSE) among those that fit (see
// SparsifyOptions.Tolerance), or net itself when none does. z are the
// network's inputs and ys its targets (scaled, rows×outputs).
func Sparsify(net *kan.Net, z, ys []float64, rows int, o SparsifyOptions) *kan.Net {
	data := model.Data{X: z, Y: ys, N: rows, D: net.NumIn()}
	dense := mseOf(net, data)
	type try struct {
		from  *kan.Net
		lamb  float64
		steps int
	}
	var tries []try
	for _, lamb := range o.Lambs {
		tries = append(tries, try{net, lamb, o.Steps})
	}
	if o.ScratchGrid > 0 {
		cfg := net.Config()
		cfg.Grid = o.ScratchGrid
		if fresh, err := kan.New(cfg); err == nil {
			tries = append(tries, try{fresh, o.ScratchLamb, o.ScratchSteps})
		}
	}
	if ask := o.Stop; ask != nil {
		stopped := false // asked once it said yes: every fit below checks it
		o.Stop = func() bool { stopped = stopped || ask(); return stopped }
	}
	best, bestEdges, bestMSE := net, liveEdges(net), dense
	for _, t := range tries {
		if o.Stop != nil && o.Stop() {
			break
		}
		p := sparseTwin(t.from, data, t.lamb, t.steps, net.Config().Grid, o)
		if p == nil {
			continue
		}
		mse := mseOf(p, data)
		if mse > o.Tolerance*dense && mse > o.FloorRatio*variance(ys) {
			continue
		}
		if e := liveEdges(p); e < bestEdges || e == bestEdges && mse < bestMSE {
			best, bestEdges, bestMSE = p, e, mse
		}
	}
	return best
}

// sparseTwin is a copy of net trained steps with penalty lamb, pruned,
// extended to grid intervals when coarser, and refitted without penalty;
// nil when any step fails.
func sparseTwin(net *kan.Net, data model.Data, lamb float64, steps, grid int, o SparsifyOptions) *kan.Net {
	b, err := net.MarshalBinary()
	if err != nil {
		return nil
	}
	c, err := kan.Unmarshal(b)
	if err != nil {
		return nil
	}
	if _, err := c.Train(model.Regression, data, model.Data{}, model.TrainConfig{Lamb: lamb, Steps: steps, Stop: o.Stop}); err != nil {
		return nil
	}
	p, _, _, err := c.Prune(data.X, data.N, o.NodeTh, o.EdgeTh)
	if err != nil {
		return nil
	}
	if p.Config().Grid < grid {
		// A coarse start is extended to the dense grid (pykan's refine)
		// so that its refit can match the dense network's accuracy.
		if p, err = p.Refine(grid, data.X, data.N); err != nil {
			return nil
		}
	}
	if _, err := p.Train(model.Regression, data, model.Data{}, model.TrainConfig{Steps: o.Steps, Stop: o.Stop}); err != nil {
		return nil
	}
	return p
}

// liveEdges counts the unmasked edges of n.
func liveEdges(n *kan.Net) int {
	k := 0
	for _, v := range n.Layers() {
		for _, m := range v.Mask {
			if m != 0 {
				k++
			}
		}
	}
	return k
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
