package main

import (
	"bufio"
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/ansatz/ansatz/internal/atomicfile"
	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/table"
)

// PredictCmd is `ansatz predict MODEL data.csv`: apply a trained model to a
// table and write its input columns plus a `prediction` column (the class
// value for classification; named prediction_1, ... when a feature already
// is "prediction").
type PredictCmd struct {
	ModelFile string `arg:"" name:"model" help:"Model file written by ansatz train."`
	Data      string `arg:"" help:"Table to predict (needs the model's input columns)."`
	table.Flags
	Out  string `help:"CSV file to write (written atomically; default: standard output)." placeholder:"FILE"`
	JSON bool   `help:"Print the predictions as a JSON object {\"feature\":…,\"prediction\":[…]} instead of CSV (with --out, a summary)."`
}

// Run implements the verb.
func (c *PredictCmd) Run(g *Globals) error {
	if err := checkOut("--out", c.Out); err != nil {
		return err
	}
	m, err := model.Load(c.ModelFile)
	if err != nil {
		return err
	}
	tab, err := c.Flags.LoadForPredict(c.Data, m.Features)
	if err != nil {
		return err
	}
	pred := m.Predict(tab.RowMajor64(), tab.Rows)
	col := predictionColumn(tab.Features)
	if col != "prediction" && !c.JSON {
		g.Log.Warn("a feature is named prediction: the predictions go in another column", "column", col)
	}
	if c.Out != "" {
		if err := atomicfile.Write(c.Out, func(w io.Writer) error { return writePredictions(w, tab, col, pred) }); err != nil {
			return err
		}
		if c.JSON {
			return json.NewEncoder(g.Stdout).Encode(map[string]any{"out": c.Out, "rows": tab.Rows, "task": m.Task})
		}
		g.Log.Info("wrote predictions", "file", c.Out, "rows", tab.Rows)
		return nil
	}
	if c.JSON {
		return json.NewEncoder(g.Stdout).Encode(map[string]any{"task": m.Task, "prediction": jsonFloats(pred)})
	}
	bw := bufio.NewWriter(g.Stdout)
	if err := writePredictions(bw, tab, col, pred); err != nil {
		return err
	}
	return bw.Flush()
}

// predictionColumn names the output column: "prediction", or when a
// feature has that name the first of prediction_1, prediction_2, ... that
// none has, so the header stays unique.
func predictionColumn(features []string) string {
	name := "prediction"
	for k := 1; slices.Contains(features, name); k++ {
		name = "prediction_" + strconv.Itoa(k)
	}
	return name
}

// writePredictions writes the feature columns and the predictions (column
// col) as CSV, numbers in the shortest form that reads back to the same
// float64.
func writePredictions(w io.Writer, tab *table.Table, col string, pred []float64) error {
	head := make([]string, 0, tab.Cols()+1)
	for _, f := range tab.Features {
		head = append(head, csvField(f))
	}
	if _, err := io.WriteString(w, strings.Join(append(head, csvField(col)), ",")+"\n"); err != nil {
		return err
	}
	var line []byte
	for i := 0; i < tab.Rows; i++ {
		line = line[:0]
		for _, col := range tab.X {
			line = strconv.AppendFloat(line, col[i], 'g', -1, 64)
			line = append(line, ',')
		}
		line = strconv.AppendFloat(line, pred[i], 'g', -1, 64)
		line = append(line, '\n')
		if _, err := w.Write(line); err != nil {
			return err
		}
	}
	return nil
}

// csvField quotes a header name when CSV requires it.
func csvField(s string) string {
	if strings.ContainsAny(s, ",\"\n\r") {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}
