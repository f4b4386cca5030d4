package expr

import "math"

// Equal reports whether two trees are the same: same operators and shape,
// same variables, and constants with identical bits (NaN equals NaN, but
// 0 and -0 differ, since they print differently).
func Equal(a, b *Node) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.Op != b.Op {
		return false
	}
	switch a.Op {
	case OpConst:
		return math.Float64bits(a.Value) == math.Float64bits(b.Value) ||
			(math.IsNaN(a.Value) && math.IsNaN(b.Value))
	case OpVar:
		return a.Var == b.Var
	}
	return Equal(a.L, b.L) && Equal(a.R, b.R)
}
