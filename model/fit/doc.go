// Package fit is the one place where a description of a network and its
// training run (a Spec: the CLI's flags, or the discovery pipeline's
// settings) becomes a trained model: seeded split, standardisation,
// mlp.New + model.Train or kan.New + net.Fit, and the scores of the
// train/validation/test parts. `ansatz train`, `ansatz attribute
// --repeats` and `ansatz discover` all call it, so they train the same
// network from the same settings.
//
// It sits above model, model/mlp and model/kan (both import model), so
// none of those may import it.
package fit
