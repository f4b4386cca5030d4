package kan

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/ansatz/ansatz/model"
)

func TestAttributeAndPrune(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 1))
	n := 500
	x := randRows(rng, n, 3, -1, 1)
	y := make([]float64, n)
	for r := range y {
		y[r] = math.Sin(2*x[3*r]) + 0.5*x[3*r+2]*x[3*r+2] // x1 is irrelevant
	}
	net := newNet(t, "3,4,1", 5, true, 2)
	if _, err := net.Train(model.Regression, model.Data{X: x, Y: y, N: n, D: 3}, model.Data{}, model.TrainConfig{Steps: 150, Lamb: 0.01}); err != nil {
		t.Fatal(err)
	}
	sc := net.Attribute(x, n)
	f := sc.Features()
	t.Logf("feature scores %.4g, hidden %.4g", f, sc.Node[1])
	if !(f[1] < 0.1*f[0] && f[1] < 0.1*f[2]) {
		t.Fatalf("irrelevant input scored %g vs %g, %g", f[1], f[0], f[2])
	}
	p, nodes, edges, err := net.Prune(x, n, 0.01, 0.03)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("pruned to %s (%d nodes, %d edges)", FormatWidth(p.Width()), nodes, edges)
	if p.NumIn() != 3 || p.NumOut() != 1 {
		t.Fatal("pruning must keep inputs and outputs")
	}
	// The pruned network still computes nearly the same function.
	o1, o2 := make([]float64, n), make([]float64, n)
	net.Forward(x, n, o1)
	p.Forward(x, n, o2)
	s := 0.0
	for r := range o1 {
		s += (o1[r] - o2[r]) * (o1[r] - o2[r])
	}
	rms := math.Sqrt(s / float64(n))
	t.Logf("pruned network differs by RMS %.3g", rms)
	if rms > 0.02 {
		t.Fatalf("pruned network differs by RMS %g", rms)
	}
}

func TestSubnetKeepsProductGroups(t *testing.T) {
	n := newNet(t, "2,2+1x3,1", 3, true, 1)
	// Keep sum node 1 and the product node (node 2): its 3 subnodes follow.
	m, _ := n.subnet([][]int{{0, 1}, {1, 2}, {0}})
	if got := FormatWidth(m.Width()); got != "2,1+1x3,1" {
		t.Fatalf("width %s", got)
	}
	if m.layers[0].nOut != 4 || m.layers[1].nIn != 2 {
		t.Fatalf("layer shapes %d, %d", m.layers[0].nOut, m.layers[1].nIn)
	}
	// Edge parameters moved with their subnodes: subnode 2 (first factor)
	// of the old layer is subnode 1 of the new one.
	if a, b := n.params[n.sbAt(n.layers[0], 1, 2)], m.params[m.sbAt(m.layers[0], 1, 1)]; a != b {
		t.Fatalf("scale_base moved wrongly: %g vs %g", a, b)
	}
}
