package bench

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/internal/feynman"
	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/internal/lawjudge"
	"github.com/ansatz/ansatz/symreg"
	"github.com/ansatz/ansatz/symreg/expr"
)

// twoEquations is a small equation table for the run tests.
const twoEquations = "Filename,Output,Formula,v1_name,v1_low,v1_high,v2_name,v2_low,v2_high\n" +
	"E.1,f,x*y,x,1,3,y,2,4\n" +
	"E.2,g,exp(-t**2/2)/sqrt(2*pi),t,1,3,,,\n"

// The published table (copied to testdata by symreg-core): 100
// equations, every formula parses over its listed variables, and the six
// rows with a wrong "# variables" count get their listed names.
func TestReadPublishedFeynmanTable(t *testing.T) {
	path := "../testdata/feynman/FeynmanEquations.csv"
	if _, err := os.Stat(path); err != nil {
		t.Skip("testdata/feynman/FeynmanEquations.csv absent")
	}
	eqs, err := feynman.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(eqs) != 100 {
		t.Fatalf("%d equations, want 100", len(eqs))
	}
	for _, eq := range eqs {
		truth, _, err := truthOf(eq)
		if err != nil {
			t.Fatal(err)
		}
		if nv := maxVar(truth) + 1; nv > len(eq.Vars) {
			t.Errorf("%s: formula uses %d variables, %d listed", eq.Name, nv, len(eq.Vars))
		}
	}
}

func maxVar(n *expr.Node) int {
	if n == nil {
		return -1
	}
	m := max(maxVar(n.L), maxVar(n.R))
	if n.Op == expr.OpVar {
		m = max(m, n.Var)
	}
	return m
}

func TestRunFeynmanSolvesEasyEquation(t *testing.T) {
	o := symreg.DefaultOptions()
	o.Ops = []expr.Op{expr.OpAdd, expr.OpMul, expr.OpDiv}
	o.Populations, o.PopulationSize, o.MaxSize = 4, 20, 10
	o.Iterations = 40
	var log strings.Builder
	table := filepath.Join(t.TempDir(), "eqs.csv")
	if err := os.WriteFile(table, []byte(twoEquations), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := FeynmanConfig{Table: table, Only: []string{"E.1"}, Rows: 100, Threads: 2, Seed: 1, Options: o, Log: &log}
	var out strings.Builder
	w := NewWriter(&out, true)
	res, err := RunFeynman(context.Background(), cfg, w)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 || !res[0].Law() {
		t.Fatalf("x*y not recovered: %+v", res)
	}
	if n := strings.Count(out.String(), "\n"); n != 3 || !strings.Contains(out.String(), `"formula"`) ||
		!strings.Contains(out.String(), `"metric":"law","value":1`) || !strings.Contains(out.String(), `"verdict":"law"`) {
		t.Fatalf("JSON lines:\n%s", out.String())
	}
	if _, err := RunFeynman(context.Background(), FeynmanConfig{Table: cfg.Table, Only: []string{"nope"}, Rows: 100, Options: o}, w); !inputerr.Is(err) {
		t.Fatalf("unknown --only: %v", err)
	}
}

// Each equation's seed comes from its name: the same equation gets the
// same seed whatever else runs, different equations different seeds.
func TestEquationSeedFollowsName(t *testing.T) {
	if EquationSeed(1, "I.30.5") != EquationSeed(1, "I.30.5") {
		t.Fatal("not a function of the name")
	}
	if EquationSeed(1, "I.30.5") == EquationSeed(1, "I.30.3") || EquationSeed(1, "I.30.5") == EquationSeed(2, "I.30.5") {
		t.Fatal("seed ignores the name or the run's seed")
	}
}

// --only reruns what the full run ran: with an iteration limit the same
// equation gives the same formula alone and after another one.
func TestRunFeynmanOnlyRerunsTheSameSearch(t *testing.T) {
	o := symreg.DefaultOptions()
	o.Ops = []expr.Op{expr.OpAdd, expr.OpMul, expr.OpDiv}
	o.Populations, o.PopulationSize, o.MaxSize, o.Iterations = 2, 20, 10, 3
	table := filepath.Join(t.TempDir(), "eqs.csv")
	if err := os.WriteFile(table, []byte(twoEquations), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(only ...string) FeynmanResult {
		cfg := FeynmanConfig{Table: table, Only: only, Rows: 50, Threads: 1, Seed: 7, Options: o}
		res, err := RunFeynman(context.Background(), cfg, NewWriter(io.Discard, false))
		if err != nil {
			t.Fatal(err)
		}
		return res[len(res)-1]
	}
	all, alone := run("E.1", "E.2"), run("E.2")
	if all.Formula != alone.Formula || all.Judged != alone.Judged {
		t.Fatalf("E.2 after E.1: %s %+v; alone: %s %+v", all.Formula, all.Judged, alone.Formula, alone.Judged)
	}
}

// Rejudging a recorded run reads its formulas and judges them anew: the
// recorded curve fit of x*y is a fit, the exact formula a law.
func TestRejudgeFeynman(t *testing.T) {
	dir := t.TempDir()
	table := filepath.Join(dir, "eqs.csv")
	if err := os.WriteFile(table, []byte(twoEquations), 0o644); err != nil {
		t.Fatal(err)
	}
	rec := filepath.Join(dir, "run.jsonl")
	lines := `{"bench":"feynman","case":"E.1","impl":"search","metric":"solved","value":1,"formula":"y*(x - 1e-9*x^6)"}
{"bench":"feynman","case":"E.1","impl":"search","metric":"seconds","value":2.5,"formula":"y*(x - 1e-9*x^6)"}
{"bench":"feynman","case":"E.2","impl":"search","metric":"law","value":1,"formula":"0.3989422804014327*exp(-0.5*t*t)"}
`
	if err := os.WriteFile(rec, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := RejudgeFeynman(FeynmanConfig{Table: table}, rec)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 || res[0].Judged.Verdict != lawjudge.Fit || res[0].Seconds != 2.5 || !res[1].Law() {
		t.Fatalf("%+v", res)
	}
	var out strings.Builder
	PrintFeynman(&out, res, 6)
	if !strings.Contains(out.String(), "laws 1 of 2") || !strings.Contains(out.String(), "fits (hold inside the sampled ranges only) 1: E.1") {
		t.Fatalf("summary:\n%s", out.String())
	}
	if err := os.WriteFile(rec, []byte("{\"bench\":\"feynman\",\"case\":\"E.1\",\"metric\":\"law\",\"formula\":\"x*(\"}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if res, _ := RejudgeFeynman(FeynmanConfig{Table: table}, rec); res[0].Err == nil || !strings.Contains(res[0].Err.Error(), "run.jsonl:1") {
		t.Fatalf("bad formula: %+v", res[0].Err)
	}
}
