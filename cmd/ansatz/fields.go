package main

import (
	"cmp"
	"maps"
	"slices"
	"strings"
)

// flagOf names the flag of every library setting an error may name. The
// libraries (model, pipeline, symreg, report) name a bad setting by its
// Go field, as inputerr.Error.Field and inside messages ("the search needs
// a limit: a time, or pipeline.Config.Iterations"); this table is the one
// place where those fields meet this command line's flags, so what users
// read names the flag they typed.
var flagOf = map[string]string{
	"kan.Config.Grid":  "--grid",
	"kan.Config.K":     "--k",
	"kan.Config.Width": "--width",

	"model.TrainConfig.Model":        "--model",
	"model.TrainConfig.Task":         "--task",
	"model.TrainConfig.Hidden":       "--hidden",
	"model.TrainConfig.Opt":          "--opt",
	"model.TrainConfig.Steps":        "--steps",
	"model.TrainConfig.Epochs":       "--epochs",
	"model.TrainConfig.Batch":        "--batch",
	"model.TrainConfig.LR":           "--lr",
	"model.TrainConfig.Patience":     "--patience",
	"model.TrainConfig.TestFrac":     "--test",
	"model.TrainConfig.ValFrac":      "--val",
	"model.TrainConfig.Standardize":  "--standardize",
	"model.TrainConfig.DoneSteps":    "--resume", // only a checkpoint sets it
	"model.TrainConfig.GridSchedule": "--grid-schedule",
	"model.TrainConfig.Restarts":     "--restarts",
	"fit.Resume":                     "--resume",

	"pipeline.Config.Repeats":  "--repeats",
	"pipeline.Config.Shuffles": "--shuffles",
	"pipeline.Config.Top":      "--top",
	"pipeline.Config.MaxTop":   "--max-top",
	"pipeline.Config.Coverage": "--coverage",
	"pipeline.Config.Keep":     "--keep",
	"pipeline.Config.CurveMax": "--curve",

	"batch.Shard":                "--shard",
	"pipeline.Config.SearchTime": "--time",
	"pipeline.Config.Iterations": "--iterations",
	"pipeline.Config.Digits":     "--digits",

	"symreg.Options.Ops":               "--ops",
	"symreg.Options.MaxSize":           "--maxsize",
	"symreg.Options.MaxDepth":          "--maxdepth",
	"symreg.Options.ComplexityWeights": "--complexity",
	"symreg.Options.Nested":            "--nested",
	"symreg.Options.ArgSize":           "--argsize",
	"symreg.Options.Populations":       "--populations",
	"symreg.Options.PopulationSize":    "--population-size",
	"symreg.Options.Loss":              "--loss",
	"symreg.Options.Batch":             "--batch",
	"symreg.Options.Iterations":        "--iterations",
	"symreg.Options.Time":              "--time",
	"symreg.Options.MaxEvals":          "--max-evals",
	"symreg.Options.Guesses":           "--guess",
}

// fieldsToFlags rewrites the fields of flagOf into their flags, longest
// field first so that no field is taken for a prefix of another.
var fieldsToFlags = func() *strings.Replacer {
	fields := slices.SortedFunc(maps.Keys(flagOf), func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	var pairs []string
	for _, f := range fields {
		pairs = append(pairs, f, flagOf[f])
	}
	return strings.NewReplacer(pairs...)
}()

// userMessage is err's message as the command line shows it: every
// library setting it names is spelled as its flag.
func userMessage(err error) string { return fieldsToFlags.Replace(err.Error()) }
