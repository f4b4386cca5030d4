package expr

import (
	"strconv"
	"strings"
)

// FormatLaTeX prints the tree as LaTeX math (without $ delimiters):
// \frac for quotients, x^{y}, \sqrt{x}, \left|x\right|, \sin, \exp, …,
// \cdot for products. Greek variable names become their letters and a
// trailing number or an underscore becomes a subscript (theta1 → \theta_{1},
// E_n → E_{n}). Constants keep 6 significant digits, with × 10^{k} for
// very large or small ones: LaTeX is for reading, the infix form for
// exact values.
func FormatLaTeX(n *Node, names []string) string {
	var b strings.Builder
	latexNode(&b, n, names)
	return b.String()
}

// latexLevel is the precedence of n's LaTeX text; \frac and calls are atoms.
func latexLevel(n *Node) int {
	switch n.Op {
	case OpDiv:
		return precAtom
	case OpSquare, OpCube:
		return precPower
	}
	return level(n)
}

func latexChild(b *strings.Builder, c *Node, min int, names []string) {
	if latexLevel(c) < min {
		b.WriteString(`\left(`)
		latexNode(b, c, names)
		b.WriteString(`\right)`)
		return
	}
	latexNode(b, c, names)
}

var latexFuncs = map[Op]string{
	OpExp: `\exp`, OpLog: `\log`, OpSin: `\sin`, OpCos: `\cos`, OpTan: `\tan`,
	OpTanh: `\tanh`, OpAsin: `\arcsin`, OpAcos: `\arccos`, OpAtan: `\arctan`, OpAtanh: `\operatorname{artanh}`,
}

func latexNode(b *strings.Builder, n *Node, names []string) {
	switch n.Op {
	case OpConst:
		b.WriteString(latexConst(n.Value))
	case OpVar:
		b.WriteString(latexName(n.Var, names))
	case OpAdd, OpSub:
		latexChild(b, n.L, precSum, names)
		b.WriteString(map[Op]string{OpAdd: " + ", OpSub: " - "}[n.Op])
		latexChild(b, n.R, precSum+1, names)
	case OpMul:
		latexChild(b, n.L, precProduct, names)
		b.WriteString(` \cdot `)
		latexChild(b, n.R, precProduct+1, names)
	case OpDiv:
		b.WriteString(`\frac{`)
		latexNode(b, n.L, names)
		b.WriteString(`}{`)
		latexNode(b, n.R, names)
		b.WriteString(`}`)
	case OpPow, OpSquare, OpCube:
		latexChild(b, n.L, precAtom, names)
		b.WriteString(`^{`)
		switch n.Op {
		case OpSquare:
			b.WriteString("2")
		case OpCube:
			b.WriteString("3")
		default:
			latexNode(b, n.R, names)
		}
		b.WriteString(`}`)
	case OpNeg:
		b.WriteString("-")
		latexChild(b, n.L, precUnary+1, names)
	case OpSqrt:
		b.WriteString(`\sqrt{`)
		latexNode(b, n.L, names)
		b.WriteString(`}`)
	case OpAbs:
		b.WriteString(`\left|`)
		latexNode(b, n.L, names)
		b.WriteString(`\right|`)
	default:
		b.WriteString(latexFuncs[n.Op])
		b.WriteString(`\left(`)
		latexNode(b, n.L, names)
		b.WriteString(`\right)`)
	}
}

func latexConst(v float64) string {
	if s, ok := nonFinite(v, `\mathrm{NaN}`, `\infty`, `-\infty`); ok {
		return s
	}
	s := strconv.FormatFloat(v, 'g', 6, 64)
	mant, exp, ok := strings.Cut(s, "e")
	if !ok {
		return s
	}
	k, _ := strconv.Atoi(exp)
	return mant + ` \cdot 10^{` + strconv.Itoa(k) + `}`
}

var greek = map[string]bool{
	"alpha": true, "beta": true, "gamma": true, "delta": true, "epsilon": true, "zeta": true,
	"eta": true, "theta": true, "iota": true, "kappa": true, "lambda": true, "mu": true,
	"nu": true, "xi": true, "pi": true, "rho": true, "sigma": true, "tau": true,
	"upsilon": true, "phi": true, "chi": true, "psi": true, "omega": true,
	"Gamma": true, "Delta": true, "Theta": true, "Lambda": true, "Xi": true, "Pi": true,
	"Sigma": true, "Phi": true, "Psi": true, "Omega": true,
}

// latexName renders a variable: Greek letters, subscripts after "_" or a
// trailing number, \mathrm for other multi-letter names.
func latexName(k int, names []string) string {
	name := varName(k, nil)
	if k >= 0 && k < len(names) && names[k] != "" {
		name = names[k]
	}
	base, sub, hasSub := strings.Cut(name, "_")
	if !hasSub {
		i := len(base)
		for i > 0 && base[i-1] >= '0' && base[i-1] <= '9' {
			i--
		}
		if i > 0 && i < len(base) {
			base, sub, hasSub = base[:i], base[i:], true
		}
	}
	out := latexWord(base)
	if hasSub && sub != "" {
		out += "_{" + latexWord(sub) + "}"
	}
	return out
}

func latexWord(s string) string {
	if greek[s] {
		return `\` + s
	}
	// Escape LaTeX specials in odd column names.
	r := strings.NewReplacer(`\`, `\backslash `, "_", `\_`, "{", `\{`, "}", `\}`, "#", `\#`,
		"$", `\$`, "%", `\%`, "&", `\&`, "^", `\^{}`, "~", `\~{}`)
	s = r.Replace(s)
	if len([]rune(s)) > 1 {
		return `\mathrm{` + s + `}`
	}
	return s
}
