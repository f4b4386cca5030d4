package bench

import (
	"strings"
	"testing"
	"time"
)

func TestKANThroughputLines(t *testing.T) {
	isas := ISAs()
	lines, err := KANThroughput(KANConfig{Rows: 300, FitRows: 100, Steps: 3, TrainRows: 200, TrainSteps: 12, Target: time.Millisecond, Rounds: 2, ISAs: isas})
	if err != nil {
		t.Fatal(err)
	}
	perISA := 0
	speedups := 0
	train := map[string]bool{}
	for _, l := range lines {
		if strings.HasSuffix(l.Case, "200 rows train adaptive-grid") && l.Metric == "rows/s" {
			train[l.Impl] = true
		}
		switch l.Metric {
		case "rows/s", "s":
			perISA++
			if !(l.Value > 0) {
				t.Errorf("%s %s: value %g", l.Case, l.Impl, l.Value)
			}
		case "speedup":
			speedups++
		default:
			t.Errorf("unexpected metric %q", l.Metric)
		}
	}
	if perISA != 6*len(isas) {
		t.Errorf("%d measurement lines for %d ISAs, want 6 each", perISA, len(isas))
	}
	for _, isa := range isas {
		if !train[isa] {
			t.Errorf("no adaptive-grid training line for %s (have %v)", isa, train)
		}
	}
	if want := 6 * (len(isas) - 1); speedups != want {
		t.Errorf("%d speedup lines, want %d", speedups, want)
	}
}
