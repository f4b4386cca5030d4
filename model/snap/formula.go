package snap

import "github.com/ansatz/ansatz/symreg/expr"

// Tree emits the outputs of the symbolic network as formulas in the raw
// inputs x_k, where the network sees (x_k − mean_k)/std_k (mean and std
// may be nil for no standardisation; it is folded into the first
// layer's a and b).
func (s *Net) Tree(mean, std []float64) []*expr.Node {
	L0 := s.Layers[0]
	v := make([]*expr.Node, L0.In)
	for i := range v {
		v[i] = &expr.Node{Op: expr.OpVar, Var: i}
	}
	for l, L := range s.Layers {
		sub := make([]*expr.Node, L.Out)
		for i := 0; i < L.In; i++ {
			for j := 0; j < L.Out; j++ {
				e := L.Edges[i*L.Out+j]
				if !e.Live {
					continue
				}
				p := e.P
				if l == 0 && mean != nil {
					// a·(x−m)/s + b = (a/s)·x + (b − a·m/s)
					p.A, p.B = p.A/std[i], p.B-p.A*mean[i]/std[i]
				}
				sub[j] = add(sub[j], edgeTree(e.Fn, p, v[i]))
			}
		}
		for j := range sub {
			if sub[j] == nil {
				sub[j] = cst(0)
			}
		}
		next := make([]*expr.Node, L.Nodes.Count())
		copy(next, sub[:L.Nodes.Sum])
		off := L.Nodes.Sum
		for m, ar := range L.Nodes.Mult {
			prod := sub[off]
			for f := 1; f < ar; f++ {
				prod = bin(expr.OpMul, prod, sub[off+f])
			}
			next[L.Nodes.Sum+m] = prod
			off += ar
		}
		v = next
	}
	return v
}

// edgeTree builds c·f(a·x+b)+d with trivial factors and terms left out.
func edgeTree(f Fn, p Affine, x *expr.Node) *expr.Node {
	if f.Name == "0" {
		return cst(p.D)
	}
	arg := x.Clone()
	if f.Name == "x" {
		// c·(a·x+b)+d = (c·a)·x + (c·b+d)
		return affine(arg, p.C*p.A, p.C*p.B+p.D)
	}
	arg = affine(arg, p.A, p.B)
	return affine(f.Tree(arg), p.C, p.D)
}

// affine is k·t + c without the trivial parts.
func affine(t *expr.Node, k, c float64) *expr.Node {
	switch k {
	case 0:
		return cst(c)
	case 1:
	case -1:
		t = un(expr.OpNeg, t)
	default:
		t = bin(expr.OpMul, cst(k), t)
	}
	if c != 0 {
		t = bin(expr.OpAdd, t, cst(c))
	}
	return t
}

func add(a, b *expr.Node) *expr.Node {
	if a == nil {
		return b
	}
	return bin(expr.OpAdd, a, b)
}
