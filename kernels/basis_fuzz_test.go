package kernels

import (
	"math"
	"testing"
)

// fuzzGrid turns fuzz inputs into a usable grid, or false. The spacing is
// kept well above the float32 resolution of the range, the documented
// domain of the float32 kernels.
func fuzzGrid(lo, width float64, gs, ks uint8) (Grid, bool) {
	if math.IsNaN(lo) || math.IsNaN(width) || math.Abs(lo) > 1e6 || !(width >= 1e-3) || width > 1e6 {
		return Grid{}, false
	}
	g := Grid{Lo: lo, Hi: lo + width, G: 1 + int(gs)%64, K: int(ks) % 8}
	if g.Validate() != nil || g.Step() < 1e-4*(math.Abs(g.Lo)+math.Abs(g.Hi)+1) {
		return Grid{}, false
	}
	return g, true
}

// fuzzPoints spreads points around x at fractions of the knot spacing, plus
// x itself and the knot nearest to it.
func fuzzPoints(g Grid, x float64) []float64 {
	h := g.Step()
	pts := []float64{x, math.Nextafter(x, math.Inf(1)), math.Nextafter(x, math.Inf(-1))}
	if j := math.Round((x-g.Lo)/h) + float64(g.K); j >= -1 && j <= float64(g.G+2*g.K+1) {
		pts = append(pts, g.Knot(int(j)))
	}
	for i := 1; i <= 13; i++ {
		pts = append(pts, x+float64(i)*0.37*h, x-float64(i)*0.29*h)
	}
	return pts
}

func FuzzBasis64(f *testing.F) {
	f.Add(0.3, -1.0, 2.0, uint8(5), uint8(3))
	f.Add(2.2, -1.0, 2.0, uint8(5), uint8(3))
	f.Add(math.Inf(1), 0.0, 1.0, uint8(7), uint8(1))
	f.Add(math.NaN(), 0.0, 1.0, uint8(7), uint8(2))
	f.Add(-1e300, 100.0, 3.0, uint8(63), uint8(5))
	f.Fuzz(func(t *testing.T, x, lo, width float64, gs, ks uint8) {
		g, ok := fuzzGrid(lo, width, gs, ks)
		if !ok {
			t.Skip()
		}
		checkBasis(t, g, fuzzPoints(g, x), true)
	})
}

func FuzzBasis32(f *testing.F) {
	f.Add(float32(0.3), -1.0, 2.0, uint8(5), uint8(3))
	f.Add(float32(1), 0.0, 1.0, uint8(7), uint8(1))
	f.Add(float32(math.NaN()), 0.0, 1.0, uint8(7), uint8(2))
	f.Add(float32(101), 100.0, 3.0, uint8(63), uint8(5))
	f.Fuzz(func(t *testing.T, x float32, lo, width float64, gs, ks uint8) {
		g, ok := fuzzGrid(lo, width, gs, ks)
		if !ok {
			t.Skip()
		}
		checkBasis(t, g, to32(fuzzPoints(g, float64(x))), true)
	})
}
