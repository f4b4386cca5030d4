// Package symreg finds closed-form formulas y ≈ f(X) by symbolic
// regression: an evolutionary search over expression trees in the style
// of PySR.
//
//   - options.go: the settings (Options) and parsers of their text forms;
//   - search*.go: the engine, islands evolving in parallel with a
//     deterministic merge, the final clean-up of the front; stop.go: why
//     a search stopped; plateau.go: stopping once the front has flattened
//     at the noise (Options.StopPlateau);
//   - population.go, mutate.go: members, tournaments and mutations;
//   - loss.go: the per-row losses and linear scaling, on the reduction
//     kernels and over row blocks;
//   - search_score.go: how members are scored: evolution in float32
//     through the SIMD evaluator (Options.Score64: float64), the hall of
//     fame in float64 on all rows in streamed blocks, members carrying
//     their compiled programs;
//   - constants.go: Levenberg–Marquardt fitting of a tree's constants;
//   - snap.go: after the search, moving each front member's constants
//     onto simple values (1/2, 2π, …) where the data cannot tell them
//     apart (SnapConstants, Options.Snap);
//   - hof.go: the hall of fame, its Pareto front and the chosen formula;
//   - checkpoint*.go: saving and resuming a search, and checking a
//     checkpoint file's fields before anything is built from it;
//   - clock.go: the clock time limits read (tests make it tick per
//     reading, so time-limit logic is tested without timing);
//   - peers.go, search_peers.go: the search spread over the ranks of an
//     MPI job (Peers, Serve): what the ranks exchange every iteration;
//   - units_search.go: the search with dimensional analysis in front.
//
// Sub-packages: symreg/expr holds the trees themselves (parse, print,
// simplify, compile, evaluate, gradients); symreg/units the dimensional
// analysis; symreg/solve the layer around the search that the commands
// use (target transforms, choosing the law from the front), which
// imports symreg, never the reverse. Dependencies point one way: symreg -> symreg/units ->
// symreg/expr -> kernels; nothing under model/, pipeline/ or report/ is
// imported here, and model/snap imports symreg (constant fitting and snapping for its final
// polish) and symreg/expr.
package symreg
