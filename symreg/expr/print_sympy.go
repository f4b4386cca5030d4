package expr

import (
	"strings"
)

// FormatSympy prints the tree as a Python/SymPy expression:
// sympy.sympify(FormatSympy(n, names)) reads it (** powers, Abs, oo, and
// square/cube as **2/**3). Names that are not Python identifiers have
// their other characters replaced by '_'. SymPy gives some names a meaning
// (E, I, S, N, gamma, beta, ...); pass them as symbols through sympify's
// locals when your columns use them.
func FormatSympy(n *Node, names []string) string {
	return formatDialect(n, names, &sympyDialect)
}

var sympyDialect = dialect{
	pow:         "**",
	squareAsPow: true,
	fn: func(op Op) string {
		if op == OpAbs {
			return "Abs"
		}
		return op.Name()
	},
	konst: func(v float64) string {
		if s, ok := nonFinite(v, "nan", "oo", "-oo"); ok {
			return s
		}
		return formatConst(v)
	},
	name: identName,
}

// identName is the variable's name made a valid identifier (in Python and
// Go): other characters become '_', a leading digit gets a '_' before it.
func identName(k int, names []string) string {
	name := varName(k, nil)
	if k >= 0 && k < len(names) && names[k] != "" {
		name = names[k]
	}
	var b strings.Builder
	for i, r := range name {
		switch {
		case i == 0 && r >= '0' && r <= '9':
			b.WriteByte('_')
			b.WriteRune(r)
		case isNameRune(r):
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	return b.String()
}
