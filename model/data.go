package model

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/ansatz/ansatz/internal/inputerr"
)

// Data is a block of rows ready for a network: X is row-major N×D of
// standardised inputs; Y holds, per row, the scaled target (regression) or
// the class index as a float64 (classification).
type Data struct {
	X    []float64
	Y    []float64
	N, D int
}

// Rows returns the sub-block of the given rows, in that order.
func (d Data) Rows(idx []int) Data {
	out := Data{X: make([]float64, len(idx)*d.D), Y: make([]float64, len(idx)), N: len(idx), D: d.D}
	for i, r := range idx {
		copy(out.X[i*d.D:(i+1)*d.D], d.X[r*d.D:(r+1)*d.D])
		out.Y[i] = d.Y[r]
	}
	return out
}

// Split holds the row indices of the three parts of a table.
type Split struct {
	Train, Val, Test []int
}

// SplitRows shuffles 0..n-1 with the seed and cuts off a test fraction,
// then a validation fraction of what is left (the rest is training). A
// fraction of 0 gives an empty part. Same n, fractions and seed give the
// same split on every machine (math/rand/v2's PCG is specified).
func SplitRows(n int, testFrac, valFrac float64, seed uint64) (Split, error) {
	if !(testFrac >= 0 && testFrac < 1) || !(valFrac >= 0 && valFrac < 1) {
		return Split{}, inputerr.New("split fractions must be in [0,1): test %g, validation %g", testFrac, valFrac)
	}
	perm := rand.New(rand.NewPCG(seed, 0x5eed5eed)).Perm(n)
	nTest := int(math.Round(testFrac * float64(n)))
	nVal := int(math.Round(valFrac * float64(n-nTest)))
	nTrain := n - nTest - nVal
	if nTrain < 1 {
		return Split{}, inputerr.New("%d rows leave no training rows after the test (%g) and validation (%g) split", n, testFrac, valFrac)
	}
	s := Split{Test: perm[:nTest], Val: perm[nTest : nTest+nVal], Train: perm[nTest+nVal:]}
	// Sorted indices keep the rows in file order inside each part, which
	// makes mini-batch shuffling the only source of order.
	slices.Sort(s.Test)
	slices.Sort(s.Val)
	slices.Sort(s.Train)
	return s, nil
}

// maxAutoClasses is the most distinct integer target values that --task
// auto still takes for classes (knot signatures have 13 in 10 000 rows).
const maxAutoClasses = 32

// DetectTask guesses the task from the target: classification when every
// value is an integer and there are at most maxAutoClasses distinct ones
// (and fewer than half as many as rows), else regression.
func DetectTask(y []float64) Task {
	seen := map[float64]bool{}
	for _, v := range y {
		if v != math.Trunc(v) || math.IsInf(v, 0) {
			return Regression
		}
		seen[v] = true
		if len(seen) > maxAutoClasses {
			return Regression
		}
	}
	if len(seen) < 2 || 2*len(seen) > len(y) {
		return Regression
	}
	return Classification
}

// Prepare builds the model frame (everything but Net) and the three data
// parts from a raw table: x is row-major n×d, y the raw target. The input
// statistics and the target scaling come from the training rows only, so
// nothing about validation or test rows leaks into training. Columns that
// are constant on the training rows get Std 1 (they then carry no signal
// but stay harmless). standardize=false stores Mean 0, Std 1 (and YMean 0,
// YStd 1) for networks that want raw values.
func Prepare(x, y []float64, n int, features []string, target string, task Task,
	split Split, standardize bool) (m *Model, train, val, test Data, err error) {
	s := ScaleNone
	if standardize {
		s = ScaleStd
	}
	return PrepareScaled(x, y, n, features, target, task, split, s)
}

// Scaling says how Prepare maps raw inputs for the network.
type Scaling uint8

const (
	ScaleNone Scaling = iota // raw inputs and target
	ScaleStd                 // inputs and a regression target to mean 0, std 1
	// ScaleRange maps each input's training range onto [-1, 1] (a KAN's
	// initial grid, so no edge starts on its spline's decaying extension)
	// and standardises a regression target.
	ScaleRange
)

// PrepareScaled is Prepare with the input scaling chosen.
func PrepareScaled(x, y []float64, n int, features []string, target string, task Task,
	split Split, scale Scaling) (m *Model, train, val, test Data, err error) {
	standardize := scale != ScaleNone
	d := len(features)
	if len(x) != n*d || len(y) != n {
		return nil, Data{}, Data{}, Data{}, fmt.Errorf("model.Prepare: %d values for %d×%d, %d targets", len(x), n, d, len(y))
	}
	m = &Model{Features: slices.Clone(features), Target: target, Task: task,
		Mean: make([]float64, d), Std: make([]float64, d), YStd: 1}
	for j := range m.Std {
		m.Std[j] = 1
	}
	for j := 0; j < d && standardize; j++ {
		at := func(i int) float64 { return x[split.Train[i]*d+j] }
		if scale == ScaleRange {
			m.Mean[j], m.Std[j] = midRange(len(split.Train), at)
		} else {
			m.Mean[j], m.Std[j] = meanStd(len(split.Train), at)
		}
	}
	switch task {
	case Classification:
		m.Classes = distinct(y)
		if len(m.Classes) < 2 {
			return nil, Data{}, Data{}, Data{}, inputerr.New("target %q has %d distinct value(s); classification needs at least 2", target, len(m.Classes))
		}
	case Regression:
		if standardize {
			m.YMean, m.YStd = meanStd(len(split.Train), func(i int) float64 { return y[split.Train[i]] })
		}
	default:
		return nil, Data{}, Data{}, Data{}, fmt.Errorf("model.Prepare: unknown task %q", task)
	}
	all, err := m.Encode(x, y, n)
	if err != nil {
		return nil, Data{}, Data{}, Data{}, err
	}
	return m, all.Rows(split.Train), all.Rows(split.Val), all.Rows(split.Test), nil
}

// Encode turns raw rows and targets into network Data with the model's own
// statistics: inputs standardised, targets scaled or mapped to class
// indices. A target value that is not one of the model's classes is a
// bad-input error.
func (m *Model) Encode(x, y []float64, n int) (Data, error) {
	out := Data{X: m.Standardize(x, n), Y: make([]float64, n), N: n, D: len(m.Mean)}
	for i, v := range y {
		if m.Task == Classification {
			k, ok := slices.BinarySearch(m.Classes, v)
			if !ok {
				return Data{}, inputerr.New("row %d: target value %g is not one of the model's classes %v", i+1, v, m.Classes)
			}
			out.Y[i] = float64(k)
		} else {
			out.Y[i] = (v - m.YMean) / m.YStd
		}
	}
	return out, nil
}

// meanStd is the mean and (population) standard deviation of n values,
// with std 1 for constant or empty columns so dividing by it is safe.
func meanStd(n int, at func(int) float64) (mean, std float64) {
	if n == 0 {
		return 0, 1
	}
	for i := 0; i < n; i++ {
		mean += at(i)
	}
	mean /= float64(n)
	var ss float64
	for i := 0; i < n; i++ {
		dv := at(i) - mean
		ss += dv * dv
	}
	std = math.Sqrt(ss / float64(n))
	if !(std > 1e-300) || math.IsInf(std, 0) {
		std = 1
	}
	return mean, std
}

// midRange is the midpoint and half-width of n values, with half-width 1
// for constant or empty columns.
func midRange(n int, at func(int) float64) (mid, half float64) {
	if n == 0 {
		return 0, 1
	}
	lo, hi := at(0), at(0)
	for i := 1; i < n; i++ {
		lo, hi = min(lo, at(i)), max(hi, at(i))
	}
	mid, half = (lo+hi)/2, (hi-lo)/2
	if !(half > 1e-300) || math.IsInf(half, 0) {
		half = 1
	}
	return mid, half
}

// distinct returns the sorted distinct values of y.
func distinct(y []float64) []float64 {
	v := slices.Clone(y)
	slices.Sort(v)
	return slices.Compact(v)
}
