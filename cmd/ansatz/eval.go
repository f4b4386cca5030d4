package main

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"text/tabwriter"

	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/symreg"
	"github.com/ansatz/ansatz/symreg/expr"
	"github.com/ansatz/ansatz/table"
)

// EvalCmd is `ansatz eval`: the metrics of a given formula on a table,
// optionally after fitting its constants.
type EvalCmd struct {
	Data string `arg:"" help:"Table to evaluate on (CSV, TSV, .gz, NPY)."`
	table.Flags
	Expr          string    `help:"Formula over the column names, e.g. \"x1*cos(x2 - 3.2)\"; ** or ^ for powers." required:""`
	Fit           bool      `help:"Fit the formula's constants (Levenberg–Marquardt) before measuring."`
	LinearScaling bool      `name:"linear-scaling" help:"With --fit: also fit y ≈ a·f(x)+b (a, b in closed form)."`
	Iters         int       `help:"Levenberg–Marquardt iterations for --fit." default:"100"`
	Restarts      int       `help:"With --fit: extra LM runs from randomly perturbed constants (seeded by --seed); the best fit wins." default:"0"`
	Precision     int       `help:"Evaluation precision: 32 or 64 bits." default:"32" enum:"32,64"`
	RoundToClass  bool      `name:"round-to-classes" help:"Also score the formula as a classifier: each prediction rounded to the nearest class (a target value present in the table, or --classes), accuracy = share of exact hits."`
	Classes       []float64 `help:"With --round-to-classes: the class values to round to (e.g. the law's classes in discover's result.json)." placeholder:"V,V,..."`
	JSON          bool      `name:"json" help:"Print one JSON object."`
}

// evalReport is what eval prints.
type evalReport struct {
	Formula   string    `json:"formula"`
	Fitted    string    `json:"fitted,omitempty"`
	LaTeX     string    `json:"latex"`
	Sympy     string    `json:"sympy"`
	Target    string    `json:"target"`
	Rows      int       `json:"rows"`
	Size      int       `json:"complexity"`
	Precision int       `json:"precision"`
	R2        jsonFloat `json:"r2"`
	RMSE      jsonFloat `json:"rmse"`
	MSE       jsonFloat `json:"mse"`
	MAE       jsonFloat `json:"mae"`
	MaxError  jsonFloat `json:"max_error"`
	NonFinite int       `json:"nonfinite_rows"`
	FitIters  int       `json:"fit_iterations,omitempty"`
	// Accuracy is the rounded-to-classes accuracy (--round-to-classes).
	Accuracy *jsonFloat  `json:"rounded_accuracy,omitempty"`
	Classes  int         `json:"classes,omitempty"`
	Scale    *[2]float64 `json:"linear_scaling,omitempty"`
}

// Run loads the table, parses (and maybe fits) the formula, evaluates it
// with the compiled evaluator and prints the metrics.
func (c *EvalCmd) Run(g *Globals) error {
	if c.Iters < 1 || c.Restarts < 0 {
		return inputerr.New("--iters must be positive and --restarts not negative")
	}
	if c.LinearScaling && !c.Fit {
		return inputerr.New("--linear-scaling needs --fit")
	}
	if len(c.Classes) > 0 && !c.RoundToClass {
		return inputerr.New("--classes needs --round-to-classes")
	}
	t, err := c.Flags.Load(c.Data)
	if err != nil {
		return err
	}
	tree, err := expr.Parse(c.Expr, t.Features)
	if err != nil {
		return expr.ParseError("--expr", err)
	}
	rep := evalReport{Formula: expr.Format(tree, t.Features), Target: t.Target, Rows: t.Rows, Precision: c.Precision}
	if c.Fit {
		res := symreg.FitConstants(tree, t.X, t.Y, nil, symreg.FitOptions{MaxIter: c.Iters, LinearScaling: c.LinearScaling,
			Restarts: c.Restarts, Rand: rand.New(rand.NewPCG(g.Seed, 0x5EED))})
		if !res.OK {
			return inputerr.New("--fit: the formula is not finite on every row at its starting constants")
		}
		if c.LinearScaling {
			rep.Scale = &[2]float64{res.A, res.B}
			tree = expr.Scaled(tree, res.A, res.B)
		}
		rep.Fitted, rep.FitIters = expr.Format(tree, t.Features), res.Iters
	}
	rep.Size = expr.Complexity(tree)
	rep.LaTeX = expr.FormatLaTeX(tree, t.Features)
	rep.Sympy = expr.FormatSympy(tree, t.Features)

	pred := evalPredict(expr.Compile(tree), t, c.Precision, g.Threads)
	for _, v := range pred {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			rep.NonFinite++
		}
	}
	m := expr.ComputeMetrics(pred, t.Y, nil)
	rep.R2, rep.RMSE, rep.MSE, rep.MAE, rep.MaxError = jsonFloat(m.R2), jsonFloat(m.RMSE), jsonFloat(m.MSE), jsonFloat(m.MAE), jsonFloat(m.MaxErr)
	if c.RoundToClass {
		classes := model.Classes(t.Y)
		if len(c.Classes) > 0 {
			classes = model.Classes(c.Classes)
		}
		acc := jsonFloat(model.RoundedAccuracy(pred, t.Y, classes))
		rep.Accuracy, rep.Classes = &acc, len(classes)
	}
	if c.JSON {
		b, err := json.Marshal(rep)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(g.Stdout, "%s\n", b)
		return err
	}
	return printEvalReport(g, &rep)
}

// evalPredict evaluates p on the table's rows in the chosen precision.
func evalPredict(p *expr.Program, t *table.Table, precision, threads int) []float64 {
	pred := make([]float64, t.Rows)
	if precision == 64 {
		expr.EvalParallel64(p, t.X, pred, threads)
		return pred
	}
	cols := make([][]float32, len(t.X))
	for k, col := range t.X {
		cols[k] = make([]float32, len(col))
		for i, v := range col {
			cols[k][i] = float32(v)
		}
	}
	out := make([]float32, t.Rows)
	expr.EvalParallel32(p, cols, out, threads)
	for i, v := range out {
		pred[i] = float64(v)
	}
	return pred
}

func printEvalReport(g *Globals, r *evalReport) error {
	w := tabwriter.NewWriter(g.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "formula\t%s\n", r.Formula)
	if r.Fitted != "" {
		fmt.Fprintf(w, "fitted\t%s\t(%d iterations)\n", r.Fitted, r.FitIters)
	}
	fmt.Fprintf(w, "target\t%s\n", r.Target)
	fmt.Fprintf(w, "rows\t%d\n", r.Rows)
	fmt.Fprintf(w, "complexity\t%d nodes\n", r.Size)
	fmt.Fprintf(w, "R2\t%.10g\n", float64(r.R2))
	fmt.Fprintf(w, "RMSE\t%.6g\n", float64(r.RMSE))
	fmt.Fprintf(w, "max error\t%.6g\n", float64(r.MaxError))
	fmt.Fprintf(w, "MAE\t%.6g\n", float64(r.MAE))
	if r.Accuracy != nil {
		fmt.Fprintf(w, "accuracy\t%.6g\t(rounded to the nearest of %d classes)\n", float64(*r.Accuracy), r.Classes)
	}
	if r.NonFinite > 0 {
		fmt.Fprintf(w, "non-finite\t%d rows (NaN or Inf predictions)\n", r.NonFinite)
	}
	fmt.Fprintf(w, "precision\tfloat%d\n", r.Precision)
	return w.Flush()
}
