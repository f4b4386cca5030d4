package bench

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/model/mlp"
)

// MLPConfig describes the MLP throughput case of `ansatz bench kan`
// (an MLP 17,300,300,300,C as in the knot notebook, trained on
// mini-batches). Zero values take the defaults noted.
type MLPConfig struct {
	In      int           // inputs (default 17, the knot invariants)
	Hidden  []int         // hidden widths (default 300,300,300)
	Classes int           // outputs C (default 13, the knot signatures of the sample)
	Batch   int           // rows per forward+backward call (default 256)
	Float64 bool          // compute in float64 instead of float32
	Target  time.Duration // minimum time per measurement (default 1s)
	ISAs    []string      // implementations to measure (default ISAs(), best first)
}

// MLPThroughput measures rows/s of the MLP's forward pass and of one
// training step's forward+backward pass (softmax cross-entropy, gradients
// of every parameter) under each ISA, in one run, so the ratios are
// comparable; it appends a "speedup" line per non-generic ISA.
func MLPThroughput(cfg MLPConfig) ([]Line, error) {
	orDefault(&cfg.In, 17)
	orDefault(&cfg.Classes, 13)
	orDefault(&cfg.Batch, 256)
	orDefault(&cfg.Target, time.Second)
	if cfg.Hidden == nil {
		cfg.Hidden = []int{300, 300, 300}
	}
	if cfg.ISAs == nil {
		cfg.ISAs = ISAs()
	}
	net, err := mlp.New(mlp.Config{Hidden: cfg.Hidden, Act: mlp.ReLU, Float64: cfg.Float64}, cfg.In, cfg.Classes, 1)
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(1, 2))
	n := cfg.Batch
	x := make([]float64, n*cfg.In)
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	y := make([]float64, n)
	for i := range y {
		y[i] = float64(rng.IntN(cfg.Classes))
	}
	out := make([]float64, n*cfg.Classes)
	dout := make([]float64, len(out))

	widths := []string{strconv.Itoa(cfg.In)}
	for _, h := range cfg.Hidden {
		widths = append(widths, strconv.Itoa(h))
	}
	widths = append(widths, strconv.Itoa(cfg.Classes))
	name := fmt.Sprintf("%s %s batch %d", precision(cfg.Float64), strings.Join(widths, ","), n)
	passes := netPasses(func() { net.Forward(x, n, out) }, func() {
		model.Loss(model.Classification, out, y, n, cfg.Classes, dout, 1)
		net.Backward(dout, nil)
	})
	var lines []Line
	var cases []string
	rates := map[string]map[string]float64{}
	for _, p := range passes {
		c := name + " " + p.what
		cases = append(cases, c)
		rates[c] = map[string]float64{}
	}
	err = ForEachISA(cfg.ISAs, func(isa string) error {
		for k, p := range passes {
			rate, _ := p.rowRate(cfg.Target, n)
			rates[cases[k]][isa] = rate
			lines = append(lines, Line{Bench: "mlp", Case: cases[k], Impl: Impl("gemm"),
				Metric: "rows/s", Value: rate, Extra: map[string]any{"params": len(net.Params())}})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return append(lines, speedupLines("mlp", cases, cfg.ISAs, rates)...), nil
}
