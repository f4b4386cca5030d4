package kernels

import (
	"fmt"
	"math"
	"sync"
)

// Knots is an extended knot vector prepared for BasisLocalKnots: checked
// once, rounded once to float32 (float32 points are located among the
// float32 knots, as BasisLocal does), and its per-interval coefficient
// tables for the assembly built on first use. A KAN layer prepares one
// per input after every grid update and evaluates it on every pass. A
// Knots is safe for concurrent use.
type Knots struct {
	t   []float64
	t32 []float32
	k   int

	mu   sync.Mutex
	tabs map[knotTabKey]any // coefficient tables by element size and padding
}

// knotTabKey names one coefficient table of a Knots.
type knotTabKey struct{ es, pad int }

// NewKnots prepares knots (non-decreasing, finite, at least 2k+2 of them,
// not all equal) for order-k functions; it copies knots.
func NewKnots(knots []float64, k int) (*Knots, error) {
	if err := checkKnots(knots, k); err != nil {
		return nil, err
	}
	kn := &Knots{t: append([]float64(nil), knots...), t32: make([]float32, len(knots)), k: k}
	for j, v := range knots {
		kn.t32[j] = float32(v)
	}
	return kn, nil
}

// K is the order of the functions.
func (kn *Knots) K() int { return kn.k }

// NumFuncs is the number of basis functions, len(knots)-K-1.
func (kn *Knots) NumFuncs() int { return len(kn.t) - kn.k - 1 }

// Equal reports whether kn holds exactly these knots of order k, so a
// caller can keep a prepared Knots until its knot vector changes.
func (kn *Knots) Equal(knots []float64, k int) bool {
	if kn == nil || kn.k != k || len(kn.t) != len(knots) {
		return false
	}
	for j, v := range knots {
		if math.Float64bits(v) != math.Float64bits(kn.t[j]) {
			return false
		}
	}
	return true
}

// lastIdx is the largest first-function index, len(knots)-2K-2.
func (kn *Knots) lastIdx() int { return len(kn.t) - 2*kn.k - 2 }

// rounded returns the knots rounded to T, among which T points are located.
func knotsOf[T Float](kn *Knots) []T {
	if t, ok := any(kn.t32).([]T); ok {
		return t
	}
	return any(kn.t).([]T)
}

// BasisLocalKnots is BasisLocal for an arbitrary extended knot vector (a
// KAN's grid after it adapted to the data): for each x[i] the K+1
// functions that can be non-zero there, idx[i] their first, clamped to
// [0, len(knots)-2K-2], val[i*(K+1)+r] = B_{idx[i]+r}(x[i]) and, when der
// is not nil, their derivatives; the half-open, 0/0 = 0, outside-is-zero
// and NaN conventions of Grid. T points are located among the knots
// rounded to T (for float32: kn's float32 knots), so every implementation
// puts a point on the same side of a knot; the values then agree with the
// float64 recursion of basisKnotsGeneric to a few rounding errors of T
// per unit of the basis (derivatives: per unit of K/(t_{j+1}-t_j)).
// idx must hold len(x) entries, val and der len(x)·(K+1); it panics on a
// shorter output.
func BasisLocalKnots[T Float](x []T, kn *Knots, idx []int32, val, der []T) {
	checkLocalLens(len(x), kn.k, len(idx), len(val), len(der), der != nil)
	tableOf[T]().basisKnots(x, kn, idx, val, der)
}

// BasisLocalKnots64 is BasisLocalKnots for float64 points on a knot vector
// used once; it panics on a bad knot vector.
func BasisLocalKnots64(x, knots []float64, k int, idx []int32, val, der []float64) {
	kn, err := NewKnots(knots, k)
	if err != nil {
		panic("kernels: " + err.Error())
	}
	BasisLocalKnots(x, kn, idx, val, der)
}

// checkKnots reports why knots cannot hold order-k functions, or nil.
func checkKnots(knots []float64, k int) error {
	if k < 0 || k > MaxBasisOrder {
		return fmt.Errorf("basis knots: order %d, want 0..%d", k, MaxBasisOrder)
	}
	if len(knots) < 2*k+2 {
		return fmt.Errorf("basis knots: %d knots cannot hold k+1 = %d functions of order %d (need >= %d)",
			len(knots), k+1, k, 2*k+2)
	}
	for i, t := range knots {
		if math.IsNaN(t) || math.IsInf(t, 0) {
			return fmt.Errorf("basis knots: knot %d is %g", i, t)
		}
		if i > 0 && t < knots[i-1] {
			return fmt.Errorf("basis knots: knot %d (%g) < knot %d (%g): not non-decreasing", i, t, i-1, knots[i-1])
		}
	}
	if !(knots[len(knots)-1] > knots[0]) {
		return fmt.Errorf("basis knots: all knots equal %g", knots[0])
	}
	return nil
}
