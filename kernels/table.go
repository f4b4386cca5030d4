package kernels

import (
	"strconv"
	"strings"
)

// Float is the element type of the kernels: float32 or float64 exactly
// (not types defined from them), because the generic entry points pick the
// kernel table by the type itself (see tableOf).
type Float interface{ float32 | float64 }

// sizeOf is the size of T in bytes.
func sizeOf[T Float]() int {
	var z T
	if _, ok := any(z).(float32); ok {
		return 4
	}
	return 8
}

// The kernel families: each is one line of `ansatz info`.
const (
	famBasis       = "basis"
	famElementwise = "elementwise"
	famGemm        = "gemm"
	famMath        = "math"
	famReduce      = "reduce"
)

// table holds one implementation of every kernel for element type T. The
// reductions return their float64 accumulator; the exported functions
// round it once to T.
type table[T Float] struct {
	// element-wise arithmetic
	add, sub, mul, div           func(dst, a, b []T)
	fma                          func(dst, a, b, c []T)
	addScalar, mulScalar, axpy   func(dst, a []T, s T)
	neg, abs, square, cube, sqrt func(dst, a []T)
	fill                         func(dst []T, v T)

	// math functions
	exp, log, sin, cos, tan, tanh, sigmoid, silu func(dst, a []T)
	pow                                          func(dst, a, b []T)

	// reductions
	sum         func(x []T) float64
	dot, sqDiff func(a, b []T) float64
	wSqDiff     func(w, a, b []T) float64

	// matrix multiplication and B-spline basis
	gemm       *gemmImpl[T]
	basisLocal func(x []T, g Grid, idx []int32, val, der []T)
	basisKnots func(x []T, kn *Knots, idx []int32, val, der []T)

	// fused KAN layer (SplineAcc, SplineGrad), in the basis family
	splineAcc  func(m, k int, idx []int32, v, s, wb, ws, y []T)
	splineGrad func(m, k int, idx []int32, v, d, s, ds, wb, ws, dy, gb, gs, dx []T)
	// SplineAccKnots; t is the table of the call (the fallback composes
	// its silu, basisKnots and splineAcc)
	splineKnots func(t *table[T], x []T, sp *SplineKnots[T], wb, y []T)
}

// genericTable returns the table of plain-Go references. The basis
// reference is passed in because it differs by precision (float32 points
// are located among float32 knots); the others are one generic function.
func genericTable[T Float](basisLocal func(x []T, g Grid, idx []int32, val, der []T)) *table[T] {
	return &table[T]{
		add: addGeneric[T], sub: subGeneric[T], mul: mulGeneric[T], div: divGeneric[T],
		fma:       fmaGeneric[T],
		addScalar: addScalarGeneric[T], mulScalar: mulScalarGeneric[T], axpy: axpyGeneric[T],
		neg: negGeneric[T], abs: absGeneric[T], square: squareGeneric[T], cube: cubeGeneric[T], sqrt: sqrtGeneric[T],
		fill: fillGeneric[T],

		exp: expGeneric[T], log: logGeneric[T], sin: sinGeneric[T], cos: cosGeneric[T],
		tan: tanGeneric[T], tanh: tanhGeneric[T], sigmoid: sigmoidGeneric[T], silu: siluGeneric[T],
		pow: powGeneric[T],

		sum: sumGeneric[T], dot: dotGeneric[T], sqDiff: sqDiffGeneric[T], wSqDiff: wSqDiffGeneric[T],

		gemm:       gemmGo[T](),
		basisLocal: basisLocal,
		basisKnots: basisKnotsGeneric[T],
		splineAcc:  splineAccGeneric[T],
		splineGrad: splineGradGeneric[T],

		splineKnots: splineKnotsVia[T],
	}
}

// tableEntry is the type of any table entry, listed so that orGeneric can
// tell a missing (nil) entry of an architecture table.
type tableEntry[T Float] interface {
	func(dst, a, b []T) | func(dst, a, b, c []T) | func(dst, a []T, s T) | func(dst, a []T) |
		func(dst []T, v T) | func(x []T) float64 | func(a, b []T) float64 | func(w, a, b []T) float64 |
		*gemmImpl[T] | func(x []T, g Grid, idx []int32, val, der []T) |
		func(x []T, kn *Knots, idx []int32, val, der []T) |
		func(m, k int, idx []int32, v, s, wb, ws, y []T) |
		func(m, k int, idx []int32, v, d, s, ds, wb, ws, dy, gb, gs, dx []T) |
		func(t *table[T], x []T, sp *SplineKnots[T], wb, y []T)
}

// withGeneric completes an architecture table, which lists only the
// kernels the ISA has in assembly: it returns a copy with every missing
// (nil) entry taken from the generic table g, and notes in c which kernels
// run generic code. Adding a kernel to the table means adding it here
// once: one left out would stay nil under the generic ISA (whose
// architecture table is empty) and fail every test of it.
func (a *table[T]) withGeneric(g *table[T], c *coverage) *table[T] {
	t := *a
	bits := strconv.Itoa(8 * sizeOf[T]())
	orGeneric[T](&t.add, g.add, c.in(famElementwise, "add"+bits))
	orGeneric[T](&t.sub, g.sub, c.in(famElementwise, "sub"+bits))
	orGeneric[T](&t.mul, g.mul, c.in(famElementwise, "mul"+bits))
	orGeneric[T](&t.div, g.div, c.in(famElementwise, "div"+bits))
	orGeneric[T](&t.fma, g.fma, c.in(famElementwise, "fma"+bits))
	orGeneric[T](&t.addScalar, g.addScalar, c.in(famElementwise, "addScalar"+bits))
	orGeneric[T](&t.mulScalar, g.mulScalar, c.in(famElementwise, "mulScalar"+bits))
	orGeneric[T](&t.axpy, g.axpy, c.in(famElementwise, "axpy"+bits))
	orGeneric[T](&t.neg, g.neg, c.in(famElementwise, "neg"+bits))
	orGeneric[T](&t.abs, g.abs, c.in(famElementwise, "abs"+bits))
	orGeneric[T](&t.square, g.square, c.in(famElementwise, "square"+bits))
	orGeneric[T](&t.cube, g.cube, c.in(famElementwise, "cube"+bits))
	orGeneric[T](&t.sqrt, g.sqrt, c.in(famElementwise, "sqrt"+bits))
	orGeneric[T](&t.fill, g.fill, c.in(famElementwise, "fill"+bits))

	orGeneric[T](&t.exp, g.exp, c.in(famMath, "exp"+bits))
	orGeneric[T](&t.log, g.log, c.in(famMath, "log"+bits))
	orGeneric[T](&t.sin, g.sin, c.in(famMath, "sin"+bits))
	orGeneric[T](&t.cos, g.cos, c.in(famMath, "cos"+bits))
	orGeneric[T](&t.tan, g.tan, c.in(famMath, "tan"+bits))
	orGeneric[T](&t.tanh, g.tanh, c.in(famMath, "tanh"+bits))
	orGeneric[T](&t.sigmoid, g.sigmoid, c.in(famMath, "sigmoid"+bits))
	orGeneric[T](&t.silu, g.silu, c.in(famMath, "silu"+bits))
	orGeneric[T](&t.pow, g.pow, c.in(famMath, "pow"+bits))

	orGeneric[T](&t.sum, g.sum, c.in(famReduce, "sum"+bits))
	orGeneric[T](&t.dot, g.dot, c.in(famReduce, "dot"+bits))
	orGeneric[T](&t.sqDiff, g.sqDiff, c.in(famReduce, "sqDiff"+bits))
	orGeneric[T](&t.wSqDiff, g.wSqDiff, c.in(famReduce, "wSqDiff"+bits))

	orGeneric[T](&t.gemm, g.gemm, c.in(famGemm, "gemm"+bits))
	orGeneric[T](&t.basisLocal, g.basisLocal, c.in(famBasis, "basisLocal"+bits))
	orGeneric[T](&t.basisKnots, g.basisKnots, c.in(famBasis, "basisKnots"+bits))
	orGeneric[T](&t.splineAcc, g.splineAcc, c.in(famBasis, "splineAcc"+bits))
	orGeneric[T](&t.splineGrad, g.splineGrad, c.in(famBasis, "splineGrad"+bits))
	orGeneric[T](&t.splineKnots, g.splineKnots, c.in(famBasis, "splineKnots"+bits))
	return &t
}

// orGeneric puts the generic kernel ref into a missing (nil) entry *slot,
// and reports through note whether the entry had an assembly kernel.
func orGeneric[T Float, E tableEntry[T]](slot *E, ref E, note func(asm bool)) {
	asm := *slot != nil
	if !asm {
		*slot = ref
	}
	note(asm)
}

// coverage counts, per family, the kernels of an ISA and those of them
// that run generic code, for Implementations.
type coverage struct {
	total   map[string]int
	generic map[string][]string
}

func newCoverage() *coverage {
	return &coverage{total: map[string]int{}, generic: map[string][]string{}}
}

// in returns the note function for one kernel of a family.
func (c *coverage) in(family, name string) func(asm bool) {
	return func(asm bool) {
		c.total[family]++
		if !asm {
			c.generic[family] = append(c.generic[family], name)
		}
	}
}

// names returns each family's implementation name under isa: isa itself,
// "generic" when the family has no kernel in assembly, or isa followed by
// the kernels that still run generic code ("neon (pow64: generic)"), so
// `ansatz info` never overstates the assembly.
func (c *coverage) names(isa string) map[string]string {
	out := make(map[string]string, len(c.total))
	for fam, n := range c.total {
		g := c.generic[fam]
		switch {
		case isa == Generic || len(g) == n:
			out[fam] = Generic
		case len(g) == 0:
			out[fam] = isa
		default:
			out[fam] = isa + " (" + strings.Join(g, ",") + ": generic)"
		}
	}
	return out
}
