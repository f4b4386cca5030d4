// Package expr holds closed-form formulas as expression trees and
// everything that works on one formula at a time:
//
//   - the tree itself: operators, nodes, constants (expr.go);
//   - reading and printing: the infix parser (parse.go) and printers for
//     infix, LaTeX, SymPy and Go (print*.go), which round-trip exactly;
//   - algebra: the search's quick simplification and tree equality
//     (simplify*.go), complexity measures (complexity.go), and the
//     canonical form for reading and comparing laws (canon*.go: powers
//     collected, fractions gathered, exp/log and sqrt/square undone, trig
//     shifts, using the data's bounds from interval.go), with the simple
//     constants it spells out (simple.go: 1/2, 2*pi, 1/(4*pi), …) and
//     the readable printer (print_readable.go: Readable, FormatDigits);
//   - numbers: compilation to flat postfix programs evaluated over row
//     blocks with the SIMD kernels in float32 or float64 (compile.go,
//     eval*.go), a scalar tree walk as the reference (eval_tree.go),
//     reverse-mode gradients with respect to the constants (grad.go: the
//     Tape that constant fitting runs on) and fit metrics (metrics.go).
//
// It knows nothing about searching: the evolutionary search, constant
// fitting and hall of fame are package symreg's, dimensional analysis is
// package symreg/units'. Dependencies point one way: symreg and
// symreg/units import expr; expr imports only kernels and internal
// packages (never symreg, model, pipeline or cmd), so model/snap can print
// and simplify formulas without pulling in the search.
package expr
