package expr

import (
	"math"
	"slices"
	"strconv"
)

// Readable prints n for people: its Canonical form under o, constants
// that are Simples spelled out (2*pi, 1/2, 1/(4*pi)), other constants
// rounded to digits significant digits (0: all the digits it takes to
// read the number back exactly). Tables show Readable formulas; files
// meant for machines keep Format's exact text.
func Readable(n *Node, names []string, digits int, o CanonOptions) string {
	return FormatDigits(Canonical(n, o), names, digits)
}

// FormatDigits is Format with each constant rounded to digits significant
// digits (0: exact) and π and e spelled pi and e (unless a variable has
// that name).
func FormatDigits(n *Node, names []string, digits int) string {
	d := infixDialect
	d.konst = func(v float64) string {
		switch {
		case v == math.Pi && !slices.Contains(names, "pi"):
			return "pi"
		case v == math.E && !slices.Contains(names, "e"):
			return "e"
		case digits > 0 && !math.IsNaN(v) && !math.IsInf(v, 0):
			return strconv.FormatFloat(v, 'g', digits, 64)
		}
		return formatConst(v)
	}
	return formatDialect(n, names, &d)
}
