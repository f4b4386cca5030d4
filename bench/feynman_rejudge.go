package bench

import (
	"bufio"
	"encoding/json"
	"os"

	"github.com/ansatz/ansatz/internal/feynman"
	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/symreg/expr"
)

// RejudgeFeynman judges the formulas recorded in a `bench feynman --json`
// file again, with today's judge, without searching: one result per
// equation of the file (in its order) that cfg.Only selects. Seconds and
// complexity come from the record; cfg.Noise sets the judge's tolerance
// as in a run. Errors name the file and line.
func RejudgeFeynman(cfg FeynmanConfig, path string) ([]FeynmanResult, error) {
	eqs, err := selectEquations(cfg.Table, cfg.Only)
	if err != nil {
		return nil, err
	}
	recs, order, err := readFeynmanRecords(path)
	if err != nil {
		return nil, err
	}
	var out []FeynmanResult
	for _, name := range order {
		for _, eq := range eqs {
			if eq.Name != name {
				continue
			}
			rec := recs[name]
			r := FeynmanResult{Eq: eq, Judged: unjudged, Seconds: rec.seconds, Complexity: rec.complexity, Formula: rec.formula}
			truth, names, err := truthOf(eq)
			if err == nil {
				var f *expr.Node
				if f, err = expr.Parse(rec.formula, names); err != nil {
					err = inputerr.At(path, rec.line, 0, "%s: formula: %v", name, err)
				} else {
					r.setFormula(f, truth, expr.CanonOptions{Bounds: rangeBounds(eq), Tiny: cfg.Noise})
					r.Judged = judgeEq(eq, f, truth, cfg.Noise, EquationSeed(cfg.Seed, eq.Name))
				}
			}
			r.Err = err
			out = append(out, r)
		}
	}
	return out, nil
}

// rangeBounds are the equation's sampling ranges as bounds for Canonical.
func rangeBounds(eq feynman.Equation) []expr.Interval {
	b := make([]expr.Interval, len(eq.Vars))
	for k, v := range eq.Vars {
		b[k] = expr.Interval{Lo: v.Lo, Hi: v.Hi}
	}
	return b
}

// feynmanRecord is what a recorded run says about one equation.
type feynmanRecord struct {
	formula    string
	seconds    float64
	complexity int
	line       int
}

// readFeynmanRecords reads the bench lines of a Feynman run (any metric
// names; the first line of an equation gives its formula) and returns
// them by equation with the equations in file order.
func readFeynmanRecords(path string) (map[string]*feynmanRecord, []string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, inputerr.New("%v", err)
	}
	defer f.Close()
	recs := map[string]*feynmanRecord{}
	var order []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<22)
	for ln := 1; sc.Scan(); ln++ {
		var l struct {
			Bench, Case, Metric, Formula string
			Value                        float64
		}
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return nil, nil, inputerr.At(path, ln, 0, "not a bench line: %v", err)
		}
		if l.Bench != "feynman" {
			continue
		}
		r := recs[l.Case]
		if r == nil {
			r = &feynmanRecord{formula: l.Formula, line: ln}
			recs[l.Case] = r
			order = append(order, l.Case)
		}
		switch l.Metric {
		case "seconds":
			r.seconds = l.Value
		case "complexity":
			r.complexity = int(l.Value)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, inputerr.New("%s: %v", path, err)
	}
	return recs, order, nil
}
