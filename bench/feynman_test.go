package bench

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/internal/feynman"
	"github.com/ansatz/ansatz/internal/inputerr"
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

func TestRelErrJudges(t *testing.T) {
	x := [][]float64{{1, 2, 3}}
	y := []float64{2, 4, 6}
	f, _ := expr.Parse("2*x0", nil)
	if e := relErr(f, x, y); e != 0 {
		t.Fatalf("exact formula: rel err %g", e)
	}
	g, _ := expr.Parse("2.0001*x0", nil)
	if e := relErr(g, x, y); math.Abs(e-5e-5) > 1e-9 {
		t.Fatalf("rel err %g, want 5e-5", e)
	}
	h, _ := expr.Parse("log(x0-2)", nil)
	if e := relErr(h, x, y); !math.IsInf(e, 1) {
		t.Fatalf("NaN predictions judged %g", e)
	}
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
	if len(res) != 1 || !res[0].Solved {
		t.Fatalf("x*y not recovered: %+v", res)
	}
	if n := strings.Count(out.String(), "\n"); n != 3 || !strings.Contains(out.String(), `"formula"`) || !strings.Contains(out.String(), `"metric":"solved","value":1`) {
		t.Fatalf("JSON lines:\n%s", out.String())
	}
	if _, err := RunFeynman(context.Background(), FeynmanConfig{Table: cfg.Table, Only: []string{"nope"}, Rows: 100, Options: o}, w); !inputerr.Is(err) {
		t.Fatalf("unknown --only: %v", err)
	}
}
