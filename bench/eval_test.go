package bench

import (
	"testing"
	"time"

	"github.com/ansatz/ansatz/kernels"
)

func TestEvalThroughputSmall(t *testing.T) {
	lines, err := EvalThroughput(EvalConfig{Trees: 20, Rows: 700, Target: time.Millisecond, ISAs: []string{"generic"}, Cases: []string{"transcendental"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 1 {
		t.Fatalf("want one line per case, got %v", lines)
	}
	for _, l := range lines {
		if l.Metric != "node-rows/s" || !(l.Value > 0) || l.Bench != "eval" {
			t.Errorf("bad line %+v", l)
		}
	}
	if _, err := EvalThroughput(EvalConfig{Cases: []string{"nope"}}); err == nil {
		t.Error("unknown case accepted")
	}
}

// BenchmarkEval is `ansatz bench eval` as a Go benchmark (Operon's
// protocol, one thread) for every ISA and both cases; it reports
// node-rows/s. Run: go test ./bench -run XXX -bench Eval -benchtime 5x
func BenchmarkEval(b *testing.B) {
	for _, name := range []string{"arith", "transcendental"} {
		w := NewEvalWorkload(EvalConfig{}, EvalCases[name])
		for _, isa := range kernels.Available() {
			b.Run(name+"/"+isa, func(b *testing.B) {
				if err := kernels.Use(isa); err != nil {
					b.Fatal(err)
				}
				defer kernels.Use("auto")
				for b.Loop() {
					w.Run(false)
				}
				b.ReportMetric(w.NodeRows()*float64(b.N)/b.Elapsed().Seconds(), "node-rows/s")
			})
		}
	}
}
