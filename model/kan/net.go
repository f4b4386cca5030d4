// Package kan implements Kolmogorov–Arnold networks with pykan's
// semantics: every edge i→j of a layer carries a learnable activation
//
//	φ_ij(x) = mask_ij · (scale_base_ij · silu(x) + scale_sp_ij · Σ_c coef_ijc B_c(x))
//
// where B_c are the order-K B-splines on a grid of G intervals (per input
// node, adaptable to the data), nodes sum their incoming edges, and
// optional multiplication nodes (pykan's MultKAN) multiply groups of edge
// sums. Forward and backward run through the kernels package, in float32
// (default) or float64, with no dense design matrix: the backward pass
// evaluates the local B-spline basis on the (uniform or adapted) knots
// and multiplies its K+1 non-zero values per input by the matching weight
// rows (kernels.SplineGrad); a forward pass over more than a few dozen
// rows first multiplies each input's weights into the basis polynomials
// of every knot interval and then evaluates silu and those polynomials
// in one kernel (kernels.SplineAccKnots), without forming basis values.
//
// The network implements model.Network and model.Regularizer, and
// model.Trainer: model.Train runs its pykan training loop (Adam or L-BFGS,
// with grid updates; train.go). Grid extension, pruning and attribution
// live in this package too.
package kan

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/ansatz/ansatz/internal/inputerr"
)

// Config fixes the architecture and initialisation of a network.
type Config struct {
	Width     []Nodes    `json:"width"`
	Grid      int        `json:"grid"`       // G: grid intervals
	K         int        `json:"k"`          // spline order
	GridRange [2]float64 `json:"grid_range"` // initial grid, default [-1,1]
	Float64   bool       `json:"float64"`    // compute in float64 instead of float32
	// pykan's initialisation: spline coefficients fitted to uniform noise
	// of amplitude NoiseScale/G at the grid points; scale_base =
	// (ScaleBaseMu + ScaleBaseSigma·U[-1,1]) / sqrt(in); scale_sp = 1.
	NoiseScale     float64 `json:"noise_scale"`
	ScaleBaseMu    float64 `json:"scale_base_mu"`
	ScaleBaseSigma float64 `json:"scale_base_sigma"`
	// GridEps blends the data-adaptive grid with the uniform one in grid
	// updates: 0 uniform, 1 pure quantiles (pykan default 0.02).
	GridEps float64 `json:"grid_eps"`
	Seed    uint64  `json:"seed"`
	// Symbolic are the edges fixed to symbolic functions (symbolic.go).
	Symbolic []SymEdge `json:"symbolic,omitempty"`
}

// DefaultConfig is pykan's MultKAN default for the given width: G=3, k=3,
// grid range [-1,1], noise_scale 0.3, scale_base_mu 0, scale_base_sigma 1,
// grid_eps 0.02.
func DefaultConfig(width []Nodes) Config {
	return Config{Width: width, Grid: 3, K: 3, GridRange: [2]float64{-1, 1},
		NoiseScale: 0.3, ScaleBaseSigma: 1, GridEps: 0.02}
}

// check rejects a configuration no network can have.
func (c *Config) check() error {
	r, wp := c.GridRange, widthProblem(c.Width)
	return cmp.Or(
		inputerr.Check(wp != "", "kan.Config.Width", "%s", wp),
		inputerr.Check(c.Grid < 1 || c.Grid > 1<<12, "kan.Config.Grid", "must be in 1..4096, not %d", c.Grid),
		inputerr.Check(c.K < 1 || c.K > 10, "kan.Config.K", "must be in 1..10, not %d", c.K),
		inputerr.Check(!(r[1] > r[0]) || math.IsInf(r[0], 0) || math.IsInf(r[1], 0), "kan.Config.GridRange", "[%g,%g] is empty", r[0], r[1]),
		inputerr.Check(!(c.GridEps >= 0 && c.GridEps <= 1), "kan.Config.GridEps", "must be in [0,1], not %g", c.GridEps),
		inputerr.Check(wp == "" && symProblem(c) != "", "kan.Config.Symbolic", "%s", symProblem(c)),
	)
}

// layer is one layer of edges between node layers l and l+1.
type layer struct {
	nIn, nOut int   // inputs (nodes of layer l), edge sums (subnodes of layer l+1)
	out       Nodes // the node layer this one feeds
	// knots[i] is the extended knot vector of input i: G+2K+1 values.
	knots [][]float64
	// uniform[i] says knots[i] is evenly spaced (the fast kernel applies).
	uniform []bool
	mask    []float64 // nIn×nOut, 1 live, 0 pruned
	off     int       // offset of this layer's parameters in Net.params
}

// nb is the number of B-spline functions per edge.
func (n *Net) nb() int { return n.cfg.Grid + n.cfg.K }

// coefAt, sbAt and spAt index a layer's parameters in the flat vector:
// coef is nIn×nOut×nb, then scale_base nIn×nOut, then scale_sp nIn×nOut.
func (n *Net) coefAt(L *layer, i, j int) int { return L.off + (i*L.nOut+j)*n.nb() }
func (n *Net) sbAt(L *layer, i, j int) int {
	return L.off + L.nIn*L.nOut*n.nb() + i*L.nOut + j
}
func (n *Net) spAt(L *layer, i, j int) int {
	return L.off + L.nIn*L.nOut*(n.nb()+1) + i*L.nOut + j
}
func (n *Net) layerSize(L *layer) int { return L.nIn * L.nOut * (n.nb() + 2) }

// Net is a KAN. It keeps the activations of the last Forward for
// Backward, attribution and regularisation, so it is not safe for
// concurrent use.
type Net struct {
	cfg    Config
	layers []*layer
	params []float64
	grads  []float64
	eng    engine
	reg    Reg // regularisation weights used by Penalty
}

// Config returns the network's configuration (Grid reflects refinements).
func (n *Net) Config() Config { return n.cfg }

// Width is the node layers, inputs first.
func (n *Net) Width() []Nodes { return n.cfg.Width }

// Kind implements model.Network.
func (n *Net) Kind() string { return "kan" }

// NumIn implements model.Network.
func (n *Net) NumIn() int { return n.cfg.Width[0].Count() }

// NumOut implements model.Network.
func (n *Net) NumOut() int { return n.cfg.Width[len(n.cfg.Width)-1].Count() }

// Params implements model.Network: the flat parameter vector.
func (n *Net) Params() []float64 { return n.params }

// Grads implements model.Network: the gradient of the last Backward.
func (n *Net) Grads() []float64 { return n.grads }

// New builds a network with pykan's random initialisation.
func New(cfg Config) (*Net, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	n := alloc(cfg)
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x6b616e))
	G, K := cfg.Grid, cfg.K
	pts := make([]float64, G+1)
	for _, L := range n.layers {
		for i := 0; i < L.nIn; i++ {
			L.knots[i] = uniformKnots(cfg.GridRange[0], cfg.GridRange[1], G, K)
			L.uniform[i] = true
		}
		for i := range pts {
			pts[i] = L.knots[0][K+i]
		}
		// Noise at the G+1 grid points, fitted by min-norm least squares
		// (G+1 equations for G+K unknowns), as pykan's curve2coef.
		noise := make([]float64, (G+1)*L.nIn*L.nOut)
		for q := range noise {
			noise[q] = (rng.Float64() - 0.5) * cfg.NoiseScale / float64(G)
		}
		for i := 0; i < L.nIn; i++ {
			ys := make([][]float64, L.nOut)
			for j := range ys {
				ys[j] = make([]float64, G+1)
				for p := range ys[j] {
					ys[j][p] = noise[(p*L.nIn+i)*L.nOut+j]
				}
			}
			cs := fitSplines(pts, ys, L.knots[i], K, 0)
			for j := range cs {
				copy(n.params[n.coefAt(L, i, j):], cs[j])
			}
		}
		s := 1 / math.Sqrt(float64(L.nIn))
		for i := 0; i < L.nIn; i++ {
			for j := 0; j < L.nOut; j++ {
				n.params[n.sbAt(L, i, j)] = cfg.ScaleBaseMu*s + cfg.ScaleBaseSigma*(rng.Float64()*2-1)*s
				n.params[n.spAt(L, i, j)] = 1
			}
		}
	}
	return n, nil
}

// alloc lays out the layers and parameter vector of cfg, with all masks
// 1 and knots unset.
func alloc(cfg Config) *Net {
	n := &Net{cfg: cfg}
	off := 0
	for l := 0; l+1 < len(cfg.Width); l++ {
		L := &layer{nIn: cfg.Width[l].Count(), nOut: cfg.Width[l+1].Subnodes(), out: cfg.Width[l+1], off: off}
		L.knots = make([][]float64, L.nIn)
		L.uniform = make([]bool, L.nIn)
		L.mask = make([]float64, L.nIn*L.nOut)
		for q := range L.mask {
			L.mask[q] = 1
		}
		off += n.layerSize(L)
		n.layers = append(n.layers, L)
	}
	off += 4 * len(cfg.Symbolic)
	n.params = make([]float64, off)
	n.grads = make([]float64, off)
	n.eng = newEngine(n)
	return n
}

// uniformKnots is pykan's extended grid: G+1 points on [lo,hi] plus K
// more at the same spacing on each side.
func uniformKnots(lo, hi float64, G, K int) []float64 {
	h := (hi - lo) / float64(G)
	t := make([]float64, G+2*K+1)
	for j := range t {
		t[j] = lo + float64(j-K)*h
	}
	t[K] = lo
	t[K+G] = hi
	return t
}

// String summarises the architecture.
func (n *Net) String() string {
	return fmt.Sprintf("KAN width %s, G=%d, k=%d, %d parameters", FormatWidth(n.cfg.Width), n.cfg.Grid, n.cfg.K, len(n.params))
}
