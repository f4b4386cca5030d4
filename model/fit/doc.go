// Package fit is the one place where a model.TrainConfig (from the CLI's
// flags, or from the discovery pipeline's settings) becomes a trained
// model: validation, seeded split, the settings the config leaves open
// decided from the data (kandefaults.go: a KAN's input scaling, grid
// schedule, steps, precision; listed in Result.Decided), standardisation,
// the network the config describes (mlp.New or kan.New), model.Train (or,
// with a grid schedule, one training per grid size with the best kept on
// validation: schedule.go), and the scores of the train/validation/test
// parts. `ansatz train`, `ansatz attribute
// --repeats` and `ansatz discover` all call it, so they train the same
// network from the same settings. resume.go goes on with a run from a
// training checkpoint (Resume, AtStep).
//
// It sits above model, model/mlp and model/kan (both import model), so
// none of those may import it.
package fit
