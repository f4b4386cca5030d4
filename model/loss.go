package model

import "math"

// Loss returns the mean loss of n rows of network outputs (n×c) against
// targets y (scaled values or class indices, see Data) and, when dout is
// not nil, writes dLoss/dout into it, each element multiplied by scale
// (pass 1 for a plain mean; block-wise callers pass block/total so the
// gradients of the blocks add up to the gradient of the whole mean).
//
// Regression: mean squared error over the single output.
// Classification: softmax cross-entropy, computed with the max subtracted
// so large logits cannot overflow.
func Loss(task Task, out, y []float64, n, c int, dout []float64, scale float64) float64 {
	if n == 0 {
		return 0
	}
	inv := 1 / float64(n)
	var sum float64
	if task == Regression {
		for i := 0; i < n; i++ {
			r := out[i] - y[i]
			sum += r * r
			if dout != nil {
				dout[i] = 2 * r * inv * scale
			}
		}
		return sum * inv
	}
	for i := 0; i < n; i++ {
		row := out[i*c : (i+1)*c]
		mx := math.Inf(-1)
		for _, v := range row {
			mx = math.Max(mx, v)
		}
		var z float64
		for _, v := range row {
			z += math.Exp(v - mx)
		}
		lz := math.Log(z) + mx
		k := int(y[i])
		sum += lz - row[k]
		if dout != nil {
			d := dout[i*c : (i+1)*c]
			for j, v := range row {
				d[j] = math.Exp(v-lz) * inv * scale
			}
			d[k] -= inv * scale
		}
	}
	return sum * inv
}

// Metrics are a model's scores on one data part. For regression RMSE is
// in the target's own units and R² is 1 - SSE/SST (SST about the part's
// own mean); for classification Accuracy is the fraction of rows whose
// most likely class is the true one. Loss is the training loss (on the
// scaled target for regression).
type Metrics struct {
	N        int     `json:"n"`
	Loss     float64 `json:"loss"`
	RMSE     float64 `json:"rmse"`
	R2       float64 `json:"r2"`
	Accuracy float64 `json:"accuracy"`
}

// Evaluate scores the model on encoded data (see Model.Encode).
func Evaluate(m *Model, d Data) Metrics {
	mt := Metrics{N: d.N}
	if d.N == 0 {
		return mt
	}
	c := m.Net.NumOut()
	out := m.Outputs(d.X, d.N)
	mt.Loss = Loss(m.Task, out, d.Y, d.N, c, nil, 1)
	if m.Task == Classification {
		hit := 0
		for i := 0; i < d.N; i++ {
			if argmax(out[i*c:(i+1)*c]) == int(d.Y[i]) {
				hit++
			}
		}
		mt.Accuracy = float64(hit) / float64(d.N)
		return mt
	}
	var mean, sse, sst float64
	for _, v := range d.Y {
		mean += v
	}
	mean /= float64(d.N)
	for i, v := range d.Y {
		r := (out[i] - v) * m.YStd
		sse += r * r
		t := (v - mean) * m.YStd
		sst += t * t
	}
	mt.RMSE = math.Sqrt(sse / float64(d.N))
	if sst > 0 {
		mt.R2 = 1 - sse/sst
	}
	return mt
}
