package expr

import (
	"strconv"
	"strings"
)

// FormatGo prints the tree as a Go float64 expression over variables of
// the given names (made identifiers as in FormatSympy), using package
// math: math.Pow, math.Sqrt, math.Exp, ... Constants always carry a
// decimal point or exponent so that constant sub-expressions like 3.0/2.0
// are not integer divisions.
func FormatGo(n *Node, names []string) string {
	return formatDialect(n, names, &goDialect)
}

// FormatGoFunc wraps FormatGo into a function declaration
// "func name(a, b float64) float64 { return … }" over all the names.
func FormatGoFunc(name string, n *Node, names []string) string {
	nv := max(len(names), Compile(n).NumVars())
	params := make([]string, nv)
	for k := range params {
		params[k] = identName(k, names)
	}
	sig := ""
	if nv > 0 {
		sig = strings.Join(params, ", ") + " float64"
	}
	return "func " + name + "(" + sig + ") float64 {\n\treturn " + FormatGo(n, names) + "\n}\n"
}

var goDialect = dialect{
	powCall:     "math.Pow",
	squareAsPow: true,
	spaceNeg:    true,
	fn: func(op Op) string {
		name := op.Name()
		return "math." + strings.ToUpper(name[:1]) + name[1:]
	},
	konst: func(v float64) string {
		if s, ok := nonFinite(v, "math.NaN()", "math.Inf(1)", "math.Inf(-1)"); ok {
			return s
		}
		s := strconv.FormatFloat(v, 'g', -1, 64)
		if !strings.ContainsAny(s, ".e") {
			s += ".0"
		}
		return s
	},
	name: identName,
}
