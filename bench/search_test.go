package bench

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/ansatz/ansatz/symreg"
)

func TestSearchLinesSummariseRuns(t *testing.T) {
	runs := []searchRun{
		{seconds: 1, cpu: 2, solved: true, evals: 100, nodeRows: 1000},
		{seconds: 60, cpu: 100, solved: false, evals: 5000, nodeRows: 50000},
		{seconds: 3, cpu: 5, solved: true, evals: 300, nodeRows: 3000},
	}
	lines := searchLines("case", "avx2", 2, runs, EvalRate{Wall: 1000, CPU: 2000, OpsWall: 100, OpsCPU: 200})
	got := map[string]Line{}
	for _, l := range lines {
		got[l.Metric] = l
	}
	if v := got["seconds"].Value; v != 3 {
		t.Errorf("median seconds %v, want 3", v)
	}
	if v := got["solved"].Value; v != 2 {
		t.Errorf("solved %v, want 2", v)
	}
	if v := got["evals/s"].Value; math.Abs(v-5400.0/64) > 1e-9 {
		t.Errorf("evals/s %v, want %v", v, 5400.0/64)
	}
	nr := got["node-rows/s"]
	if math.Abs(nr.Value-54000.0/64) > 1e-9 || math.Abs(nr.Extra["per_thread_of_ref"].(float64)-54000.0/64/2/1000) > 1e-12 ||
		math.Abs(nr.Extra["cpu_of_ref"].(float64)-54000.0/107/2000) > 1e-12 ||
		math.Abs(nr.Extra["per_thread_of_ops_ref"].(float64)-54000.0/64/2/100) > 1e-12 ||
		math.Abs(nr.Extra["cpu_of_ops_ref"].(float64)-54000.0/107/200) > 1e-12 {
		t.Errorf("node-rows/s line %+v", nr)
	}
	if m := median([]float64{4, 1, 3, 2}); m != 2.5 {
		t.Errorf("median %v, want 2.5", m)
	}
}

func TestSearchCasesSampleTheirLaws(t *testing.T) {
	cfg := SearchConfig{Table: "../testdata/feynman/FeynmanEquations.csv"}
	for _, name := range SearchCases {
		c, ok := searchCaseOf(name)
		if !ok {
			t.Fatalf("case %q not found", name)
		}
		a, err := c.data(&cfg, 3)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := c.data(&cfg, 3)
		if a.Rows() == 0 || len(a.X) != len(a.Names) || a.Y[0] != b.Y[0] || a.X[0][7] != b.X[0][7] {
			t.Fatalf("%s: data not drawn deterministically", name)
		}
	}
	d, _ := operonData(nil, 1)
	for i := range d.Y {
		if want := d.X[0][i]*d.X[1][i]/d.X[2][i] + math.Sin(d.X[3][i]); d.Y[i] != want || d.X[0][i] < 1 || d.X[0][i] > 3 {
			t.Fatalf("row %d: y %v, want %v (x1 %v)", i, d.Y[i], want, d.X[0][i])
		}
	}
}

// A run that stops on its exact fit counts as solved; a run that cannot
// fit its data exactly counts the whole limit.
func TestSearchRunSolvedOnlyWhenExact(t *testing.T) {
	if testing.Short() {
		t.Skip("runs searches")
	}
	cfg := SearchConfig{Threads: 1, Time: time.Minute, Options: symreg.DefaultOptions()}
	cfg.Options.Iterations = 30
	easy := searchCase{"x1*x2", func(_ *SearchConfig, seed uint64) (*symreg.Data, error) {
		d, _ := operonData(nil, seed)
		for i := range d.Y {
			d.Y[i] = d.X[0][i] * d.X[1][i]
		}
		return d, nil
	}}
	r, err := runSearchCase(context.Background(), &cfg, easy, 1)
	if err != nil || !r.solved || r.seconds >= 60 || r.evals == 0 || r.nodeRows < r.evals {
		t.Fatalf("x1*x2: %+v, %v", r, err)
	}
	cfg.Options.Iterations = 1
	noisy := searchCase{"noise", func(_ *SearchConfig, seed uint64) (*symreg.Data, error) {
		d, _ := operonData(nil, seed)
		for i := range d.Y {
			d.Y[i] = math.Sin(float64(i * i))
		}
		return d, nil
	}}
	if r, err = runSearchCase(context.Background(), &cfg, noisy, 1); err != nil || r.solved || r.seconds != 60 {
		t.Fatalf("noise: %+v, %v", r, err)
	}
}
