package expr

import "math/rand/v2"

// RandomTree draws a tree of about size nodes from the operators ops over
// nvar variables; each leaf is a constant (uniform in [-2, 2]) with
// probability constFrac, else a uniformly chosen variable. With only
// binary operators the size is rounded down to an odd number. Tests and
// the evaluation benchmark use it (the search has its own grammar).
func RandomTree(rng *rand.Rand, size, nvar int, ops []Op, constFrac float64) *Node {
	var un, bin []Op
	for _, op := range ops {
		switch op.Arity() {
		case 1:
			un = append(un, op)
		case 2:
			bin = append(bin, op)
		}
	}
	var gen func(size int) *Node
	gen = func(size int) *Node {
		useBin := len(bin) > 0 && size >= 3 && (len(un) == 0 || rng.IntN(len(un)+len(bin)) < len(bin))
		switch {
		case useBin:
			l := 1 + rng.IntN(size-2)
			return &Node{Op: bin[rng.IntN(len(bin))], L: gen(l), R: gen(size - 1 - l)}
		case len(un) > 0 && size >= 2:
			return &Node{Op: un[rng.IntN(len(un))], L: gen(size - 1)}
		case nvar == 0 || rng.Float64() < constFrac:
			return &Node{Op: OpConst, Value: rng.Float64()*4 - 2}
		}
		return &Node{Op: OpVar, Var: rng.IntN(nvar)}
	}
	return gen(max(1, size))
}
