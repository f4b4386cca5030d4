package expr

import "math"

// Metrics describe how well predictions match a target.
type Metrics struct {
	R2     float64 // 1 − SSE/SST (weighted); −Inf.. 1
	MSE    float64 // Σw(y−ŷ)²/Σw
	RMSE   float64 // √MSE
	MAE    float64 // Σw|y−ŷ|/Σw
	MaxErr float64 // max |y−ŷ| over rows with w > 0
	N      int     // rows
}

// ComputeMetrics compares predictions with the target (w nil: unit
// weights). A non-finite prediction makes every error metric +Inf and R²
// −Inf, so such a formula never looks good. R² of a constant target is 1
// for an exact fit and −Inf otherwise.
func ComputeMetrics(pred, y, w []float64) Metrics {
	m := Metrics{N: len(y)}
	weight := func(i int) float64 {
		if w == nil {
			return 1
		}
		return w[i]
	}
	var sw, sy float64
	for i := range y {
		sw += weight(i)
		sy += weight(i) * y[i]
	}
	if len(y) == 0 || sw <= 0 {
		return Metrics{R2: math.NaN(), MSE: math.NaN(), RMSE: math.NaN(), MAE: math.NaN(), MaxErr: math.NaN()}
	}
	mean := sy / sw
	var sse, sst, sae float64
	for i := range y {
		wi := weight(i)
		d := y[i] - pred[i]
		if math.IsNaN(d) || math.IsInf(d, 0) {
			return Metrics{R2: math.Inf(-1), MSE: math.Inf(1), RMSE: math.Inf(1), MAE: math.Inf(1), MaxErr: math.Inf(1), N: len(y)}
		}
		sse += wi * d * d
		sae += wi * math.Abs(d)
		sst += wi * (y[i] - mean) * (y[i] - mean)
		if wi > 0 {
			m.MaxErr = math.Max(m.MaxErr, math.Abs(d))
		}
	}
	m.MSE = sse / sw
	m.RMSE = math.Sqrt(m.MSE)
	m.MAE = sae / sw
	switch {
	case sst > 0:
		m.R2 = 1 - sse/sst
	case sse == 0:
		m.R2 = 1
	default:
		m.R2 = math.Inf(-1)
	}
	return m
}

// Measure evaluates t in float64 on the rows of cols (column-major) and
// compares it with y (w nil: unit weights).
func Measure(t *Node, cols [][]float64, y, w []float64) Metrics {
	pred := make([]float64, len(y))
	NewEvaluator().Eval64(Compile(t), cols, pred)
	return ComputeMetrics(pred, y, w)
}
