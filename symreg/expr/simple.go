package expr

import (
	"math"
	"sort"
)

// A Simple is a constant the way a physicist writes it: ±(P/Q)·B·10^Ten,
// with P/Q a small fraction in lowest terms and B one of a few bases
// (1, π, π², π³, 1/π, 1/π², √2, √3, √π, √(2π), e, ln 2 and the reciprocals
// of the roots, e and ln 2). Constant snapping (package symreg) moves
// fitted constants onto Simples; Canonical and the readable printer spell
// them out (2*pi, 1/2, 1/(4*pi), exp(-x^2/2)/sqrt(2*pi)).
type Simple struct {
	P, Q int64 // the fraction, Q ≥ 1, sign in P
	Base int   // index into simpleBases
	Ten  int   // power of ten
}

// simpleBase is one B: the factors it puts in the numerator and the
// denominator of a product.
type simpleBase struct {
	num, den []*Node
}

func piNode() *Node                 { return Const(math.Pi) }
func piPow(k float64) *Node         { return &Node{Op: OpPow, L: piNode(), R: Const(k)} }
func sqrtOf(n *Node) *Node          { return &Node{Op: OpSqrt, L: n} }
func prod(a, b *Node) *Node         { return &Node{Op: OpMul, L: a, R: b} }
func factors(ns ...*Node) []*Node   { return ns }
func logTwo() *Node                 { return &Node{Op: OpLog, L: Const(2)} }
func rootOf(v float64) func() *Node { return func() *Node { return sqrtOf(Const(v)) } }

// simpleBases are the B of a Simple, simplest first (the order breaks
// ties between Simples of equal size).
var simpleBases = []simpleBase{
	{},
	{num: factors(piNode())},
	{den: factors(piNode())},
	{num: factors(piPow(2))},
	{den: factors(piPow(2))},
	{num: factors(piPow(3))},
	{num: factors(rootOf(2)())},
	{den: factors(rootOf(2)())},
	{num: factors(rootOf(3)())},
	{den: factors(rootOf(3)())},
	{num: factors(sqrtOf(piNode()))},
	{den: factors(sqrtOf(piNode()))},
	{num: factors(sqrtOf(prod(Const(2), piNode())))},
	{den: factors(sqrtOf(prod(Const(2), piNode())))},
	{num: factors(Const(math.E))},
	{den: factors(Const(math.E))},
	{num: factors(logTwo())},
	{den: factors(logTwo())},
}

// simpleBaseValues are the values of the bases.
var simpleBaseValues = func() []float64 {
	v := make([]float64, len(simpleBases))
	for i := range v {
		v[i] = Simple{P: 1, Q: 1, Base: i}.Value()
	}
	return v
}()

// Simple fractions: denominators up to simpleMaxQ, numerators up to
// simpleMaxP in magnitude.
const (
	simpleMaxQ = 12
	simpleMaxP = 100
)

// Parts are the factors s puts into a product: the numerator (its number
// |P|·10^Ten unless that is 1, then the base's factors) and the
// denominator (Q unless 1, then the base's). The sign is left out: Value
// is their quotient times the sign of P. Nodes are fresh copies.
func (s Simple) Parts() (num, den []*Node) {
	b := simpleBases[s.Base]
	if a := math.Abs(float64(s.P)) * math.Pow(10, float64(s.Ten)); a != 1 {
		num = append(num, Const(a))
	}
	for _, f := range b.num {
		num = append(num, f.Clone())
	}
	if s.Q != 1 {
		den = append(den, Const(float64(s.Q)))
	}
	for _, f := range b.den {
		den = append(den, f.Clone())
	}
	return num, den
}

// Tree is s as a formula: num/(den), e.g. 1/(4*pi) or -3*pi/2.
func (s Simple) Tree() *Node {
	num, den := s.Parts()
	t := productOf(num)
	if t == nil {
		t = Const(1)
	}
	if d := productOf(den); d != nil {
		t = &Node{Op: OpDiv, L: t, R: d}
	}
	if s.P < 0 {
		t = &Node{Op: OpNeg, L: t}
	}
	return t
}

// productOf multiplies the nodes left to right (nil for none).
func productOf(ns []*Node) *Node {
	var t *Node
	for _, n := range ns {
		if t == nil {
			t = n
		} else {
			t = prod(t, n)
		}
	}
	return t
}

// Value is s's value, computed as its Tree evaluates, so that printing s
// and parsing it back gives these bits.
func (s Simple) Value() float64 { return s.Tree().EvalAt(nil) }

// Size is the node count of s's Tree: how much reading s costs.
func (s Simple) Size() int { return s.Tree().Size() }

// SimpleNear lists the Simples within relative distance radius of v,
// simplest first (by Size, then distance), with powers of ten 10^t for t
// in tens (nil: only t = 0). v = 0 and non-finite v have none.
func SimpleNear(v, radius float64, tens []int) []Simple {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	if tens == nil {
		tens = []int{0}
	}
	type cand struct {
		s    Simple
		size int
		dist float64
	}
	var out []cand
	for bi := range simpleBases {
		bv := simpleBaseValues[bi]
		for _, t := range tens {
			r := v / (bv * math.Pow(10, float64(t)))
			for q := int64(1); q <= simpleMaxQ; q++ {
				p := math.Round(r * float64(q))
				if p == 0 || math.Abs(p) > simpleMaxP || gcd(int64(math.Abs(p)), q) != 1 {
					continue
				}
				if math.Abs(p/float64(q)-r) > 2*radius*math.Abs(r) {
					continue // far off even before rounding
				}
				s := Simple{P: int64(p), Q: q, Base: bi, Ten: t}
				if d := math.Abs(s.Value()-v) / math.Abs(v); d <= radius {
					out = append(out, cand{s, s.Size(), d})
				}
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].size != out[j].size {
			return out[i].size < out[j].size
		}
		return out[i].dist < out[j].dist
	})
	res := make([]Simple, len(out))
	for i, c := range out {
		res[i] = c.s
	}
	return res
}

// SimpleOf is the simplest Simple within relative distance tol of v (with
// no power of ten), and whether there is one.
func SimpleOf(v, tol float64) (Simple, bool) {
	if c := SimpleNear(v, tol, nil); len(c) > 0 {
		return c[0], true
	}
	return Simple{}, false
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
