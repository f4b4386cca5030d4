package pipeline

import "github.com/ansatz/ansatz/symreg/expr"

// short prints the tree as people read it (expr.Readable): in canonical
// form over the bounds of the rows x it was fitted on, simple constants
// spelled out (2*pi, 1/2), the others rounded to digits significant
// digits (0: all), e.g. 2*pi*sqrt(L/g) instead of
// 6.283185307179586*sqrt(L/g). The full-precision form stays in Infix.
func short(t *expr.Node, names []string, digits int, x [][]float64) string {
	return expr.Readable(t, names, digits, expr.CanonOptions{Bounds: expr.BoundsOf(x)})
}
