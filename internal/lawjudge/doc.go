// Package lawjudge decides whether a formula found by the search is the
// law behind a benchmark's data, only a fit to it, or neither.
//
// A formula is a law when it equals the truth symbolically (the same
// canonical form after simplification and snapping of constants that are
// within rounding of a simple value), or when its relative error against the truth is at
// most a tolerance both on fresh points inside the sampled ranges and on
// points drawn from ranges widened beyond them (×0.5…×2 for positive
// ranges, by half the width on each side otherwise). A formula that holds
// only inside the ranges is a fit: it interpolates the table but would
// mislead whoever uses it elsewhere.
//
// Why a package of its own, with its own evaluator: the judge must not
// share the bugs of what it judges. The search scores formulas with the
// compiled, SIMD-backed evaluator of symreg/expr; if that evaluator
// mis-computed an operator, a judge built on it would agree with the
// mistake. So the judge walks the tree itself in plain float64 (eval.go),
// with every operator spelled out here from package math, and draws its
// own points. It reuses only symreg/expr's tree type, its parser and its
// canonical simplifier (for the symbolic rule; it folds constants with
// the scalar tree walk), never its Program, Evaluator or kernels.
package lawjudge
