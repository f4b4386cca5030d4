package expr

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/ansatz/ansatz/internal/inputerr"
)

// Parse reads an infix formula over the named variables, e.g.
// "x1*cos(x2 - 3.2)" or "exp(-theta**2/2)/sqrt(2*pi)".
//
// Grammar, loosest first: sums (+ -), products (* /), unary minus and plus,
// powers (** or ^, right-associative, so -x^2 is -(x^2) and 2^-x is allowed),
// then atoms: numbers in any Go/Python float notation (3, .5, 1e-3, 2.5E+4),
// names, function calls f(x) of every unary operator (plus the aliases ln,
// arcsin, arccos, arctan) and pow(a, b), and parenthesised sub-formulas.
// Names are looked up in vars first; then pi, e, inf and nan are constants.
// A name in backquotes (`a b`) is a variable whatever characters it holds.
// With vars == nil the variables are x0, x1, … (as the printer spells them).
//
// A minus sign directly before a number literal (not itself raised to a
// power) makes a negative constant rather than a negation node, so that
// printed trees parse back to the same tree.
//
// Errors are input errors whose message names the 1-based character column:
// "col 7: unexpected ')'".
func Parse(src string, vars []string) (*Node, error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks, vars: vars, src: src}
	n, err := p.sum()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, p.errAt(t, "unexpected %s", t.describe())
	}
	return n, nil
}

// ParseError wraps a parse failure with the flag or file it came from.
// It returns an input error reading "<where>: col 7: unexpected ')'".
func ParseError(where string, err error) error {
	if err == nil {
		return nil
	}
	return inputerr.New("%s: %v", where, err)
}

type tokKind uint8

const (
	tEOF tokKind = iota
	tNum
	tName
	tQuoted // `backquoted name`
	tOp     // one of + - * / ^ ** ( ) ,
)

type token struct {
	kind tokKind
	text string
	num  float64
	col  int // 1-based character (rune) column
}

func (t token) describe() string {
	switch t.kind {
	case tEOF:
		return "end of formula"
	case tNum:
		return fmt.Sprintf("number %s", t.text)
	case tName, tQuoted:
		return fmt.Sprintf("name %q", t.text)
	}
	return fmt.Sprintf("'%s'", t.text)
}

// Names are letters (any script: θ, Δx), digits and '_', not starting
// with a digit — identifiers in Go and Python alike.
func isNameStart(r rune) bool { return r == '_' || unicode.IsLetter(r) }

func isNameRune(r rune) bool { return isNameStart(r) || unicode.IsDigit(r) }

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// lex splits src into tokens; columns count runes from 1.
func lex(src string) ([]token, error) {
	rs := []rune(src)
	var toks []token
	i := 0
	for i < len(rs) {
		r := rs[i]
		col := i + 1
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
			i++
		case isDigit(r) || (r == '.' && i+1 < len(rs) && isDigit(rs[i+1])):
			j := i
			for j < len(rs) && isDigit(rs[j]) {
				j++
			}
			if j < len(rs) && rs[j] == '.' {
				j++
				for j < len(rs) && isDigit(rs[j]) {
					j++
				}
			}
			if j < len(rs) && (rs[j] == 'e' || rs[j] == 'E') {
				k := j + 1
				if k < len(rs) && (rs[k] == '+' || rs[k] == '-') {
					k++
				}
				if k < len(rs) && isDigit(rs[k]) {
					for k < len(rs) && isDigit(rs[k]) {
						k++
					}
					j = k
				}
			}
			text := string(rs[i:j])
			v, err := strconv.ParseFloat(text, 64)
			if err != nil && !strings.Contains(err.Error(), "range") {
				return nil, inputerr.New("col %d: bad number %q", col, text)
			}
			toks = append(toks, token{kind: tNum, text: text, num: v, col: col})
			i = j
		case isNameStart(r):
			j := i
			for j < len(rs) && isNameRune(rs[j]) {
				j++
			}
			toks = append(toks, token{kind: tName, text: string(rs[i:j]), col: col})
			i = j
		case r == '`':
			j := i + 1
			for j < len(rs) && rs[j] != '`' {
				j++
			}
			if j == len(rs) {
				return nil, inputerr.New("col %d: unclosed '`'", col)
			}
			toks = append(toks, token{kind: tQuoted, text: string(rs[i+1 : j]), col: col})
			i = j + 1
		case r == '*' && i+1 < len(rs) && rs[i+1] == '*':
			toks = append(toks, token{kind: tOp, text: "^", col: col})
			i += 2
		case strings.ContainsRune("+-*/^(),", r):
			toks = append(toks, token{kind: tOp, text: string(r), col: col})
			i++
		default:
			return nil, inputerr.New("col %d: unexpected character %q", col, r)
		}
	}
	return append(toks, token{kind: tEOF, col: len(rs) + 1}), nil
}

type parser struct {
	toks []token
	pos  int
	vars []string
	src  string
}

func (p *parser) peek() token { return p.toks[p.pos] }

func (p *parser) next() token {
	t := p.toks[p.pos]
	if t.kind != tEOF {
		p.pos++
	}
	return t
}

func (p *parser) isOp(s string) bool {
	t := p.peek()
	return t.kind == tOp && t.text == s
}

func (p *parser) errAt(t token, format string, args ...any) error {
	return inputerr.New("col %d: %s", t.col, fmt.Sprintf(format, args...))
}

func (p *parser) expect(s string) error {
	t := p.next()
	if t.kind != tOp || t.text != s {
		return p.errAt(t, "expected '%s', found %s", s, t.describe())
	}
	return nil
}

func (p *parser) sum() (*Node, error) {
	l, err := p.product()
	if err != nil {
		return nil, err
	}
	for p.isOp("+") || p.isOp("-") {
		op := OpAdd
		if p.next().text == "-" {
			op = OpSub
		}
		r, err := p.product()
		if err != nil {
			return nil, err
		}
		l = &Node{Op: op, L: l, R: r}
	}
	return l, nil
}

func (p *parser) product() (*Node, error) {
	l, err := p.unary()
	if err != nil {
		return nil, err
	}
	for p.isOp("*") || p.isOp("/") {
		op := OpMul
		if p.next().text == "/" {
			op = OpDiv
		}
		r, err := p.unary()
		if err != nil {
			return nil, err
		}
		l = &Node{Op: op, L: l, R: r}
	}
	return l, nil
}

func (p *parser) unary() (*Node, error) {
	if p.isOp("+") {
		p.next()
		return p.unary()
	}
	if !p.isOp("-") {
		return p.power()
	}
	p.next()
	// "-3" is the constant -3 unless the literal is a power's base:
	// -3^2 is -(3^2), as in Python and in mathematics.
	if lit, ok := p.literalAhead(); ok {
		after := p.toks[p.pos+1]
		if !(after.kind == tOp && after.text == "^") {
			p.next()
			return &Node{Op: OpConst, Value: -lit}, nil
		}
	}
	x, err := p.unary()
	if err != nil {
		return nil, err
	}
	return &Node{Op: OpNeg, L: x}, nil
}

// literalAhead reports whether the next token is a number literal (or the
// constant inf, so that -inf round-trips), and its value.
func (p *parser) literalAhead() (float64, bool) {
	t := p.peek()
	if t.kind == tNum {
		return t.num, true
	}
	if t.kind == tName && t.text == "inf" && p.varIndex("inf") < 0 {
		return math.Inf(1), true
	}
	return 0, false
}

func (p *parser) power() (*Node, error) {
	base, err := p.atom()
	if err != nil {
		return nil, err
	}
	if !p.isOp("^") {
		return base, nil
	}
	p.next()
	exp, err := p.unary()
	if err != nil {
		return nil, err
	}
	return &Node{Op: OpPow, L: base, R: exp}, nil
}

// funcAliases maps names other tools use to our operators.
var funcAliases = map[string]Op{
	"ln": OpLog, "arcsin": OpAsin, "arccos": OpAcos, "arctan": OpAtan, "arctanh": OpAtanh,
}

var namedConsts = map[string]float64{
	"pi": math.Pi, "e": math.E, "inf": math.Inf(1), "nan": math.NaN(),
}

func (p *parser) varIndex(name string) int {
	if p.vars == nil {
		if len(name) > 1 && name[0] == 'x' {
			k, err := strconv.Atoi(name[1:])
			if err == nil && k >= 0 && strconv.Itoa(k) == name[1:] {
				return k
			}
		}
		return -1
	}
	for i, v := range p.vars {
		if v == name {
			return i
		}
	}
	return -1
}

func (p *parser) atom() (*Node, error) {
	t := p.next()
	switch t.kind {
	case tNum:
		return &Node{Op: OpConst, Value: t.num}, nil
	case tQuoted:
		if k := p.varIndex(t.text); k >= 0 {
			return &Node{Op: OpVar, Var: k}, nil
		}
		return nil, p.errAt(t, "unknown variable %q", t.text)
	case tName:
		if p.isOp("(") {
			return p.call(t)
		}
		if k := p.varIndex(t.text); k >= 0 {
			return &Node{Op: OpVar, Var: k}, nil
		}
		if v, ok := namedConsts[t.text]; ok {
			return &Node{Op: OpConst, Value: v}, nil
		}
		if _, ok := p.function(t.text); ok {
			return nil, p.errAt(t, "function %q needs an argument in parentheses", t.text)
		}
		return nil, p.errAt(t, "unknown name %q (not a column%s)", t.text, p.columnHint())
	case tOp:
		if t.text == "(" {
			n, err := p.sum()
			if err != nil {
				return nil, err
			}
			if err := p.expect(")"); err != nil {
				return nil, err
			}
			return n, nil
		}
	}
	return nil, p.errAt(t, "unexpected %s", t.describe())
}

// columnHint lists a few known columns to make a typo easy to see.
func (p *parser) columnHint() string {
	if p.vars == nil {
		return "; variables are x0, x1, …"
	}
	const most = 8
	list := p.vars
	more := ""
	if len(list) > most {
		list, more = list[:most], ", …"
	}
	return "; columns: " + strings.Join(list, ", ") + more
}

// function resolves a function name to a unary or binary operator.
func (p *parser) function(name string) (Op, bool) {
	if op, ok := funcAliases[name]; ok {
		return op, true
	}
	if op, ok := OpByName(name); ok && (op.Arity() == 1 || op == OpPow) {
		return op, true
	}
	switch name {
	case "add":
		return OpAdd, true
	case "sub":
		return OpSub, true
	case "mul":
		return OpMul, true
	case "div":
		return OpDiv, true
	}
	return 0, false
}

func (p *parser) call(name token) (*Node, error) {
	op, ok := p.function(name.text)
	if !ok {
		return nil, p.errAt(name, "unknown function %q", name.text)
	}
	p.next() // "("
	var args []*Node
	for {
		a, err := p.sum()
		if err != nil {
			return nil, err
		}
		args = append(args, a)
		if !p.isOp(",") {
			break
		}
		p.next()
	}
	if err := p.expect(")"); err != nil {
		return nil, err
	}
	if len(args) != op.Arity() {
		return nil, p.errAt(name, "%s takes %d argument(s), got %d", name.text, op.Arity(), len(args))
	}
	n := &Node{Op: op, L: args[0]}
	if len(args) == 2 {
		n.R = args[1]
	}
	return n, nil
}
