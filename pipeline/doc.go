// Package pipeline runs ansatz's discovery workflow on one table: the
// method of Davies et al., "Advancing mathematics by guiding human
// intuition with AI" (Nature 2021), followed by symbolic regression.
//
//  1. Signal: train a network (MLP or KAN) on a seeded train/validation/
//     test split and compare its test score with a trivial baseline, so
//     the user sees whether the inputs predict the target at all.
//  2. Attribution: gradient saliency and permutation importance over
//     several seeds, ranked with their spread.
//  3. Focus: retrain on the few most salient inputs and measure how much
//     of the model's skill they keep.
//  4. Law: for real-valued targets, search closed-form formulas on those
//     inputs and judge the chosen one on the held-out rows.
//
// The package only orchestrates: training, attribution and search are the
// model and symreg packages' work, rendering is package report's. Run
// returns a Result even when the context is cancelled half-way, with the
// stage that was cut short marked, so a report can always be written.
package pipeline
