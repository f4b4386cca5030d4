package kernels

import "strings"

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
	}
}

// tableEntry is the type of any table entry, listed so that withGeneric
// can tell a missing (nil) entry of an architecture table.
type tableEntry[T Float] interface {
	func(dst, a, b []T) | func(dst, a, b, c []T) | func(dst, a []T, s T) | func(dst, a []T) |
		func(dst []T, v T) | func(x []T) float64 | func(a, b []T) float64 | func(w, a, b []T) float64 |
		*gemmImpl[T] | func(x []T, g Grid, idx []int32, val, der []T)
}

// withGeneric completes an architecture table, which lists only the
// kernels the ISA has in assembly: it returns a copy of the generic table
// g with those written over it, and notes in c which kernels were kept
// generic. Adding a kernel to the table means adding it here once; a
// kernel left out would stay nil and fail every test of it.
func (a *table[T]) withGeneric(g *table[T], c *coverage) *table[T] {
	t := *g
	bits := c.bits
	over[T](&t.add, a.add, c.in(famElementwise, "add"+bits))
	over[T](&t.sub, a.sub, c.in(famElementwise, "sub"+bits))
	over[T](&t.mul, a.mul, c.in(famElementwise, "mul"+bits))
	over[T](&t.div, a.div, c.in(famElementwise, "div"+bits))
	over[T](&t.fma, a.fma, c.in(famElementwise, "fma"+bits))
	over[T](&t.addScalar, a.addScalar, c.in(famElementwise, "addScalar"+bits))
	over[T](&t.mulScalar, a.mulScalar, c.in(famElementwise, "mulScalar"+bits))
	over[T](&t.axpy, a.axpy, c.in(famElementwise, "axpy"+bits))
	over[T](&t.neg, a.neg, c.in(famElementwise, "neg"+bits))
	over[T](&t.abs, a.abs, c.in(famElementwise, "abs"+bits))
	over[T](&t.square, a.square, c.in(famElementwise, "square"+bits))
	over[T](&t.cube, a.cube, c.in(famElementwise, "cube"+bits))
	over[T](&t.sqrt, a.sqrt, c.in(famElementwise, "sqrt"+bits))
	over[T](&t.fill, a.fill, c.in(famElementwise, "fill"+bits))

	over[T](&t.exp, a.exp, c.in(famMath, "exp"+bits))
	over[T](&t.log, a.log, c.in(famMath, "log"+bits))
	over[T](&t.sin, a.sin, c.in(famMath, "sin"+bits))
	over[T](&t.cos, a.cos, c.in(famMath, "cos"+bits))
	over[T](&t.tan, a.tan, c.in(famMath, "tan"+bits))
	over[T](&t.tanh, a.tanh, c.in(famMath, "tanh"+bits))
	over[T](&t.sigmoid, a.sigmoid, c.in(famMath, "sigmoid"+bits))
	over[T](&t.silu, a.silu, c.in(famMath, "silu"+bits))
	over[T](&t.pow, a.pow, c.in(famMath, "pow"+bits))

	over[T](&t.sum, a.sum, c.in(famReduce, "sum"+bits))
	over[T](&t.dot, a.dot, c.in(famReduce, "dot"+bits))
	over[T](&t.sqDiff, a.sqDiff, c.in(famReduce, "sqDiff"+bits))
	over[T](&t.wSqDiff, a.wSqDiff, c.in(famReduce, "wSqDiff"+bits))

	over[T](&t.gemm, a.gemm, c.in(famGemm, "gemm"+bits))
	over[T](&t.basisLocal, a.basisLocal, c.in(famBasis, "basisLocal"+bits))
	return &t
}

// over writes an architecture's kernel k into *slot unless k is nil, and
// reports through note which of the two happened.
func over[T Float, E tableEntry[T]](slot *E, k E, note func(asm bool)) {
	if k != nil {
		*slot = k
	}
	note(k != nil)
}

// coverage counts, per family, the kernels of an ISA and those of them
// that run generic code, for Implementations.
type coverage struct {
	bits    string // "32" or "64": the precision of the table being completed
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
