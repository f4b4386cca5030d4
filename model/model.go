// Package model holds what the two network families of ansatz (KAN in
// model/kan, MLP in model/mlp) share: the Network interface the trainer,
// the attribution code and the command line work through; the Model that
// wraps a network with everything needed to apply it to raw table rows
// (input standardisation, target scaling or class values, feature names);
// data preparation (standardise, seeded train/validation/test split); the
// versioned model file; the one training API for both families (a
// TrainConfig and Train, whose Adam and L-BFGS loops train the MLP while
// the KAN brings its own as a Trainer); and gradient saliency and
// permutation importance.
//
// Dependencies point one way: model/kan and model/mlp import model, never
// the reverse. A network kind plugs into model files by calling Register
// from an init function.
package model

import (
	"encoding/json"
	"fmt"
)

// Network is a differentiable map from NumIn inputs to NumOut outputs with a
// flat float64 parameter vector. Implementations may compute in float32
// internally (both families do by default), but the parameters the
// optimisers see are the float64 master copy returned by Params, so Adam
// and L-BFGS work in full precision and a saved file reproduces the
// network bit for bit.
//
// A Network keeps the activations of the last Forward call for Backward,
// so it is not safe for concurrent use; use one per goroutine.
type Network interface {
	// Kind names the family ("mlp", "kan"); it selects the decoder when a
	// model file is read (see Register).
	Kind() string
	NumIn() int
	NumOut() int

	// Params is the live parameter vector. Callers (optimisers) may change
	// its elements between calls; Forward must always use the current
	// values. The slice itself stays the same for the network's lifetime.
	Params() []float64
	// Grads is the live gradient vector, same length as Params, filled by
	// Backward with dLoss/dParams (overwritten, not accumulated).
	Grads() []float64

	// Forward evaluates n rows. x is row-major n×NumIn, out is row-major
	// n×NumOut. For classification the outputs are logits; for
	// regression they are the (scaled) target values.
	Forward(x []float64, n int, out []float64)
	// Backward back-propagates dout = dLoss/dout (n×NumOut, for the rows
	// of the last Forward) into Grads and, when dx is not nil, into
	// dx = dLoss/dx (n×NumIn), which gradient saliency needs.
	Backward(dout, dx []float64)

	// MarshalBinary encodes the architecture and parameters: the payload
	// of a model file. The decoder registered for Kind reads it back.
	MarshalBinary() ([]byte, error)
}

// Regularizer is implemented by networks whose training loss has extra
// terms (the KAN's L1 and entropy penalties). The trainer calls Penalty
// after Backward: it returns the penalty's value and adds its gradient to
// grads.
type Regularizer interface {
	Penalty(grads []float64) float64
}

// Task says what the target is.
type Task string

const (
	Regression     Task = "regression"     // real target, MSE loss, RMSE/R² metrics
	Classification Task = "classification" // target values are class labels, softmax cross-entropy, accuracy
)

// Model is a network together with everything needed to apply it to raw
// table rows and to explain its answers: feature names, the input
// standardisation the network was trained on, and the target's meaning.
type Model struct {
	Net      Network
	Features []string // input column names, len = Net.NumIn()
	Target   string   // target column name
	Task     Task
	// Classes are the distinct target values, ascending; output j of the
	// network is the logit of Classes[j]. Nil for regression.
	Classes []float64
	// Mean and Std standardise inputs: the network sees (x-Mean)/Std.
	// A network that wants raw inputs stores Mean 0 and Std 1.
	Mean, Std []float64
	// For regression the network predicts (y-YMean)/YStd; YStd is 1 and
	// YMean 0 when the target is not scaled. Unused for classification.
	YMean, YStd float64
	// Config is the TrainConfig the model was trained with, as JSON
	// (model/fit stores it), kept so that the same model can be trained
	// again with other seeds.
	Config json.RawMessage
}

// Check reports an inconsistent model (wrong lengths, bad task).
func (m *Model) Check() error {
	if m.Net == nil {
		return fmt.Errorf("model has no network")
	}
	d := m.Net.NumIn()
	if len(m.Features) != d || len(m.Mean) != d || len(m.Std) != d {
		return fmt.Errorf("model: %d inputs but %d feature names, %d means, %d stds",
			d, len(m.Features), len(m.Mean), len(m.Std))
	}
	switch m.Task {
	case Regression:
		if m.Net.NumOut() != 1 {
			return fmt.Errorf("model: regression network has %d outputs, want 1", m.Net.NumOut())
		}
	case Classification:
		if m.Net.NumOut() != len(m.Classes) || len(m.Classes) < 2 {
			return fmt.Errorf("model: classification network has %d outputs for %d classes",
				m.Net.NumOut(), len(m.Classes))
		}
	default:
		return fmt.Errorf("model: unknown task %q", m.Task)
	}
	return nil
}

// Standardize returns (x-Mean)/Std for n raw rows (row-major n×NumIn),
// as a new slice.
func (m *Model) Standardize(x []float64, n int) []float64 {
	d := len(m.Mean)
	z := make([]float64, n*d)
	for i := 0; i < n; i++ {
		for j := 0; j < d; j++ {
			z[i*d+j] = (x[i*d+j] - m.Mean[j]) / m.Std[j]
		}
	}
	return z
}

// predictBlock bounds the rows one Forward call sees, so the activations
// of a huge table never have to fit in memory at once.
const predictBlock = 4096

// Outputs runs the network on n standardised rows z and returns the raw
// outputs (n×NumOut): logits, or scaled regression values.
func (m *Model) Outputs(z []float64, n int) []float64 {
	d, c := m.Net.NumIn(), m.Net.NumOut()
	out := make([]float64, n*c)
	for i := 0; i < n; i += predictBlock {
		b := min(predictBlock, n-i)
		m.Net.Forward(z[i*d:(i+b)*d], b, out[i*c:(i+b)*c])
	}
	return out
}

// Decode turns raw outputs into predictions: the target value for
// regression, the most likely class value for classification.
func (m *Model) Decode(out []float64, n int) []float64 {
	pred := make([]float64, n)
	c := m.Net.NumOut()
	for i := range pred {
		if m.Task == Classification {
			pred[i] = m.Classes[argmax(out[i*c:(i+1)*c])]
		} else {
			pred[i] = m.YMean + m.YStd*out[i]
		}
	}
	return pred
}

// Predict applies the model to n raw rows (row-major n×NumIn).
func (m *Model) Predict(x []float64, n int) []float64 {
	return m.Decode(m.Outputs(m.Standardize(x, n), n), n)
}

// argmax returns the index of the largest element (the first one on
// ties, and 0 for an all-NaN row).
func argmax(v []float64) int {
	best := 0
	for j := 1; j < len(v); j++ {
		if v[j] > v[best] {
			best = j
		}
	}
	return best
}
