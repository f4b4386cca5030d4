package kan

import (
	"encoding/json"
	"math"
	"os"
	"testing"
)

// TestLayerMatchesBSplineReference checks the spline part of a KAN edge
// against the shared reference basis (bspline_reference.json): a 1→1 layer with scale_base 0,
// scale_sp 1 and coefficients e_c outputs B_c(x), in float64 and float32.
func TestLayerMatchesBSplineReference(t *testing.T) {
	raw, err := os.ReadFile("../../testdata/reference/bspline_reference.json")
	if err != nil {
		t.Skipf("reference file absent: %v", err)
	}
	var ref struct {
		Cases []struct {
			G     int        `json:"grid_size"`
			K     int        `json:"order"`
			Range [2]float64 `json:"grid_range"`
			Knots []float64  `json:"knots"`
			Vals  []struct {
				X     float64   `json:"x"`
				Basis []float64 `json:"basis"`
			} `json:"values"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(raw, &ref); err != nil {
		t.Fatal(err)
	}
	if len(ref.Cases) == 0 {
		t.Fatal("no cases in the reference")
	}
	checked := 0
	for _, c := range ref.Cases {
		if c.K < 1 {
			continue // order-0 indicators are not a KAN spline order
		}
		for _, f64 := range []bool{true, false} {
			cfg := DefaultConfig([]Nodes{{Sum: 1}, {Sum: 1}})
			cfg.Grid, cfg.K, cfg.GridRange, cfg.Float64 = c.G, c.K, c.Range, f64
			n, err := New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			for j, kv := range n.layers[0].knots[0] {
				if math.Abs(kv-c.Knots[j]) > 1e-12 {
					t.Fatalf("G=%d k=%d: knot %d is %g, reference %g", c.G, c.K, j, kv, c.Knots[j])
				}
			}
			ly := n.layers[0]
			n.params[n.sbAt(ly, 0, 0)] = 0
			n.params[n.spAt(ly, 0, 0)] = 1
			tol := 1e-12
			if !f64 {
				tol = 2e-6
			}
			for b := 0; b < n.nb(); b++ {
				coef := n.params[n.coefAt(ly, 0, 0) : n.coefAt(ly, 0, 0)+n.nb()]
				clear(coef)
				coef[b] = 1
				for _, v := range c.Vals {
					var out [1]float64
					n.Forward([]float64{v.X}, 1, out[:])
					if math.Abs(out[0]-v.Basis[b]) > tol {
						t.Fatalf("G=%d k=%d f64=%v: B_%d(%g) = %.17g, reference %.17g", c.G, c.K, f64, b, v.X, out[0], v.Basis[b])
					}
					checked++
				}
			}
		}
	}
	t.Logf("%d basis values checked", checked)
}
