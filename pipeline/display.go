package pipeline

import (
	"strconv"

	"github.com/ansatz/ansatz/symreg/expr"
)

// displaySig is the significant digits of constants in formulas shown to
// people (Short); the full-precision form stays in Infix.
const displaySig = 4

// short prints the tree with its constants rounded to displaySig
// significant digits, e.g. 6.283*sqrt(L/g) instead of
// 6.283185307179586*sqrt(L/g).
func short(t *expr.Node, names []string) string {
	c := t.Clone()
	for _, k := range expr.ConstNodes(c) {
		k.Value, _ = strconv.ParseFloat(strconv.FormatFloat(k.Value, 'g', displaySig, 64), 64)
	}
	return expr.Format(c, names)
}
