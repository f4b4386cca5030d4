package table

// Flags are the table options as command-line flags. Verbs embed it so
// every verb spells them the same way:
//
//	type TrainCmd struct {
//		Data string `arg:"" help:"Table to train on."`
//		table.Flags
//	}
//	...
//	t, err := c.Flags.Load(c.Data)
type Flags struct {
	Target        string   `help:"Target column (default: the last column)." placeholder:"NAME"`
	Features      []string `help:"Input columns, comma separated (default: every other numeric column)." placeholder:"A,B,..."`
	Drop          []string `help:"Columns to leave out, comma separated." placeholder:"A,B,..."`
	Sep           string   `help:"Field separator: a character or tab, comma, semicolon, pipe, space (default: sniffed)." placeholder:"SEP"`
	DropNonfinite bool     `name:"drop-nonfinite" help:"Drop rows with missing, NaN or Inf values (and report how many) instead of failing."`
}

// Options converts the flags; a bad --sep is an input error.
func (f *Flags) Options() (Options, error) {
	sep, err := ParseSep(f.Sep)
	if err != nil {
		return Options{}, err
	}
	return Options{Target: f.Target, Features: f.Features, Drop: f.Drop, Sep: sep, DropNonFinite: f.DropNonfinite}, nil
}

// Load reads the table at path for fitting (a target is required).
func (f *Flags) Load(path string) (*Table, error) {
	opt, err := f.Options()
	if err != nil {
		return nil, err
	}
	return Load(path, opt)
}

// LoadForPredict reads the table at path for prediction: the target is
// loaded only when --target is given, and one row is enough. features,
// when not nil, overrides --features (the model's inputs).
func (f *Flags) LoadForPredict(path string, features []string) (*Table, error) {
	opt, err := f.Options()
	if err != nil {
		return nil, err
	}
	opt.Predict = true
	if features != nil {
		opt.Features = features
	}
	return Load(path, opt)
}
