package bench

import (
	"testing"
	"time"
)

func TestKANThroughputLines(t *testing.T) {
	isas := ISAs()
	lines, err := KANThroughput(KANConfig{Rows: 300, FitRows: 100, Steps: 3, Target: time.Millisecond, Rounds: 2, ISAs: isas})
	if err != nil {
		t.Fatal(err)
	}
	perISA := 0
	speedups := 0
	for _, l := range lines {
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
	if perISA != 3*len(isas) {
		t.Errorf("%d measurement lines for %d ISAs, want 3 each", perISA, len(isas))
	}
	if want := 3 * (len(isas) - 1); speedups != want {
		t.Errorf("%d speedup lines, want %d", speedups, want)
	}
}
