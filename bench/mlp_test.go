package bench

import (
	"testing"
	"time"
)

func TestMLPThroughputSmall(t *testing.T) {
	lines, err := MLPThroughput(MLPConfig{In: 3, Hidden: []int{8}, Classes: 2, Batch: 16,
		Target: time.Millisecond, ISAs: []string{"generic"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 2 || lines[1].Metric != "rows/s" || !(lines[1].Value > 0) ||
		lines[1].Case != "f32 3,8,2 batch 16 forward+backward" {
		t.Fatalf("lines %+v", lines)
	}
}

// BenchmarkMLPStep profiles the bench kan MLP case under the best ISA.
func BenchmarkMLPStep(b *testing.B) {
	for range b.N {
		if _, err := MLPThroughput(MLPConfig{Target: 200 * time.Millisecond, ISAs: ISAs()[:1]}); err != nil {
			b.Fatal(err)
		}
	}
}
