package solve

import (
	"slices"

	"github.com/ansatz/ansatz/symreg/expr"
)

// algebraicShare of a time-limited run (and of an iteration or
// evaluation limit, on top of the first search's) goes to a search with
// the algebraic operators only, after the first search found no exact
// fit. Many laws are rational functions of their variables with a square
// root at most ((u+v)/(1+uv/c²), m·v/sqrt(1−v²/c²)); with exp, log, sin
// and cos in the grammar most random subtrees are transcendental, and a
// search with every operator falls into smooth look-alikes
// (exp(−a·log u·log v)) before it assembles the rational function.
// Restricted to + − * / sqrt it finds those laws in a fraction of the
// time, so a short phase of it is cheap insurance (AI Feynman likewise
// tries polynomial and rational fits before its brute force). The phase
// runs in two halves, with the configured linear scaling and without
// it: each finds some of these laws several times faster than the other.
const algebraicShare = 0.25

// algebraicOps are the operators of the algebraic phase: those of ops
// that build algebraic functions, with square added when * is there (x²
// is x*x, one node instead of three, and squares of differences are
// everywhere in physics). Nil when ops holds nothing else, so the phase
// would repeat the first search, or no binary operator.
func algebraicOps(ops []expr.Op) []expr.Op {
	var out []expr.Op
	transcendental := false
	for _, op := range ops {
		switch op {
		case expr.OpAdd, expr.OpSub, expr.OpMul, expr.OpDiv, expr.OpPow, expr.OpNeg, expr.OpSquare, expr.OpCube, expr.OpSqrt:
			out = append(out, op)
		default:
			transcendental = true
		}
	}
	if sq := withSquare(out); len(sq) > len(out) {
		out, transcendental = sq, true // the set differs from ops
	}
	if !transcendental || !slices.ContainsFunc(out, func(op expr.Op) bool { return op.Arity() == 2 }) {
		return nil
	}
	return out
}

// withSquare is ops with square added when * is there and square is
// not: x² is x*x, so the grammar says nothing new, but one node instead
// of three puts squared differences ((x2−x1)² + (y2−y1)², the target of
// a y² transform) within reach. The later phases of Solve use it.
func withSquare(ops []expr.Op) []expr.Op {
	if !slices.Contains(ops, expr.OpMul) || slices.Contains(ops, expr.OpSquare) {
		return ops
	}
	return append(ops[:len(ops):len(ops)], expr.OpSquare)
}
