package model

import (
	"math"
	"sort"
)

// Classes are the distinct values of y, sorted.
func Classes(y []float64) []float64 { return distinct(y) }

// NumericClasses reports whether class values are numbers a formula can
// aim at rather than arbitrary codes: every value an integer (a count, an
// invariant such as a knot signature), or the values evenly spaced on a
// lattice a + k·step (half-integers, graded marks). Fewer than two
// classes are not numeric in this sense.
func NumericClasses(classes []float64) bool {
	if len(classes) < 2 {
		return false
	}
	integers := true
	for _, c := range classes {
		if c != math.Trunc(c) || math.IsInf(c, 0) || math.IsNaN(c) {
			integers = false
		}
	}
	if integers {
		return true
	}
	step := math.Inf(1)
	for i := 1; i < len(classes); i++ {
		step = math.Min(step, classes[i]-classes[i-1])
	}
	if !(step > 0) {
		return false
	}
	tol := 1e-9 * math.Max(step, math.Abs(classes[len(classes)-1]-classes[0]))
	for _, c := range classes {
		k := (c - classes[0]) / step
		if math.Abs(k-math.Round(k))*step > tol {
			return false
		}
	}
	return true
}

// NearestClass is the class value closest to v (classes sorted, not
// empty); a tie goes to the smaller value, NaN to the first class.
func NearestClass(classes []float64, v float64) float64 {
	i := sort.SearchFloat64s(classes, v) // first class ≥ v
	switch {
	case math.IsNaN(v) || i == 0:
		return classes[0]
	case i == len(classes):
		return classes[i-1]
	case classes[i]-v < v-classes[i-1]:
		return classes[i]
	}
	return classes[i-1]
}

// RoundedAccuracy is the share of rows whose prediction, rounded to the
// nearest of the given classes (sorted), equals the target: how a
// formula for a numeric class target is read as a classifier. NaN for no
// rows.
func RoundedAccuracy(pred, y, classes []float64) float64 {
	if len(y) == 0 {
		return math.NaN()
	}
	hit := 0
	for i, v := range y {
		if NearestClass(classes, pred[i]) == v {
			hit++
		}
	}
	return float64(hit) / float64(len(y))
}
