// Package pipeline runs ansatz's discovery workflow on one table: the
// method of Davies et al., "Advancing mathematics by guiding human
// intuition with AI" (Nature 2021), followed by symbolic regression.
//
//  1. Signal: train a network (MLP or KAN) on a seeded train/validation/
//     test split; its score, against a trivial baseline, shows whether
//     the inputs predict the target at all.
//  2. Attribution: gradient saliency and permutation importance over
//     several seeds, ranked with their spread.
//  3. Focus: retrain on the top 1, 2, ... inputs (the inputs-kept curve)
//     and keep the fewest that hold nearly all of the skill.
//  4. Law: search closed-form formulas on those inputs (for real-valued
//     targets, and for classes that are numbers, whose formulas are also
//     read as classifiers by rounding to the nearest class).
//  5. Test: score everything chosen on the held-out test rows, once.
//
// Every choice of stages 1–4 (training and early stopping, the ranking,
// the focus set, the formulas and the choice between searches) is made on
// the training and validation rows; the test rows are read by stage 5
// only, so the test figures are honest estimates.
//
// The package only orchestrates: training, attribution and search are the
// model and symreg packages' work, rendering is package report's. Run
// returns a Result even when the context is cancelled half-way, with the
// stage that was cut short marked, so a report can always be written.
package pipeline
