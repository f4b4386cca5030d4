package table

import (
	"errors"
	"math"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/internal/inputerr"
)

func fixture(name string) string { return filepath.Join("..", "testdata", "table", name) }

func TestBOMCRLFTrailingEmptyRows(t *testing.T) {
	tb, err := Load(fixture("bom_crlf.csv"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	// col1 (unnamed index) and id (text) are skipped; F is the default target.
	if !reflect.DeepEqual(tb.Features, []string{"m1", "m2", "r"}) || tb.Target != "F" {
		t.Fatalf("features %q target %q", tb.Features, tb.Target)
	}
	if !reflect.DeepEqual(tb.Skipped, []string{"col1", "id"}) {
		t.Errorf("skipped %q", tb.Skipped)
	}
	if tb.Rows != 4 {
		t.Fatalf("rows = %d, want 4 (trailing empty rows ignored)", tb.Rows)
	}
	wantX := [][]float64{{1, 2, 3, 1}, {2, 3, 4, 5}, {1, 2, 0.5, 2}}
	if !reflect.DeepEqual(tb.X, wantX) {
		t.Errorf("X = %v, want %v", tb.X, wantX)
	}
	if !reflect.DeepEqual(tb.Y, []float64{2, 1.5, 48, 1.25}) {
		t.Errorf("Y = %v", tb.Y)
	}
}

func TestIndexColumnByName(t *testing.T) {
	tb, err := Load(fixture("bom_crlf.csv"), Options{Target: "m1", Features: []string{"col1", "F"}})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(tb.X[0], []float64{0, 1, 2, 3}) || !reflect.DeepEqual(tb.Y, []float64{1, 2, 3, 1}) {
		t.Errorf("X[0] = %v, Y = %v", tb.X[0], tb.Y)
	}
}

func TestFormatsSniffed(t *testing.T) {
	want := [][]float64{{0.5, 1.5, 2.5}, {1, 2, 3}}
	for _, f := range []string{"plain.tsv", "gzipped.data"} {
		tb, err := Load(fixture(f), Options{Target: "y"})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if !reflect.DeepEqual(tb.X, want) || !reflect.DeepEqual(tb.Y, []float64{2.5, 5.5, 8.5}) {
			t.Errorf("%s: X=%v Y=%v", f, tb.X, tb.Y)
		}
	}
	tb, err := Load(fixture("blanks.txt"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(tb.Features, []string{"a", "b"}) || !reflect.DeepEqual(tb.Y, []float64{3, 6, 10}) {
		t.Errorf("blanks: %q %v", tb.Features, tb.Y)
	}
}

func TestSelection(t *testing.T) {
	src := "a,b,c,d\n1,2,3,4\n5,6,7,9\n"
	tb, err := Read(strings.NewReader(src), "s.csv", Options{Target: "b", Features: []string{"d", "a"}})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(tb.Features, []string{"d", "a"}) || !reflect.DeepEqual(tb.X, [][]float64{{4, 9}, {1, 5}}) {
		t.Errorf("features %q X %v", tb.Features, tb.X)
	}
	tb, err = Read(strings.NewReader(src), "s.csv", Options{Drop: []string{"d", "a"}})
	if err != nil {
		t.Fatal(err)
	}
	if tb.Target != "c" || !reflect.DeepEqual(tb.Features, []string{"b"}) {
		t.Errorf("with drop: target %q features %q", tb.Target, tb.Features)
	}
	// Blocks: column-major is X back to back; row-major interleaves.
	tb, _ = Read(strings.NewReader(src), "s.csv", Options{})
	if got := tb.ColMajor64(); !reflect.DeepEqual(got, []float64{1, 5, 2, 6, 3, 7}) {
		t.Errorf("ColMajor64 = %v", got)
	}
	if got := tb.RowMajor32(); !reflect.DeepEqual(got, []float32{1, 2, 3, 5, 6, 7}) {
		t.Errorf("RowMajor32 = %v", got)
	}
	if got := tb.RowMajor64(); !reflect.DeepEqual(got, []float64{1, 2, 3, 5, 6, 7}) {
		t.Errorf("RowMajor64 = %v", got)
	}
	if got := tb.ColMajor32(); !reflect.DeepEqual(got, []float32{1, 5, 2, 6, 3, 7}) {
		t.Errorf("ColMajor32 = %v", got)
	}
	if got := tb.Y32(); !reflect.DeepEqual(got, []float32{4, 9}) {
		t.Errorf("Y32 = %v", got)
	}
	if tb.Index("b") != 1 || tb.Index("d") != -1 {
		t.Errorf("Index wrong")
	}
}

func TestDropNonFinite(t *testing.T) {
	tb, err := Load(fixture("nonfinite.csv"), Options{DropNonFinite: true})
	if err != nil {
		t.Fatal(err)
	}
	if tb.Rows != 2 || tb.DroppedRows != 2 || !reflect.DeepEqual(tb.Y, []float64{2, 4}) {
		t.Errorf("rows %d dropped %d Y %v", tb.Rows, tb.DroppedRows, tb.Y)
	}
}

func TestPredictMode(t *testing.T) {
	tb, err := Read(strings.NewReader("a,b\n1,2\n"), "p.csv", Options{Predict: true})
	if err != nil {
		t.Fatal(err)
	}
	if tb.Target != "" || tb.Y != nil || tb.Cols() != 2 || tb.Rows != 1 {
		t.Errorf("predict: target %q cols %d rows %d", tb.Target, tb.Cols(), tb.Rows)
	}
	if _, err := Read(strings.NewReader("a,b\n1,2\n3,2\n"), "p.csv", Options{Predict: true, Target: "b"}); err != nil {
		t.Errorf("constant target in predict mode: %v", err)
	}
}

// TestBadInput checks every kind of bad input gives an inputerr naming the
// right place, and no table.
func TestBadInput(t *testing.T) {
	cases := []struct {
		name, src string
		opt       Options
		want      string // the error message must start with this
	}{
		{"empty", "", Options{}, "f.csv: empty file"},
		{"only BOM", "\xef\xbb\xbf", Options{}, "f.csv: empty file"},
		{"header only", "a,b\n", Options{}, "f.csv:1: no data rows"},
		{"header and empty rows", "a,b\n,\n,\n", Options{}, "f.csv:1: no data rows"},
		{"ragged", "a,b\n1,2\n3\n", Options{}, "f.csv:3: row has 1 fields, the header has 2"},
		{"ragged first", "a,b\n1,2,3\n", Options{}, "f.csv:2: row has 3 fields"},
		{"text cell", "a,b\n1,2\n3,x\n", Options{}, `f.csv:3:2: column "b": not a number: "x"`},
		{"text target", "a,b\nx,2\n3,4\n", Options{Target: "a"}, `f.csv:2:1: column "a" is not numeric`},
		{"unknown target", "a,b\n1,2\n3,4\n", Options{Target: "z"}, `f.csv:1: --target: no column named "z"`},
		{"unknown feature", "a,b,c\n1,2,3\n3,4,5\n", Options{Features: []string{"q"}}, `f.csv:1: --features: no column named "q"`},
		{"unknown drop", "a,b,c\n1,2,3\n3,4,5\n", Options{Drop: []string{"q"}}, `f.csv:1: --drop: no column named "q"`},
		{"feature is target", "a,b\n1,2\n3,4\n", Options{Features: []string{"b"}}, `--features: "b" is the target`},
		{"duplicate names", "a,b,a\n1,2,3\n3,4,5\n", Options{}, `f.csv:1:3: duplicate column name "a" (also column 1)`},
		{"NaN", "a,b\n1,2\nnan,4\n", Options{}, `f.csv:3:1: column "a": NaN`},
		{"Inf", "a,b\n1,2\n3,-Inf\n", Options{}, `f.csv:3:2: column "b": infinite value`},
		{"overflow", "a,b\n1,2\n3,1e999\n", Options{}, `f.csv:3:2: column "b": infinite value`},
		{"missing", "a,b\n1,2\n,4\n", Options{}, `f.csv:3:1: column "a": missing value`},
		{"empty row in middle", "a,b\n1,2\n,\n3,4\n", Options{}, `f.csv:3:1: column "a": missing value in an empty row`},
		{"all dropped", "a,b\n1,NA\n2,NA\n", Options{DropNonFinite: true}, "f.csv: all 2 data rows"},
		{"constant target", "a,b\n1,2\n3,2\n", Options{}, `f.csv: target column "b" is constant`},
		{"single row", "a,b\n1,2\n", Options{}, "f.csv:2: only 1 data row; need at least 2"},
		{"no header", "1,2\n3,4\n", Options{}, "f.csv:1: the first row looks like data"},
		{"no features", "a,b\nx,1\ny,2\n", Options{}, "f.csv:1: no numeric feature columns"},
		{"bad quote", "a,b\n1,\"2\n", Options{Sep: ','}, "f.csv:2:"},
		{"utf-16", "\xff\xfea\x00,\x00", Options{}, "f.csv: UTF-16 text"},
		{"xlsx", "PK\x03\x04\x14\x00", Options{}, "f.csv: a zip archive"},
		{"bad gzip", "\x1f\x8b\x08\x00garbage", Options{}, "f.csv: bad gzip data"},
		{"npy 1-D", npyBytes(t, "<f8", false, []int{3}, []float64{1, 2, 3}), Options{}, "f.csv: NPY header shape: array has 1 dimensions"},
		{"npy int", npyBytes(t, "<i8", false, []int{2, 2}, []float64{1, 2, 3, 4}), Options{}, "f.csv: NPY header dtype: must be float32 or float64"},
		{"npy truncated", npyBytes(t, "<f8", false, []int{3, 2}, []float64{1, 2, 3, 4}), Options{}, "f.csv: NPY data truncated"},
		{"npy NaN", npyBytes(t, "<f8", false, []int{2, 2}, []float64{1, 2, math.NaN(), 4}), Options{}, `f.csv: row 2, column "x0": NaN`},
	}
	for _, c := range cases {
		tb, err := Read(strings.NewReader(c.src), "f.csv", c.opt)
		if err == nil {
			t.Errorf("%s: no error, table with %d rows", c.name, tb.Rows)
			continue
		}
		if tb != nil {
			t.Errorf("%s: error but a table too", c.name)
		}
		var ie *inputerr.Error
		if !errors.As(err, &ie) {
			t.Errorf("%s: %v is not an inputerr", c.name, err)
		}
		if !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s:\n got  %s\n want %s...", c.name, err, c.want)
		}
	}
}

func TestParseSep(t *testing.T) {
	for in, want := range map[string]rune{"": 0, "tab": '\t', `\t`: '\t', ",": ',', "space": ' ', ";": ';', "x": 'x'} {
		if got, err := ParseSep(in); err != nil || got != want {
			t.Errorf("ParseSep(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"ab", `"`, "\n"} {
		if _, err := ParseSep(in); !inputerr.Is(err) {
			t.Errorf("ParseSep(%q): err = %v, want input error", in, err)
		}
	}
}

func TestFlagsLoad(t *testing.T) {
	f := Flags{Target: "y", Sep: "tab"}
	tb, err := f.Load(fixture("plain.tsv"))
	if err != nil || tb.Rows != 3 {
		t.Fatalf("Load: %v", err)
	}
	f.Sep = ","
	if _, err := f.Load(fixture("plain.tsv")); !inputerr.Is(err) {
		t.Errorf("wrong --sep: err = %v, want input error (one column, no target y)", err)
	}
	f = Flags{}
	tb, err = f.LoadForPredict(fixture("plain.tsv"), []string{"x2"})
	if err != nil || tb.Cols() != 1 || tb.Y != nil {
		t.Errorf("LoadForPredict: %v", err)
	}
	if _, err := Load(fixture("no-such-file.csv"), Options{}); !inputerr.Is(err) {
		t.Errorf("missing file: %v, want input error", err)
	}
}

func TestFixtureErrors(t *testing.T) {
	for f, want := range map[string]string{
		"ragged.csv":    "ragged.csv:4: row has 1 fields",
		"text_cell.csv": `text_cell.csv:3:2: column "y": not a number: "oops"`,
		"semicolon.csv": `"x" is text (line 2: "1,5")`,
		"nonfinite.csv": `nonfinite.csv:3:2: column "y": NaN`,
	} {
		_, err := Load(fixture(f), Options{})
		if err == nil || !strings.HasSuffix(err.Error(), want) && !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", f, err, want)
		}
	}
}

func TestSummary(t *testing.T) {
	tb, err := Load(fixture("bom_crlf.csv"), Options{Drop: []string{"r"}})
	if err != nil {
		t.Fatal(err)
	}
	want := fixture("bom_crlf.csv") + ": 4 rows, 2 features (m1, m2), target F; skipped: col1, id"
	if got := tb.Summary(); got != want {
		t.Errorf("Summary() = %q, want %q", got, want)
	}
}

func TestTrailingSeparatorAndQuotes(t *testing.T) {
	// A trailing comma on every line makes an unnamed, empty last column:
	// it is not the default target. Quoted names and a space after the
	// separator are fine.
	src := "\"mass, kg\", v,\n1, \"2\",\n2,3,\n"
	tb, err := Read(strings.NewReader(src), "u.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if tb.Target != "v" || !reflect.DeepEqual(tb.Features, []string{"mass, kg"}) || !reflect.DeepEqual(tb.Y, []float64{2, 3}) {
		t.Errorf("target %q features %q Y %v", tb.Target, tb.Features, tb.Y)
	}
	// Empty TSV cells stay cells.
	if _, err := Read(strings.NewReader("a\tb\tc\n1\t\t3\n2\t5\t6\n"), "e.tsv", Options{}); err == nil ||
		!strings.Contains(err.Error(), `e.tsv:2:2: column "b": missing value`) {
		t.Errorf("empty TSV cell: %v", err)
	}
}
