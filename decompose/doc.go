// Package decompose splits a symbolic-regression problem into smaller
// ones in the manner of AI Feynman (Udrescu & Tegmark 2020): fit a smooth
// model to the table, ask it whether the function is separable or
// depends on a combination of two columns only, and where it is, search
// the parts separately and put their formulas back together.
//
//   - surrogate.go: the smooth model, a small tanh MLP (model/mlp) fitted
//     by L-BFGS (model/optim) to y or log|y|, with its held-out error;
//   - view.go: a part of the problem as a function of some columns (or
//     merged pairs of columns) with the rest held fixed, and the
//     statistic the tests share (violation over the model's own error);
//   - detect.go: the tests: additive and multiplicative separability over
//     every bipartition, the symmetries x_i−x_j, x_i+x_j, x_i·x_j,
//     x_i/x_j, and independence of a column;
//   - plan.go: the recursive decomposition into a tree of parts;
//   - parts.go: searching each part's table with symreg/solve (a part next
//     to products only also gets an exact table: y divided by the other
//     parts' formulas); powerlaw.go: the fast path for parts c·x^p + d;
//   - decompose.go: Solve, the whole step as solve.Problem.Decompose runs
//     it: recombination of the parts' candidates along the tree and a
//     Levenberg–Marquardt polish of the whole on the table. The formulas
//     go back to solve as candidates and are chosen by its rules like any
//     other.
//
// Dependencies: decompose imports model (mlp, optim), symreg,
// symreg/expr and symreg/solve; symreg may not import model, so the hook
// is a function value (solve.Decomposer) that cmd/ansatz and bench set.
package decompose
