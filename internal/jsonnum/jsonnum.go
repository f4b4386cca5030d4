// Package jsonnum lets float64 results travel through encoding/json, which
// refuses NaN and ±Inf. Those are legitimate results here (an R² of −Inf
// for a bad formula, a NaN prediction far outside the training range), and
// a script reading --json output must always get a document, so they are
// written as null and read back as NaN.
package jsonnum

import (
	"encoding/json"
	"math"
	"strconv"
)

// Float is a float64 that writes non-finite values as JSON null.
type Float float64

// MarshalJSON writes the number, or null when it is not finite.
func (f Float) MarshalJSON() ([]byte, error) {
	v := float64(f)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return []byte("null"), nil
	}
	return json.Marshal(v)
}

// UnmarshalJSON reads null as NaN.
func (f *Float) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*f = Float(math.NaN())
		return nil
	}
	var v float64
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*f = Float(v)
	return nil
}

// Floats is a float64 slice that writes non-finite elements as null.
type Floats []float64

// MarshalJSON writes the array, with null for the non-finite elements.
func (fs Floats) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 2+len(fs)*20)
	b = append(b, '[')
	for i, v := range fs {
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

// Value returns v, or nil (JSON null) when v is not finite, for building
// map[string]any documents.
func Value(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return v
}
