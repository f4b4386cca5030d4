package model

import (
	"math"
	"testing"
)

func TestNumericClasses(t *testing.T) {
	for _, c := range []struct {
		name    string
		classes []float64
		want    bool
	}{
		{"even signatures", []float64{-8, -6, -2, 0, 4}, true},
		{"any integers", []float64{1, 2, 5, 17}, true},
		{"half steps", []float64{0.5, 1, 2.5}, true},
		{"tenths", []float64{0.1, 0.3, 0.7}, true},
		{"uneven", []float64{0.5, 1.25, 3}, false},
		{"irrational gaps", []float64{0, 1, math.Pi}, false},
		{"one class", []float64{3}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := NumericClasses(c.classes); got != c.want {
				t.Errorf("NumericClasses(%v) = %v, want %v", c.classes, got, c.want)
			}
		})
	}
}

func TestNearestClass(t *testing.T) {
	classes := []float64{-4, -2, 0, 2}
	for _, c := range []struct{ v, want float64 }{
		{-9, -4}, {-3.1, -4}, {-3, -4}, {-2.9, -2}, {0.4, 0}, {1, 0}, {1.01, 2}, {55, 2}, {math.NaN(), -4}, {math.Inf(1), 2},
	} {
		if got := NearestClass(classes, c.v); got != c.want {
			t.Errorf("NearestClass(%v) = %v, want %v", c.v, got, c.want)
		}
	}
}

func TestRoundedAccuracy(t *testing.T) {
	classes := Classes([]float64{2, 0, 2, -2})
	if got := RoundedAccuracy([]float64{1.9, 0.8, -3, 7}, []float64{2, 2, -2, 2}, classes); got != 0.75 {
		t.Errorf("accuracy %v, want 0.75 (0.8 rounds to 0)", got)
	}
	if got := RoundedAccuracy(nil, nil, classes); !math.IsNaN(got) {
		t.Errorf("no rows: %v, want NaN", got)
	}
}
