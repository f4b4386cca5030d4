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
// (issue 4: an MLP 17,300,300,300,C as in the knot notebook, trained on
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
	if cfg.In == 0 {
		cfg.In = 17
	}
	if cfg.Hidden == nil {
		cfg.Hidden = []int{300, 300, 300}
	}
	if cfg.Classes == 0 {
		cfg.Classes = 13
	}
	if cfg.Batch == 0 {
		cfg.Batch = 256
	}
	if cfg.Target == 0 {
		cfg.Target = time.Second
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
	prec := "f32"
	if cfg.Float64 {
		prec = "f64"
	}
	name := fmt.Sprintf("%s %s batch %d", prec, strings.Join(widths, ","), n)
	passes := []struct {
		what string
		run  func()
	}{
		{"forward", func() { net.Forward(x, n, out) }},
		{"forward+backward", func() {
			net.Forward(x, n, out)
			model.Loss(model.Classification, out, y, n, cfg.Classes, dout, 1)
			net.Backward(dout, nil)
		}},
	}
	var lines []Line
	rates := map[string]map[string]float64{}
	err = ForEachISA(cfg.ISAs, func(isa string) error {
		for _, p := range passes {
			r := Time(cfg.Target, func(k int) {
				for range k {
					p.run()
				}
			})
			rate := r.Rate(float64(n))
			if rates[p.what] == nil {
				rates[p.what] = map[string]float64{}
			}
			rates[p.what][isa] = rate
			lines = append(lines, Line{Bench: "mlp", Case: name + " " + p.what, Impl: Impl("gemm"),
				Metric: "rows/s", Value: rate, Extra: map[string]any{"params": len(net.Params())}})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, p := range passes {
		g, ok := rates[p.what]["generic"]
		if !ok || g == 0 {
			continue
		}
		for _, isa := range cfg.ISAs {
			if isa != "generic" {
				lines = append(lines, Line{Bench: "mlp", Case: name + " " + p.what, Impl: isa + "/generic",
					Metric: "speedup", Value: rates[p.what][isa] / g})
			}
		}
	}
	return lines, nil
}
