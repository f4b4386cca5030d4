package pipeline

import (
	"github.com/ansatz/ansatz/internal/enumtext"
	"github.com/ansatz/ansatz/internal/jsonnum"
	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/symreg"
)

// Version is the schema version of Result (result.json). Version 2: the
// choices moved off the test rows (validation scores beside the test
// ones), the test stage, the inputs-kept curve, laws for numeric classes,
// residuals and the KAN diagram.
const Version = 2

// Result is everything a discovery run found, in the shape result.json
// has. Stages that did not run are nil.
type Result struct {
	Version  int        `json:"version"`
	Data     string     `json:"data"`
	Target   string     `json:"target"`
	Task     model.Task `json:"task"`
	Rows     int        `json:"rows"`
	Features []string   `json:"features"`
	Classes  []float64  `json:"classes,omitempty"`
	Settings Settings   `json:"settings"`
	// Stages lists the five stages in order with what became of each.
	Stages []Stage `json:"stages"`
	// Interrupted names the stage that was cut short ("" when the run
	// finished).
	Interrupted string  `json:"interrupted,omitempty"`
	Seconds     float64 `json:"seconds"`

	Signal      *Signal      `json:"signal,omitempty"`
	Attribution *Attribution `json:"attribution,omitempty"`
	Focus       *Focus       `json:"focus,omitempty"`
	Law         *Law         `json:"law,omitempty"`
}

// Status is what became of a stage; its text ("done", "not run", …) is
// what result.json and the report show.
type Status uint8

// The stage statuses.
const (
	StatusNotRun      Status = iota // an earlier stage was interrupted or failed ("not run")
	StatusDone                      // "done"
	StatusInterrupted               // cut short; its section holds what was done ("interrupted")
	StatusSkipped                   // not applicable, Note says why ("skipped")
	StatusFailed                    // ended with an error, Note holds it ("failed")
)

var statusNames = enumtext.Names{"not run", "done", "interrupted", "skipped", "failed"}

// String is the status's text.
func (s Status) String() string { return statusNames.String(int(s)) }

// MarshalText writes the text String gives.
func (s Status) MarshalText() ([]byte, error) { return statusNames.Marshal(uint8(s)) }

// UnmarshalText reads what MarshalText writes.
func (s *Status) UnmarshalText(b []byte) error { return statusNames.Unmarshal(b, (*uint8)(s)) }

// Stage names, in order. The first four choose (on training and
// validation rows only); the test stage scores what they chose on the
// held-out rows, once.
const (
	StageSignal      = "signal"
	StageAttribution = "attribution"
	StageFocus       = "focus"
	StageLaw         = "law"
	StageTest        = "test"
)

// Stage is what became of one stage.
type Stage struct {
	Name    string  `json:"name"`
	Status  Status  `json:"status"`
	Seconds float64 `json:"seconds"`
	Note    string  `json:"note,omitempty"`
}

// Settings are the resolved settings of the run (defaults filled in).
type Settings struct {
	Model      string  `json:"model"`
	Hidden     []int   `json:"hidden"`
	Epochs     int     `json:"epochs,omitempty"`
	Steps      int     `json:"steps,omitempty"`
	Seed       uint64  `json:"seed"`
	Threads    int     `json:"threads"`
	Repeats    int     `json:"repeats"`
	Shuffles   int     `json:"shuffles"`
	TestFrac   float64 `json:"test_frac"`
	ValFrac    float64 `json:"val_frac"`
	Top        int     `json:"top"` // requested focus size (0: by coverage)
	Coverage   float64 `json:"coverage"`
	Keep       float64 `json:"keep"`
	MaxTop     int     `json:"max_top"`
	CurveMax   int     `json:"curve_max"`
	SearchTime string  `json:"search_time"`
	Iterations int     `json:"search_iterations"`
	Ops        string  `json:"ops"`
	MaxSize    int     `json:"maxsize"`
	Units      string  `json:"units,omitempty"`
}

// Score is a score on one part of the rows (N of them): R² (regression)
// or accuracy (classification) in Value, plus the RMSE for regression.
type Score struct {
	N     int `json:"n"`
	Value Num `json:"value"`
	RMSE  Num `json:"rmse,omitempty"`
}

// Signal is stage 1: does the model beat a trivial predictor?
type Signal struct {
	Metric   string `json:"metric"` // "r2" or "accuracy"
	Train    int    `json:"train_rows"`
	Val      int    `json:"val_rows"`
	Test     int    `json:"test_rows"`
	ValModel Score  `json:"val_model"` // on the validation rows: what the choices may see
	Model    Score  `json:"model"`     // on the test rows
	Baseline Score  `json:"baseline"`  // mean / majority class of the training rows, on the test rows
	Params   int    `json:"params"`
	Steps    int    `json:"steps"`
	// Verdict is one short sentence on the strength of the signal.
	Verdict string `json:"verdict"`
	// Scatter holds (actual, predicted) test pairs: the prediction, or
	// for classification the predicted class value.
	Scatter []Point `json:"scatter,omitempty"`
	// Confusion counts test rows by true class (row) and predicted class
	// (column), in the order of Result.Classes; classification only.
	Confusion [][]int `json:"confusion,omitempty"`
	// Network is the trained KAN drawn as a diagram (KAN runs only).
	Network *Network `json:"network,omitempty"`
}

// Network is a KAN for its diagram: Width[l] nodes in layer l (inputs
// first), Edges[l] the edges from layer l to layer l+1.
type Network struct {
	Width   []int    `json:"width"`
	Inputs  []string `json:"inputs"`
	Outputs []string `json:"outputs"`
	Edges   [][]Edge `json:"edges"`
}

// Edge is one learned activation φ of a KAN: from node From of its layer
// to node To of the next, its attribution score (pykan's edge score,
// share of the layer's largest) and its curve sampled on the training
// rows, (input, φ(input)) pairs in increasing input.
type Edge struct {
	From  int     `json:"from"`
	To    int     `json:"to"`
	Score Num     `json:"score"`
	Curve []Point `json:"curve"`
}

// Attribution is stage 2.
type Attribution struct {
	Repeats     int            `json:"repeats"` // models completed
	Rows        int            `json:"rows"`    // training and validation rows attributed over
	Saliency    []model.Ranked `json:"saliency"`
	Permutation []model.Ranked `json:"permutation"`
	// RepeatScores is each model's validation score (the first is
	// Signal's).
	RepeatScores []Num `json:"repeat_scores"`
}

// Focus is stage 3: the top features alone.
type Focus struct {
	Features []string `json:"features"`
	Rule     string   `json:"rule"`     // how they were picked
	Covered  float64  `json:"covered"`  // their share of the saliency
	Val      Score    `json:"val"`      // model on these features only, validation rows
	Score    Score    `json:"score"`    // model on these features only, test rows
	Full     Score    `json:"full"`     // model on all features (Signal.Model)
	Baseline Score    `json:"baseline"` // trivial predictor
	// Kept is the share of the full model's skill above the baseline the
	// focused model keeps: (focus−base)/(full−base), on the test rows.
	Kept Num `json:"kept"`
	// Curve is the model's score against the number of inputs kept: the
	// k most salient features, k = 1, 2, ... (and all of them), each
	// retrained on the same split.
	Curve []CurvePoint `json:"curve,omitempty"`
}

// CurvePoint is one model of the inputs-kept curve.
type CurvePoint struct {
	Inputs int    `json:"inputs"`
	Added  string `json:"added"` // the feature this step adds (saliency order); "" for the jump to all features
	Val    Num    `json:"val"`   // validation score
	Test   Num    `json:"test"`  // test score (filled by the test stage)
}

// Law is stage 4: closed-form formulas. For a class target whose classes
// are numbers (see model.NumericClasses) the formula predicts the class
// value and is also read as a classifier: its prediction rounded to the
// nearest class present in the training rows (Classes).
type Law struct {
	// Skipped says why no search ran (class labels that are not numbers).
	Skipped string `json:"skipped,omitempty"`
	// Metric is what chose between the searches, on the validation rows:
	// "r2", or "accuracy" after rounding to Classes.
	Metric  string      `json:"metric,omitempty"`
	Classes []float64   `json:"classes,omitempty"`
	Runs    []SearchRun `json:"runs,omitempty"`
	// Chosen indexes Runs: the run whose chosen formula is the law.
	Chosen     int      `json:"chosen"`
	Formula    string   `json:"formula,omitempty"` // full precision
	Short      string   `json:"short,omitempty"`   // as people read it: canonical form, constants rounded to Config.Digits
	LaTeX      string   `json:"latex,omitempty"`
	Features   []string `json:"features,omitempty"` // the inputs of the search it came from
	Uses       []string `json:"uses,omitempty"`     // the inputs the formula uses, in table order
	Complexity int      `json:"complexity,omitempty"`
	ValR2      Num      `json:"val_r2"`
	ValAcc     Num      `json:"val_accuracy"` // rounded to Classes; null for regression
	TestR2     Num      `json:"test_r2"`
	TestRMSE   Num      `json:"test_rmse"`
	TestAcc    Num      `json:"test_accuracy"` // rounded to Classes; null for regression
	// Scatter holds (actual, formula) test pairs.
	Scatter []Point `json:"scatter,omitempty"`
	// Residuals holds, for each input of the search the law came from
	// (the focus set, or all features), (input, actual − formula) pairs on
	// the same test rows as Scatter.
	Residuals []Residuals `json:"residuals,omitempty"`
}

// Residuals are the law's errors against one input.
type Residuals struct {
	Feature string  `json:"feature"`
	Points  []Point `json:"points"`
}

// SearchRun is one symbolic search.
type SearchRun struct {
	Label      string            `json:"label"`
	Features   []string          `json:"features"`
	Rows       int               `json:"rows"` // training rows searched on
	Seconds    float64           `json:"seconds"`
	Iterations int               `json:"iterations"`
	Evals      int64             `json:"evals"`
	StopReason symreg.StopReason `json:"stop_reason"`
	Units      string            `json:"units,omitempty"` // what dimensional analysis did
	Ranks      int               `json:"ranks,omitempty"` // MPI ranks the search ran on (left out: 1)
	Front      []FrontPoint      `json:"front"`
	Chosen     int               `json:"chosen"` // index into Front, -1 if empty
	// Rule and Why say which rule of symreg/solve.Select chose the
	// formula and why.
	Rule string `json:"rule,omitempty"`
	Why  string `json:"why,omitempty"`
}

// FrontPoint is one formula of a Pareto front. Loss is the search loss
// on the rows it saw (the training rows); the other scores are on those
// rows, on the validation rows and (filled by the test stage) on the
// held-out test rows. Accuracies are for numeric class targets (null
// otherwise); TestLoss is the mean squared error on the test rows.
type FrontPoint struct {
	Complexity int    `json:"complexity"`
	Loss       Num    `json:"loss"`
	FitR2      Num    `json:"fit_r2"`
	ValR2      Num    `json:"val_r2"`
	ValAcc     Num    `json:"val_accuracy"`
	TestR2     Num    `json:"test_r2"`
	TestLoss   Num    `json:"test_loss"`
	TestAcc    Num    `json:"test_accuracy"`
	Infix      string `json:"infix"` // full precision: expr.Parse reads it back exactly
	Short      string `json:"short"` // as people read it: canonical form, constants rounded to Config.Digits
	LaTeX      string `json:"latex"`
}

// Point is an (x, y) pair: (actual, predicted) in scatters.
type Point [2]Num

// Num is a float64 that survives JSON: NaN and ±Inf (an R² of −Inf is a
// legitimate result for a bad formula) are written as null and read back
// as NaN (see internal/jsonnum).
type Num = jsonnum.Float

// Stage returns the named stage's record (nil if absent).
func (r *Result) Stage(name string) *Stage {
	for i := range r.Stages {
		if r.Stages[i].Name == name {
			return &r.Stages[i]
		}
	}
	return nil
}
