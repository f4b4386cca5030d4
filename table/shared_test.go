package table

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

// sharedFile returns a real data file: the repository's copy in
// testdata/ when there is one, else the team's read-only folder ../shared
// next to the repository; it skips the test when neither exists.
func sharedFile(t *testing.T, rel string) string {
	t.Helper()
	for _, p := range []string{
		filepath.Join("..", "testdata", rel),
		filepath.Join("..", "..", "shared", "testdata", rel),
	} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Skipf("optional data %s absent (neither testdata/ nor ../shared/testdata/)", rel)
	return ""
}

// The bundled example must load as the README uses it.
func TestExamplePendulum(t *testing.T) {
	tb, err := Load(filepath.Join("..", "testdata", "examples", "pendulum.csv"), Options{Target: "period_s"})
	if err != nil {
		t.Fatal(err)
	}
	if tb.Rows != 300 || tb.Cols() != 3 {
		t.Fatalf("rows %d cols %d", tb.Rows, tb.Cols())
	}
	// Every row follows T = 2π sqrt(L/g) within the 0.1 % noise (5 sigma).
	for i := range tb.Rows {
		want := 2 * math.Pi * math.Sqrt(tb.X[0][i]/tb.X[2][i])
		if r := tb.Y[i]/want - 1; math.Abs(r) > 0.005+5e-4 {
			t.Fatalf("row %d: period %v, law gives %v", i, tb.Y[i], want)
		}
	}
}

// The Feynman equation table has a BOM, CRLF, mostly text columns,
// ragged-looking empty cells and trailing rows of commas.
func TestSharedFeynmanTable(t *testing.T) {
	p := sharedFile(t, "feynman/FeynmanEquations.csv")
	tb, err := Load(p, Options{Target: "Number", Features: []string{"v1_low", "v1_high"}})
	if err != nil {
		t.Fatal(err)
	}
	if tb.Rows != 100 {
		t.Errorf("rows = %d, want the 100 equations", tb.Rows)
	}
	if tb.Y[0] != 1 || tb.X[0][0] != 1 || tb.X[1][0] != 3 || tb.Y[99] != 100 {
		t.Errorf("first row: Number %v v1_low %v v1_high %v; last Number %v", tb.Y[0], tb.X[0][0], tb.X[1][0], tb.Y[99])
	}
	// v3_low is empty for equations with fewer than 3 variables.
	if _, err := Load(p, Options{Target: "Number", Features: []string{"v3_low"}}); err == nil {
		t.Error("v3_low has empty cells, want an error")
	}
	tb, err = Load(p, Options{Target: "Number", Features: []string{"v3_low"}, DropNonFinite: true})
	if err != nil {
		t.Fatal(err)
	}
	if tb.Rows+tb.DroppedRows != 100 || tb.DroppedRows == 0 {
		t.Errorf("rows %d + dropped %d, want 100 with some dropped", tb.Rows, tb.DroppedRows)
	}
}

func TestSharedKnots(t *testing.T) {
	p := sharedFile(t, "knots/train.csv")
	tb, err := Load(p, Options{Target: "signature"})
	if err != nil {
		t.Fatal(err)
	}
	if tb.Rows != 10000 || tb.Cols() != 17 || tb.Skipped[0] != "col1" {
		t.Errorf("rows %d cols %d skipped %q; want 10000 rows, 17 invariants, the unnamed id skipped", tb.Rows, tb.Cols(), tb.Skipped)
	}
	if tb.Y[0] != -2 || tb.Features[0] != "chern_simons" {
		t.Errorf("Y[0] = %v, first feature %q", tb.Y[0], tb.Features[0])
	}
}

func TestSharedPMLB(t *testing.T) {
	for _, f := range []string{"pmlb/564_fried.tsv.gz", "pmlb/215_2dplanes.tsv.gz"} {
		tb, err := Load(sharedFile(t, f), Options{Target: "target"})
		if err != nil {
			t.Fatal(err)
		}
		if tb.Rows != 40768 || tb.Cols() != 10 {
			t.Errorf("%s: %d rows, %d cols; want 40768, 10", f, tb.Rows, tb.Cols())
		}
	}
}

// units.csv ends every line with a comma (an unnamed empty column).
func TestSharedUnits(t *testing.T) {
	tb, err := Load(sharedFile(t, "feynman/units.csv"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if tb.Target != "V" || tb.Cols() != 4 || tb.Rows < 50 {
		t.Errorf("target %q, %d features, %d rows; skipped %q", tb.Target, tb.Cols(), tb.Rows, tb.Skipped)
	}
}
