package kan

import (
	"math/rand/v2"
	"testing"

	"github.com/ansatz/ansatz/kernels"
	"github.com/ansatz/ansatz/model"
)

func benchNet(b *testing.B) (*Net, []float64, []float64, []float64, int) {
	return benchNetRows(b, 20000)
}

func benchNetRows(b *testing.B, rows int) (*Net, []float64, []float64, []float64, int) {
	// Measure the best kernels explicitly, as the CLI does.
	if err := kernels.Use("auto"); err != nil {
		b.Fatal(err)
	}
	n := newNet(b, "4,16,16,1", 10, false, 1)
	rng := rand.New(rand.NewPCG(1, 1))
	x := randRows(rng, rows, 4, -1, 1)
	out := make([]float64, rows)
	dout := randRows(rng, rows, 1, -1, 1)
	return n, x, out, dout, rows
}

func BenchmarkForward(b *testing.B) {
	n, x, out, _, rows := benchNet(b)
	b.ResetTimer()
	for range b.N {
		n.Forward(x, rows, out)
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkForward100k is a large table: 100 000 rows in one call. It
// also reports the process's CPU time per call (cpu-ms/op, all threads,
// user+system), which a loaded machine inflates far less than ns/op.
func BenchmarkForward100k(b *testing.B) {
	n, x, out, _, rows := benchNetRows(b, 100000)
	b.ResetTimer()
	cpu0 := processCPU()
	for range b.N {
		n.Forward(x, rows, out)
	}
	if cpu0 >= 0 {
		b.ReportMetric(float64(processCPU()-cpu0)/1e6/float64(b.N), "cpu-ms/op")
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkForwardBackward(b *testing.B) {
	n, x, out, dout, rows := benchNet(b)
	b.ResetTimer()
	for range b.N {
		n.Forward(x, rows, out)
		n.Backward(dout, nil)
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkFit251(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	d := relAddData(rng, 1000)
	cpu0 := processCPU()
	for range b.N {
		n := newNet(b, "2,5,1", 5, false, 1)
		if _, err := n.Train(model.Regression, d, model.Data{}, model.TrainConfig{Steps: 50}); err != nil {
			b.Fatal(err)
		}
	}
	if cpu0 >= 0 {
		b.ReportMetric(float64(processCPU()-cpu0)/1e6/float64(b.N), "cpu-ms/op")
	}
}

func BenchmarkFitReg(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	d := relAddData(rng, 1000)
	for range b.N {
		n := newNet(b, "2,5,1", 5, true, 1)
		if _, err := n.Train(model.Regression, d, model.Data{}, model.TrainConfig{Steps: 20, Lamb: 0.01}); err != nil {
			b.Fatal(err)
		}
	}
}
