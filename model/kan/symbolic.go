package kan

import (
	"fmt"
	"slices"
	"sync"
)

// Mixed networks (pykan's fix_symbolic): an edge can be fixed to a
// symbolic function, φ_ij(x) = c·f(a·x+b) + d, while the other edges stay
// splines. The fixed edge's spline is masked off; its four affine
// parameters sit at the end of the parameter vector, in the order of
// Config.Symbolic, and train with the rest. The edge list is part of the
// Config, so a model file keeps it.

// SymEdge is one edge fixed to a symbolic function.
type SymEdge struct {
	Layer int    `json:"layer"`
	In    int    `json:"in"`
	Out   int    `json:"out"` // edge sum (subnode) index
	Fn    string `json:"fn"`  // a name given to RegisterSymbolic
}

// symFunc is a registered function and its derivative.
type symFunc struct{ f, d func(float64) float64 }

var (
	symMu    sync.RWMutex
	symFuncs = map[string]symFunc{}
)

// RegisterSymbolic makes f (with derivative d) available to fixed edges
// under name. The symbolic library (package model/snap) registers its
// functions; a model file naming a function nobody registered does not
// load.
func RegisterSymbolic(name string, f, d func(float64) float64) {
	symMu.Lock()
	defer symMu.Unlock()
	symFuncs[name] = symFunc{f, d}
}

func lookupSym(name string) (symFunc, bool) {
	symMu.RLock()
	defer symMu.RUnlock()
	s, ok := symFuncs[name]
	return s, ok
}

// symProblem says what is wrong with cfg's symbolic edges ("" if nothing).
func symProblem(cfg *Config) string {
	seen := map[SymEdge]bool{}
	for _, s := range cfg.Symbolic {
		if s.Layer < 0 || s.Layer+1 >= len(cfg.Width) {
			return fmt.Sprintf("symbolic edge in layer %d of %d", s.Layer, len(cfg.Width)-1)
		}
		if s.In < 0 || s.In >= cfg.Width[s.Layer].Count() || s.Out < 0 || s.Out >= cfg.Width[s.Layer+1].Subnodes() {
			return fmt.Sprintf("symbolic edge %d→%d outside layer %d", s.In, s.Out, s.Layer)
		}
		if _, ok := lookupSym(s.Fn); !ok {
			return fmt.Sprintf("unknown symbolic function %q", s.Fn)
		}
		k := SymEdge{Layer: s.Layer, In: s.In, Out: s.Out}
		if seen[k] {
			return fmt.Sprintf("edge %d→%d of layer %d fixed twice", s.In, s.Out, s.Layer)
		}
		seen[k] = true
	}
	return ""
}

// symOff is the offset of the symbolic parameters in params.
func (n *Net) symOff() int { return len(n.params) - 4*len(n.cfg.Symbolic) }

// Symbolic returns the fixed edges and their affine parameters (a, b, c,
// d per edge: φ(x) = c·f(a·x+b) + d).
func (n *Net) Symbolic() ([]SymEdge, [][4]float64) {
	p := make([][4]float64, len(n.cfg.Symbolic))
	for s := range p {
		copy(p[s][:], n.params[n.symOff()+4*s:])
	}
	return slices.Clone(n.cfg.Symbolic), p
}

// FixSymbolic returns a copy of n whose edge in→out of layer l computes
// c·f(a·x+b)+d (p = a, b, c, d) with f the function registered as fn,
// instead of its spline (pykan's fix_symbolic). The rest is unchanged.
func (n *Net) FixSymbolic(l, in, out int, fn string, p [4]float64) (*Net, error) {
	cfg := n.cfg
	cfg.Symbolic = append(slices.Clone(n.cfg.Symbolic), SymEdge{Layer: l, In: in, Out: out, Fn: fn})
	if err := cfg.check(); err != nil {
		return nil, err
	}
	m := alloc(cfg)
	copy(m.params, n.params) // layers, then the old symbolic edges
	copy(m.params[m.symOff()+4*(len(cfg.Symbolic)-1):], p[:])
	for q, ly := range n.layers {
		copy(m.layers[q].mask, ly.mask)
		for i := range ly.knots {
			m.layers[q].knots[i] = slices.Clone(ly.knots[i])
			m.layers[q].uniform[i] = ly.uniform[i]
		}
	}
	m.layers[l].mask[in*m.layers[l].nOut+out] = 0
	return m, nil
}

// symForward adds the symbolic edges of layer l to the edge sums of rows
// r0..r1 (after the splines, before combine).
func (e *eng[T]) symForward(l, r0, r1 int) {
	net := e.net
	ly := net.layers[l]
	for s, se := range net.cfg.Symbolic {
		if se.Layer != l {
			continue
		}
		f, _ := lookupSym(se.Fn)
		a, b, c, d := net.symParams(s)
		for r := r0; r < r1; r++ {
			x := float64(e.acts[l][r*ly.nIn+se.In])
			e.sub[l][r*ly.nOut+se.Out] += T(c*f.f(a*x+b) + d)
		}
	}
}

func (n *Net) symParams(s int) (a, b, c, d float64) {
	p := n.params[n.symOff()+4*s:]
	return p[0], p[1], p[2], p[3]
}

// symBackward adds, for rows r0..r1 of layer l, the symbolic edges'
// gradients: with respect to their inputs into dX (when not nil) and to
// their parameters into g (4 per edge, in Config.Symbolic order).
func (e *eng[T]) symBackward(l, r0, r1 int, dY, dX []T, g []float64) {
	net := e.net
	ly := net.layers[l]
	for s, se := range net.cfg.Symbolic {
		if se.Layer != l {
			continue
		}
		f, _ := lookupSym(se.Fn)
		a, b, c, _ := net.symParams(s)
		for r := r0; r < r1; r++ {
			x := float64(e.acts[l][r*ly.nIn+se.In])
			dy := float64(dY[r*ly.nOut+se.Out])
			u := a*x + b
			fu, du := f.f(u), f.d(u)
			g[4*s] += dy * c * du * x
			g[4*s+1] += dy * c * du
			g[4*s+2] += dy * fu
			g[4*s+3] += dy
			if dX != nil {
				dX[r*ly.nIn+se.In] += T(dy * c * du * a)
			}
		}
	}
}

// symActs overwrites the activations of layer l's symbolic edges in dst
// (n×nIn×nOut, as edgeActs) with their values.
func (e *eng[T]) symActs(l int, dst []float64) {
	net := e.net
	ly := net.layers[l]
	for s, se := range net.cfg.Symbolic {
		if se.Layer != l {
			continue
		}
		f, _ := lookupSym(se.Fn)
		a, b, c, d := net.symParams(s)
		for r := 0; r < e.n; r++ {
			x := float64(e.acts[l][r*ly.nIn+se.In])
			dst[(r*ly.nIn+se.In)*ly.nOut+se.Out] = c*f.f(a*x+b) + d
		}
	}
}
