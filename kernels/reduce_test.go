package kernels

import (
	"math"
	"math/rand"
	"testing"
)

// A redCase runs one exported reduction and its float64 reference; terms
// returns Σ|term| for the tolerance.
type redCase[T Float] struct {
	name  string
	nin   int
	got   func(in [][]T) float64
	want  func(in [][]T) float64
	terms func(in [][]T) float64
}

func absTerms[T Float](in [][]T, term func(i int) float64) float64 {
	s := 0.0
	for i := range in[0] {
		s += math.Abs(term(i))
	}
	return s
}

func redCases[T Float]() []redCase[T] {
	f := func(v T) float64 { return float64(v) }
	return []redCase[T]{
		{"Sum", 1, func(in [][]T) float64 { return f(Sum(in[0])) }, func(in [][]T) float64 { return sumGeneric(in[0]) },
			func(in [][]T) float64 { return absTerms(in, func(i int) float64 { return f(in[0][i]) }) }},
		{"Dot", 2, func(in [][]T) float64 { return f(Dot(in[0], in[1])) }, func(in [][]T) float64 { return dotGeneric(in[0], in[1]) },
			func(in [][]T) float64 { return absTerms(in, func(i int) float64 { return f(in[0][i]) * f(in[1][i]) }) }},
		{"WSum", 2, func(in [][]T) float64 { return f(WSum(in[0], in[1])) }, func(in [][]T) float64 { return dotGeneric(in[0], in[1]) },
			func(in [][]T) float64 { return absTerms(in, func(i int) float64 { return f(in[0][i]) * f(in[1][i]) }) }},
		{"SqDiff", 2, func(in [][]T) float64 { return f(SqDiff(in[0], in[1])) }, func(in [][]T) float64 { return sqDiffGeneric(in[0], in[1]) },
			func(in [][]T) float64 {
				return absTerms(in, func(i int) float64 { d := f(in[0][i]) - f(in[1][i]); return d * d })
			}},
		{"WSqDiff", 3, func(in [][]T) float64 { return f(WSqDiff(in[0], in[1], in[2])) }, func(in [][]T) float64 { return wSqDiffGeneric(in[0], in[1], in[2]) },
			func(in [][]T) float64 {
				return absTerms(in, func(i int) float64 { d := f(in[1][i]) - f(in[2][i]); return f(in[0][i]) * d * d })
			}},
	}
}

// checkReduce compares got with the reference: the float64 sums may
// differ by the reordering, at most about n·2^-53·Σ|terms|; float32
// results also by one float32 rounding of the result.
func checkReduce[T Float](t *testing.T, c redCase[T], in [][]T, n, off int) {
	t.Helper()
	got, want := c.got(in), c.want(in)
	if math.IsNaN(want) || math.IsInf(want, 0) {
		if ulpDiff(T(got), T(want)) != 0 {
			t.Fatalf("%s n=%d off=%d: got %v want %v", c.name, n, off, got, want)
		}
		return
	}
	tol := float64(n+4) * 0x1p-53 * c.terms(in)
	var z T
	if any(z) == any(float32(0)) {
		tol += 0x1p-23 * math.Abs(want)
		want = float64(T(want))
	}
	if math.Abs(got-want) > tol {
		t.Fatalf("%s n=%d off=%d: got %v want %v (|diff| %.3g > tol %.3g)", c.name, n, off, got, want, math.Abs(got-want), tol)
	}
}

func runRedCases[T Float](t *testing.T, cases []redCase[T], lanes int) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := rand.New(rand.NewSource(2))
			for _, n := range testSizes(lanes) {
				for _, off := range testOffsets {
					if n > 1000 && off != 1 {
						continue
					}
					in := make([][]T, c.nin)
					for k := range in {
						in[k], _ = guarded[T](t, n, off+k)
						fillWith(in[k], r, uniform(-3, 3))
					}
					checkReduce(t, c, in, n, off)
					// A NaN or Inf anywhere must show in the result as in the reference.
					if n > 0 {
						for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
							k := r.Intn(c.nin)
							i := r.Intn(n)
							old := in[k][i]
							in[k][i] = T(v)
							checkReduce(t, c, in, n, off)
							in[k][i] = old
						}
					}
				}
			}
		})
	}
}

func TestReduce32(t *testing.T) { runRedCases(t, redCases[float32](), 8) }
func TestReduce64(t *testing.T) { runRedCases(t, redCases[float64](), 4) }

// TestReduceSum32Million: a million float32 terms summed by Sum32 stay
// within 1e-6 relative of the exact sum (computed with compensation).
func TestReduceSum32Million(t *testing.T) {
	r := rand.New(rand.NewSource(9))
	x := make([]float32, 1_000_000)
	for i := range x {
		x[i] = float32(r.Float64()*2 - 0.9)
	}
	// Neumaier's compensated sum in float64: exact enough as a yardstick.
	s, c := 0.0, 0.0
	for _, v := range x {
		f := float64(v)
		t := s + f
		if math.Abs(s) >= math.Abs(f) {
			c += (s - t) + f
		} else {
			c += (f - t) + s
		}
		s = t
	}
	exact := s + c
	got := float64(Sum(x))
	if rel := math.Abs(got-exact) / math.Abs(exact); rel > 1e-6 {
		t.Fatalf("Sum32 of 1e6 terms: %v, exact %v, relative error %.3g > 1e-6", got, exact, rel)
	}
	// The same bound for Dot32 against the float64 reference.
	y := make([]float32, len(x))
	fillWith(y, r, uniform(0, 1))
	d, want := float64(Dot(x, y)), dotGeneric(x, y)
	if rel := math.Abs(d-want) / math.Abs(want); rel > 1e-6 {
		t.Fatalf("Dot32 of 1e6 terms: %v, want %v, relative error %.3g", d, want, rel)
	}
}

func fuzzReduce[T Float](t *testing.T, cases []redCase[T], x []T, k uint8) {
	c := cases[int(k)%len(cases)]
	n := len(x) / c.nin
	in := make([][]T, c.nin)
	for j := range in {
		in[j] = x[j*n : (j+1)*n]
	}
	want := c.want(in)
	if math.IsNaN(want) || math.IsInf(want, 0) || math.IsInf(c.terms(in), 0) {
		// Overflowing partial sums may differ between orders; only a
		// NaN reference must stay NaN.
		if math.IsNaN(want) && !math.IsNaN(c.got(in)) && !math.IsInf(c.terms(in), 0) {
			t.Fatalf("%s: got %v, want NaN", c.name, c.got(in))
		}
		return
	}
	checkReduce(t, c, in, n, 0)
}

func FuzzReduce32(f *testing.F) { fuzzTarget(f, fuzzReduce[float32], redCases[float32]()) }
func FuzzReduce64(f *testing.F) { fuzzTarget(f, fuzzReduce[float64], redCases[float64]()) }
