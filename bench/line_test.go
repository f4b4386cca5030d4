package bench

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/ansatz/ansatz/kernels"
)

func TestLineJSONExactFormat(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf, true)
	if err := w.Write(Line{Bench: "gemm", Case: "f32 256x256x256", Impl: "avx2", Metric: "GFLOP/s", Value: 123.4}); err != nil {
		t.Fatal(err)
	}
	want := `{"bench":"gemm","case":"f32 256x256x256","impl":"avx2","metric":"GFLOP/s","value":123.4}` + "\n"
	if got := buf.String(); got != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
}

func TestLineJSONExtraMergedSortedAndCoreWins(t *testing.T) {
	l := Line{Bench: "eval", Case: "c", Impl: "generic", Metric: "node·rows/s", Value: 2,
		Extra: map[string]any{"formula": "x*y", "alpha": 1.5, "value": 99, "nan": math.NaN()}}
	b, err := l.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	want := `{"bench":"eval","case":"c","impl":"generic","metric":"node·rows/s","value":2,"alpha":1.5,"formula":"x*y","nan":null}`
	if string(b) != want {
		t.Fatalf("got  %s\nwant %s", b, want)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("not valid JSON: %v", err)
	}
	if m["value"].(float64) != 2 {
		t.Fatalf("an Extra field overrode value: %v", m["value"])
	}
}

func TestLineJSONNonFiniteValue(t *testing.T) {
	b, err := Line{Bench: "b", Value: math.Inf(1)}.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"value":null`) {
		t.Fatalf("Inf not written as null: %s", b)
	}
}

func TestWriterTableAligned(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf, false)
	w.Write(Line{Bench: "gemm", Case: "f32 256x256x256", Impl: "avx2", Metric: "GFLOP/s", Value: 123.456})
	w.Write(Line{Bench: "basis", Case: "f64 K=3", Impl: "generic", Metric: "elements/s", Value: 2.5e7,
		Extra: map[string]any{"formula": "x"}})
	if buf.Len() != 0 {
		t.Fatal("table mode printed before Flush")
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(buf.String(), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("want header + 2 rows, got %d:\n%s", len(lines), buf.String())
	}
	// Every column starts at the same offset on every row.
	col := strings.Index(lines[0], "IMPL")
	if strings.Index(lines[1], "avx2") != col || strings.Index(lines[2], "generic") != col {
		t.Fatalf("columns not aligned:\n%s", buf.String())
	}
	for _, s := range []string{"123.5", "25000000", "FORMULA"} {
		if !strings.Contains(buf.String(), s) {
			t.Fatalf("table lacks %q:\n%s", s, buf.String())
		}
	}
}

func TestFormatValue(t *testing.T) {
	for v, want := range map[float64]string{0: "0", 1.23456: "1.235", 123.456: "123.5", 4321.9: "4322", 1e-5: "1e-05", 2.5e13: "2.5e+13"} {
		if got := FormatValue(v); got != want {
			t.Errorf("FormatValue(%g) = %q, want %q", v, got, want)
		}
	}
}

func TestTimeReachesTarget(t *testing.T) {
	calls := 0
	sink := 0.0
	r := Time(20*time.Millisecond, func(n int) {
		calls++
		for i := 0; i < n; i++ {
			sink += math.Sqrt(float64(i))
		}
	})
	_ = sink
	if r.Elapsed < 20*time.Millisecond {
		t.Fatalf("last round took %v, want >= 20ms", r.Elapsed)
	}
	if r.N < 2 || calls < 2 {
		t.Fatalf("n did not grow: N=%d calls=%d", r.N, calls)
	}
	if r.NsPerOp() <= 0 || r.Rate(1) <= 0 {
		t.Fatalf("bad rates: %v ns/op, %v /s", r.NsPerOp(), r.Rate(1))
	}
}

func TestForEachISARestores(t *testing.T) {
	before := kernels.Current()
	var seen []string
	err := ForEachISA(ISAs(), func(isa string) error {
		if kernels.Current() != isa {
			t.Errorf("inside fn the ISA is %s, want %s", kernels.Current(), isa)
		}
		seen = append(seen, isa)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != len(ISAs()) || seen[len(seen)-1] != kernels.Generic {
		t.Fatalf("visited %v", seen)
	}
	if kernels.Current() != before {
		t.Fatalf("ISA not restored: %s, want %s", kernels.Current(), before)
	}
	boom := errors.New("boom")
	if err := ForEachISA([]string{kernels.Generic}, func(string) error { return boom }); err != boom {
		t.Fatalf("error not passed through: %v", err)
	}
	if kernels.Current() != before {
		t.Fatalf("ISA not restored after error: %s", kernels.Current())
	}
	if err := ForEachISA([]string{"sse9"}, func(string) error { return nil }); err == nil {
		t.Fatal("unknown ISA accepted")
	}
}
