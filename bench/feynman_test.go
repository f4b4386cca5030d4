package bench

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/symreg"
	"github.com/ansatz/ansatz/symreg/expr"
)

// A table with every known fault of the published file: byte-order mark,
// CRLF, a wrong "# variables" count, an extra column, trailing empty rows.
const faultyTable = "\xef\xbb\xbfFilename,Number,Output,Formula,# variables,v1_name,v1_low,v1_high,v2_name,v2_low,v2_high,Comment\r\n" +
	"E.1,1,f,x*y,1,x,1,3,y,2,4,first\r\n" +
	"E.2,2,g,exp(-t**2/2)/sqrt(2*pi),2,t,1,3,,,,\r\n" +
	",,,,,,,,,,,\r\n" +
	",,,,,,,,,,,\r\n"

func writeTable(t *testing.T, s string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "eqs.csv")
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadFeynmanTableFaults(t *testing.T) {
	eqs, err := ReadFeynmanTable(writeTable(t, faultyTable))
	if err != nil {
		t.Fatal(err)
	}
	if len(eqs) != 2 {
		t.Fatalf("%d equations, want 2", len(eqs))
	}
	if eqs[0].Name != "E.1" || len(eqs[0].Vars) != 2 || eqs[0].Vars[1] != (FeynmanVar{"y", 2, 4}) {
		t.Fatalf("first equation %+v", eqs[0])
	}
	if eqs[1].Formula != "exp(-t**2/2)/sqrt(2*pi)" || len(eqs[1].Vars) != 1 {
		t.Fatalf("second equation %+v", eqs[1])
	}
	for _, bad := range []string{
		"Name,Formula\nx,y\n",
		"Filename,Formula,v1_name,v1_low,v1_high\nA,x,x,3,1\n", // low > high
		"Filename,Formula,v1_name,v1_low,v1_high\nA,x,x,a,1\n",
		"Filename,Formula,v1_name,v1_low,v1_high\n,,,,\n",
	} {
		if _, err := ReadFeynmanTable(writeTable(t, bad)); err == nil || !inputerr.Is(err) {
			t.Errorf("table %q: err %v, want an input error", bad, err)
		}
	}
}

// The published table (copied to testdata by symreg-core): 100
// equations, every formula parses over its listed variables, and the six
// rows with a wrong "# variables" count get their listed names.
func TestReadPublishedFeynmanTable(t *testing.T) {
	path := "../testdata/feynman/FeynmanEquations.csv"
	if _, err := os.Stat(path); err != nil {
		t.Skip("testdata/feynman/FeynmanEquations.csv absent")
	}
	eqs, err := ReadFeynmanTable(path)
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
	cfg := FeynmanConfig{Table: writeTable(t, faultyTable), Only: []string{"E.1"}, Rows: 100, Threads: 2, Seed: 1, Options: o, Log: &log}
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
