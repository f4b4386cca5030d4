package main

import (
	"math"
	"strconv"
)

// jsonNum maps non-finite values to nil (JSON null): encoding/json refuses
// NaN and ±Inf, and a script reading our --json output must always get a
// document.
func jsonNum(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return v
}

// jsonFloats encodes a float64 slice with null for the non-finite values
// (a prediction can be NaN when an input lies far outside the training
// range).
type jsonFloats []float64

// MarshalJSON implements json.Marshaler.
func (f jsonFloats) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 2+len(f)*20)
	b = append(b, '[')
	for i, v := range f {
		if i > 0 {
			b = append(b, ',')
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			b = append(b, "null"...)
			continue
		}
		b = strconv.AppendFloat(b, v, 'g', -1, 64)
	}
	return append(b, ']'), nil
}
