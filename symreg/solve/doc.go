// Package solve is the layer around the symbolic-regression search that
// turns a table into a law rather than a curve fit, in the manner of AI
// Feynman (Udrescu & Tegmark 2020) and of PySR's and Operon's model
// selection:
//
//   - solve.go: Solve, the portfolio: the search (with units when a
//     table of units applies), then, unless a formula already fits to
//     rounding, a search with the algebraic operators only
//     (algebraic.go), the decomposition into separable parts when the
//     caller hands one in (Problem.Decompose: package decompose, which
//     fits a network and so lives outside symreg), then searches on simple
//     transforms of the target, their formulas inverted back to y; one
//     front over the original columns;
//   - transform.go: the target transforms (1/y, y², √y, log y, and
//     sin/cos/tan of y, whose inverses wrap the formula in asin/acos/atan);
//   - select.go: choosing the formula from the front and saying which rule
//     chose it and why (exact fit; else k-fold cross-validated error with
//     the one-standard-error rule, never rewarding loss below the noise,
//     with a preference for formulas that hold at the edges of the data);
//   - cv.go: cross-validation and the edge test by refitting constants;
//   - noise.go: the noise estimate (replicates, nearest-neighbour
//     differences);
//   - unsign.go: absolute values of arguments of one sign on the data
//     undone (the root of a square is the base, not its magnitude);
//   - guard.go: the interpolant guard (terms that oscillate faster than
//     the sampling can show, more free constants than the rows support).
//
// Dependencies: solve imports symreg, symreg/units and symreg/expr; the
// commands, pipeline and bench call it. Nothing in symreg imports solve.
package solve
