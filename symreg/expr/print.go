package expr

import (
	"math"
	"strconv"
	"strings"
)

// Precedence levels of the infix grammar (see Parse), loosest first.
const (
	precSum     = 1 // + -
	precProduct = 2 // * /
	precUnary   = 3 // -x, and negative constants
	precPower   = 4 // ^
	precAtom    = 5 // names, non-negative numbers, calls, (…)
)

// String prints the tree in infix with variables x0, x1, …
func (n *Node) String() string { return Format(n, nil) }

// Format prints the tree in infix over the given variable names, with as
// few parentheses as the grammar of Parse needs, so that
// Parse(Format(n, names), names) rebuilds exactly n (operators, shape and
// the bits of every finite constant). Powers print as ^, negation as -x,
// other operators as calls: sqrt(x), square(x), abs(x).
func Format(n *Node, names []string) string { return formatDialect(n, names, &infixDialect) }

func formatDialect(n *Node, names []string, d *dialect) string {
	var b strings.Builder
	p := infixPrinter{names: names, b: &b, d: d}
	p.node(n)
	return b.String()
}

// A dialect is a language sharing our infix grammar's precedence (Python
// and Go do): how it spells powers, functions, constants and names.
type dialect struct {
	pow         string                             // infix power operator, or "" for powCall
	powCall     string                             // function for powers when pow == ""
	squareAsPow bool                               // square(x), cube(x) print as powers
	fn          func(op Op) string                 // function name of a unary operator
	konst       func(v float64) string             // constant literal
	name        func(k int, names []string) string // variable
	spaceNeg    bool                               // "- -x", not "--x" (Go's decrement)
}

var infixDialect = dialect{pow: "^", fn: Op.Name, konst: formatConst, name: varName}

type infixPrinter struct {
	names []string
	b     *strings.Builder
	d     *dialect
}

// level is the precedence of the text n prints as.
func (p *infixPrinter) level(n *Node) int {
	switch n.Op {
	case OpSquare, OpCube:
		if p.d.squareAsPow {
			return precPower
		}
	case OpPow:
		if p.d.pow == "" {
			return precAtom
		}
	}
	return level(n)
}

// level is the precedence of the text n prints as in Format.
func level(n *Node) int {
	switch n.Op {
	case OpAdd, OpSub:
		return precSum
	case OpMul, OpDiv:
		return precProduct
	case OpNeg:
		return precUnary
	case OpPow:
		return precPower
	case OpConst:
		if math.Signbit(n.Value) && !math.IsNaN(n.Value) {
			return precUnary
		}
	}
	return precAtom
}

// child prints c, in parentheses when its level is below min.
func (p *infixPrinter) child(c *Node, min int) {
	if p.level(c) < min {
		p.b.WriteByte('(')
		p.node(c)
		p.b.WriteByte(')')
		return
	}
	p.node(c)
}

func (p *infixPrinter) node(n *Node) {
	b, d := p.b, p.d
	switch n.Op {
	case OpConst:
		b.WriteString(d.konst(n.Value))
	case OpVar:
		b.WriteString(d.name(n.Var, p.names))
	case OpAdd, OpSub, OpMul, OpDiv:
		lv := level(n)
		p.child(n.L, lv)
		b.WriteString(map[Op]string{OpAdd: " + ", OpSub: " - ", OpMul: "*", OpDiv: "/"}[n.Op])
		p.child(n.R, lv+1) // left-associative: a - (b - c) keeps its parentheses
	case OpPow:
		p.power(n.L, n.R, "")
	case OpSquare, OpCube:
		if d.squareAsPow {
			p.power(n.L, nil, map[Op]string{OpSquare: "2", OpCube: "3"}[n.Op])
			return
		}
		p.call(d.fn(n.Op), n)
	case OpNeg:
		b.WriteByte('-')
		c := n.L
		negConst := c.Op == OpConst && math.Signbit(c.Value) && !math.IsNaN(c.Value)
		switch {
		case c.Op == OpConst && !negConst:
			// "-3" would read back as the constant -3, not as neg(3).
			b.WriteByte('(')
			p.node(c)
			b.WriteByte(')')
		case d.spaceNeg && (c.Op == OpNeg || negConst):
			b.WriteByte(' ')
			p.node(c)
		default:
			p.child(c, precUnary)
		}
	default:
		p.call(d.fn(n.Op), n)
	}
}

// power prints base^exp (exp a tree, or the literal lit).
func (p *infixPrinter) power(base, exp *Node, lit string) {
	if p.d.pow == "" {
		p.b.WriteString(p.d.powCall + "(")
		p.node(base)
		p.b.WriteString(", ")
		if exp != nil {
			p.node(exp)
		} else {
			p.b.WriteString(lit)
		}
		p.b.WriteByte(')')
		return
	}
	p.child(base, precAtom) // (a^b)^c, (-a)^b, (-3)^b
	p.b.WriteString(p.d.pow)
	if exp != nil {
		p.child(exp, precUnary) // a^-b, a^b^c
	} else {
		p.b.WriteString(lit)
	}
}

// call prints name(args).
func (p *infixPrinter) call(name string, n *Node) {
	p.b.WriteString(name)
	p.b.WriteByte('(')
	p.node(n.L)
	if n.R != nil {
		p.b.WriteString(", ")
		p.node(n.R)
	}
	p.b.WriteByte(')')
}

// formatConst prints the shortest decimal that parses back to v exactly.
func formatConst(v float64) string {
	if s, ok := nonFinite(v, "nan", "inf", "-inf"); ok {
		return s
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// nonFinite spells v as a dialect's nan, inf or negInf when it is NaN,
// +Inf or -Inf; ok is false for a finite v.
func nonFinite(v float64, nan, inf, negInf string) (s string, ok bool) {
	switch {
	case math.IsNaN(v):
		return nan, true
	case math.IsInf(v, 1):
		return inf, true
	case math.IsInf(v, -1):
		return negInf, true
	}
	return "", false
}

// varName is the column's name, backquoted when Parse would not read it
// as a plain name; x<k> when names is nil or too short.
func varName(k int, names []string) string {
	if k < 0 || k >= len(names) {
		return "x" + strconv.Itoa(k)
	}
	name := names[k]
	if isPlainName(name) {
		return name
	}
	return "`" + name + "`"
}

// isPlainName reports whether s lexes as one name token.
func isPlainName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !(isNameRune(r)) || (i == 0 && !isNameStart(r)) {
			return false
		}
	}
	return true
}
