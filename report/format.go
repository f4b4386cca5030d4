package report

import (
	"math"
	"strconv"
	"strings"

	"github.com/ansatz/ansatz/pipeline"
)

// sig formats v with n significant digits, plainly (no exponent) for
// ordinary magnitudes; "–" marks a missing (non-finite) value.
func sig(v float64, n int) string {
	if math.IsNaN(v) {
		return "–"
	}
	if math.IsInf(v, 0) {
		if v > 0 {
			return "∞"
		}
		return "−∞"
	}
	if v == 0 {
		return "0"
	}
	a := math.Abs(v)
	if a >= 1e6 || a < 1e-4 {
		return strconv.FormatFloat(v, 'e', n-1, 64)
	}
	dec := max(n-1-int(math.Floor(math.Log10(a))), 0)
	s := strconv.FormatFloat(v, 'f', dec, 64)
	if strings.Contains(s, ".") && dec > 0 && a >= 1 {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// fixed formats v with d decimals ("–" when not finite).
func fixed(v float64, d int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return sig(v, 3)
	}
	s := strconv.FormatFloat(v, 'f', d, 64)
	if strings.Trim(s, "-0.") == "" {
		return strings.TrimPrefix(s, "-") // no "-0.0000"
	}
	return s
}

// pct formats a fraction as a percentage with no decimals.
func pct(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	return strconv.FormatFloat(100*v, 'f', 0, 64) + "%"
}

// score formats a test score: R² and accuracy with 4 decimals.
func score(v pipeline.Num) string { return fixed(float64(v), 4) }

// secs formats a duration in seconds.
func secs(s float64) string {
	if s < 10 {
		return strconv.FormatFloat(s, 'f', 1, 64) + " s"
	}
	return strconv.FormatFloat(s, 'f', 0, 64) + " s"
}
