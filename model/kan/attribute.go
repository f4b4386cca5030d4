package kan

import (
	"fmt"
	"math"
	"slices"
)

// Scores are pykan's attribution scores from one pass over data.
// Node[l][i] scores node i of node layer l (Node[0] are the input
// features); Edge[l][i*nOut+j] scores edge i→j (subnode j) of edge layer
// l; Subnode[l][j] scores the edge sums feeding node layer l+1.
type Scores struct {
	Node    [][]float64
	Edge    [][]float64
	Subnode [][]float64
}

// Features is the score of each input (Node[0]).
func (s *Scores) Features() []float64 { return s.Node[0] }

// Attribute computes pykan's attribute() on the n rows of x: starting
// from each output with score 1, a node's score is passed to its
// subnodes (a product node passes it to every factor), a subnode's score
// to its edges in proportion std(φ_edge)/(std(subnode)+1e-4), and a
// node's score is the sum over its outgoing edges; scores are then
// averaged over the outputs.
func (n *Net) Attribute(x []float64, rows int) *Scores {
	out := make([]float64, rows*n.NumOut())
	n.Forward(x, rows, out)
	nL := len(n.layers)
	edgeStd := make([][]float64, nL)
	subStd := make([][]float64, nL)
	for l, ly := range n.layers {
		st := n.edgeStats(l)
		edgeStd[l] = st.std
		sub := n.subnodeValues(l)
		subStd[l] = make([]float64, ly.nOut)
		for j := range subStd[l] {
			_, subStd[l][j] = meanStd(rows, func(r int) float64 { return sub[r*ly.nOut+j] })
		}
	}
	nOutputs := n.NumOut()
	s := &Scores{Node: make([][]float64, nL+1), Edge: make([][]float64, nL), Subnode: make([][]float64, nL)}
	for l := 0; l <= nL; l++ {
		s.Node[l] = make([]float64, n.cfg.Width[l].Count())
	}
	for l := range n.layers {
		s.Edge[l] = make([]float64, n.layers[l].nIn*n.layers[l].nOut)
		s.Subnode[l] = make([]float64, n.layers[l].nOut)
	}
	// One backward sweep per output, averaged (pykan's identity matrix of
	// output scores followed by a mean over its rows).
	for o := 0; o < nOutputs; o++ {
		node := make([]float64, nOutputs)
		node[o] = 1
		for q := range node {
			s.Node[nL][q] += node[q] / float64(nOutputs)
		}
		for l := nL - 1; l >= 0; l-- {
			ly := n.layers[l]
			sub := nodeToSubnode(ly.out, node)
			next := make([]float64, ly.nIn)
			for i := 0; i < ly.nIn; i++ {
				for j := 0; j < ly.nOut; j++ {
					e := edgeStd[l][i*ly.nOut+j] * sub[j] / (subStd[l][j] + 1e-4)
					s.Edge[l][i*ly.nOut+j] += e / float64(nOutputs)
					next[i] += e
				}
			}
			for j := range sub {
				s.Subnode[l][j] += sub[j] / float64(nOutputs)
			}
			for i := range next {
				s.Node[l][i] += next[i] / float64(nOutputs)
			}
			node = next
		}
	}
	return s
}

// nodeToSubnode gives each subnode the score of the node it feeds.
func nodeToSubnode(nodes Nodes, score []float64) []float64 {
	sub := make([]float64, nodes.Subnodes())
	copy(sub, score[:nodes.Sum])
	off := nodes.Sum
	for m, ar := range nodes.Mult {
		for f := 0; f < ar; f++ {
			sub[off+f] = score[nodes.Sum+m]
		}
		off += ar
	}
	return sub
}

// subnodeValues returns the edge sums of layer l of the last forward
// (n×nOut), recomputed from the edge activations.
func (n *Net) subnodeValues(l int) []float64 {
	ly := n.layers[l]
	rows := n.eng.rows()
	act := make([]float64, rows*ly.nIn*ly.nOut)
	n.eng.edgeActs(l, act, nil)
	sub := make([]float64, rows*ly.nOut)
	for r := 0; r < rows; r++ {
		for i := 0; i < ly.nIn; i++ {
			for j := 0; j < ly.nOut; j++ {
				sub[r*ly.nOut+j] += act[(r*ly.nIn+i)*ly.nOut+j]
			}
		}
	}
	return sub
}

// Prune returns a smaller network (pykan's prune): hidden nodes whose
// attribution score on the rows of x is below nodeTh are removed with all
// their edges (a product node takes its factor subnodes with it), then
// edges scoring below edgeTh are masked, except the strongest edge into
// each remaining subnode. Inputs and outputs are kept.
// It also returns how many nodes and edges went.
func (n *Net) Prune(x []float64, rows int, nodeTh, edgeTh float64) (*Net, int, int, error) {
	if rows < 2 {
		return nil, 0, 0, fmt.Errorf("kan: pruning needs at least 2 rows")
	}
	if len(n.cfg.Symbolic) > 0 {
		return nil, 0, 0, fmt.Errorf("kan: prune before fixing edges to symbolic functions")
	}
	sc := n.Attribute(x, rows)
	nL := len(n.layers)
	keep := make([][]int, nL+1) // kept node indices per node layer
	removedNodes := 0
	for l := 0; l <= nL; l++ {
		for i := range sc.Node[l] {
			if l == 0 || l == nL || sc.Node[l][i] >= nodeTh {
				keep[l] = append(keep[l], i)
			} else {
				removedNodes++
			}
		}
		if len(keep[l]) == 0 { // keep the best node so the network stays connected
			best := 0
			for i, v := range sc.Node[l] {
				if v > sc.Node[l][best] {
					best = i
				}
			}
			keep[l] = []int{best}
			removedNodes--
		}
	}
	_, acts := n.Activations(x, rows)
	mean := make([][]float64, nL)
	for l, ly := range n.layers {
		mean[l] = make([]float64, ly.nIn*ly.nOut)
		for r := 0; r < rows; r++ {
			for e := range mean[l] {
				mean[l][e] += acts[l][r*ly.nIn*ly.nOut+e] / float64(rows)
			}
		}
	}
	m, subKeep := n.subnet(keep)
	// Edge pruning on the smaller network.
	sc2 := m.Attribute(x, rows)
	removedEdges := 0
	for l, ly := range m.layers {
		for j := 0; j < ly.nOut; j++ {
			// A subnode of a node that survived node pruning keeps at
			// least its strongest edge (pykan may mask them all, turning
			// a kept node into a constant).
			best := -1
			for i := 0; i < ly.nIn; i++ {
				e := i*ly.nOut + j
				if ly.mask[e] != 0 && (best < 0 || sc2.Edge[l][e] > sc2.Edge[l][best]) {
					best = e
				}
			}
			for i := 0; i < ly.nIn; i++ {
				e := i*ly.nOut + j
				if ly.mask[e] != 0 && e != best && sc2.Edge[l][e] < edgeTh {
					ly.mask[e] = 0
					removedEdges++
				}
			}
		}
	}
	n.compensate(m, keep, subKeep, mean)
	return m, removedNodes, removedEdges, nil
}

// subnet copies the network restricted to the kept nodes of each layer;
// it also returns, per edge layer, the old index of each kept subnode.
func (n *Net) subnet(keep [][]int) (*Net, [][]int) {
	cfg := n.cfg
	cfg.Width = slices.Clone(cfg.Width)
	subKeep := make([][]int, len(n.layers)) // kept subnodes per edge layer
	for l := 1; l < len(cfg.Width); l++ {
		old := n.cfg.Width[l]
		var w Nodes
		starts := make([]int, old.Count()) // first subnode of each node
		off := old.Sum
		for i := 0; i < old.Count(); i++ {
			if i < old.Sum {
				starts[i] = i
			} else {
				starts[i] = off
				off += old.Mult[i-old.Sum]
			}
		}
		var sk []int
		for _, i := range keep[l] {
			if i < old.Sum {
				w.Sum++
				sk = append(sk, i)
			}
		}
		for _, i := range keep[l] {
			if i >= old.Sum {
				ar := old.Mult[i-old.Sum]
				w.Mult = append(w.Mult, ar)
				for f := 0; f < ar; f++ {
					sk = append(sk, starts[i]+f)
				}
			}
		}
		cfg.Width[l] = w
		subKeep[l-1] = sk
	}
	m := alloc(cfg)
	for l, ly := range n.layers {
		nl := m.layers[l]
		for ni, i := range keep[l] {
			nl.knots[ni] = slices.Clone(ly.knots[i])
			nl.uniform[ni] = ly.uniform[i]
			for nj, j := range subKeep[l] {
				nl.mask[ni*nl.nOut+nj] = ly.mask[i*ly.nOut+j]
				copy(m.params[m.coefAt(nl, ni, nj):m.coefAt(nl, ni, nj)+m.nb()], n.params[n.coefAt(ly, i, j):])
				m.params[m.sbAt(nl, ni, nj)] = n.params[n.sbAt(ly, i, j)]
				m.params[m.spAt(nl, ni, nj)] = n.params[n.spAt(ly, i, j)]
			}
		}
	}
	return m, subKeep
}

// compensate adds back, per kept subnode, the mean activation of the
// edges pruning removed (mean[l] are the old network's edge means on the
// data), by shifting the coefficients of the strongest kept edge into
// that subnode: B-splines sum to one on the grid, so adding c to every
// coefficient adds c·scale_sp to the edge. pykan drops these constants,
// which offsets the output whenever a pruned edge was not centred.
func (n *Net) compensate(m *Net, keep, subKeep [][]int, mean [][]float64) {
	for l, ly := range n.layers {
		nl := m.layers[l]
		newIn := map[int]int{}
		for ni, i := range keep[l] {
			newIn[i] = ni
		}
		for nj, j := range subKeep[l] {
			lost := 0.0
			for i := 0; i < ly.nIn; i++ {
				if ly.mask[i*ly.nOut+j] == 0 {
					continue
				}
				ni, ok := newIn[i]
				if !ok || nl.mask[ni*nl.nOut+nj] == 0 {
					lost += mean[l][i*ly.nOut+j]
				}
			}
			best, bestSp := -1, 0.0
			for ni := 0; ni < nl.nIn; ni++ {
				if sp := m.params[m.spAt(nl, ni, nj)] * nl.mask[ni*nl.nOut+nj]; math.Abs(sp) > math.Abs(bestSp) {
					best, bestSp = ni, sp
				}
			}
			if lost == 0 || best < 0 || math.Abs(bestSp) < 1e-12 {
				continue
			}
			c := m.params[m.coefAt(nl, best, nj) : m.coefAt(nl, best, nj)+m.nb()]
			for q := range c {
				c[q] += lost / bestSp
			}
		}
	}
}
