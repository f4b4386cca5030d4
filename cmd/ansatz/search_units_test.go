package main

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/symreg"
	"github.com/ansatz/ansatz/symreg/expr"
	"github.com/ansatz/ansatz/table"
)

// The README's pendulum with a units table: the mass cannot enter a time,
// so no group is left and T = C·sqrt(L/g) with C ≈ 2π comes out directly.
func TestSearchMaybeUnitsPendulum(t *testing.T) {
	units := filepath.Join(t.TempDir(), "units.csv")
	err := os.WriteFile(units, []byte("Variable,Units,m,s,kg,\nlength_m,Length,1,0,0,\nmass_kg,Mass,0,0,1,\n"+
		"g_ms2,Acceleration,1,-2,0,\nperiod_s,Time,0,1,0,\n"), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	tb, err := table.Load("../../testdata/examples/pendulum.csv", table.Options{Target: "period_s"})
	if err != nil {
		t.Fatal(err)
	}
	data := &symreg.Data{X: tb.X, Y: tb.Y, Names: tb.Features}
	var log bytes.Buffer
	g := &Globals{Threads: 1, Seed: 1, Stdout: &bytes.Buffer{}, Stderr: &log}
	g.Log = newLogger(&log, "text", false)
	opts := symreg.DefaultOptions()
	opts.Iterations = 1
	res, err := searchMaybeUnits(context.Background(), g, units, "period_s", data, opts, nil, false, false)
	if err != nil {
		t.Fatal(err)
	}
	best := res.Front[res.Choice.Index]
	f := expr.Format(best.Tree, data.Names)
	if !strings.Contains(f, "sqrt(length_m/g_ms2)") || strings.Contains(f, "mass_kg") {
		t.Errorf("chosen %s", f)
	}
	if c := best.Tree.EvalAt([]float64{1, 5, 1}); math.Abs(c-2*math.Pi) > 0.01 {
		t.Errorf("C = %g, want ≈ 2π", c)
	}
	if !strings.Contains(log.String(), "sqrt(length_m/g_ms2)") {
		t.Errorf("log: %s", log.String())
	}
	// A table missing a column: plain search, with the reason on the log.
	log.Reset()
	os.WriteFile(units, []byte("Variable,m,s\nlength_m,1,0\nperiod_s,0,1\n"), 0o644)
	if _, err := searchMaybeUnits(context.Background(), g, units, "period_s", data, opts, nil, false, false); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), `\"mass_kg\", \"g_ms2\"`) {
		t.Errorf("log: %s", log.String())
	}
	// A broken table is an input error naming file:line:col.
	os.WriteFile(units, []byte("Variable,m\nx,one\n"), 0o644)
	if _, err := searchMaybeUnits(context.Background(), g, units, "period_s", data, opts, nil, false, false); err == nil || !strings.Contains(err.Error(), "units.csv:2:3") {
		t.Errorf("err = %v", err)
	}
}
