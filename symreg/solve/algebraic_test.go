package solve

import (
	"slices"
	"testing"

	"github.com/ansatz/ansatz/symreg"
)

// The algebraic phase keeps the algebraic operators, adds square beside
// *, and is skipped when it would repeat the first search.
func TestAlgebraicOps(t *testing.T) {
	for _, c := range []struct{ ops, want string }{
		{"+,-,*,/,sqrt,exp,log,sin,cos", "+,-,*,/,sqrt,square"},
		{"+,*,sin", "+,*,square"},
		{"+,-,*,/", "+,-,*,/,square"},
		{"+,-,*,/,square", ""},
		{"sin,cos,sqrt", ""},
	} {
		ops, err := symreg.ParseOps(c.ops)
		if err != nil {
			t.Fatal(err)
		}
		got := algebraicOps(ops)
		if c.want == "" {
			if got != nil {
				t.Errorf("%s: algebraic phase %s, want none", c.ops, opNames(got))
			}
			continue
		}
		want, _ := symreg.ParseOps(c.want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: algebraic phase %s, want %s", c.ops, opNames(got), c.want)
		}
	}
}
