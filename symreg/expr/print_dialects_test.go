package expr

import "testing"

func TestOtherPrinters(t *testing.T) {
	names := []string{"theta1", "E_n", "x"}
	cases := []struct{ src, sympy, goSrc, latex string }{
		{"exp(-theta1^2/2)/sqrt(2*pi)",
			"exp(-theta1**2/2)/sqrt(2*3.141592653589793)",
			"math.Exp(-math.Pow(theta1, 2.0)/2.0)/math.Sqrt(2.0*3.141592653589793)",
			`\frac{\exp\left(\frac{-\theta_{1}^{2}}{2}\right)}{\sqrt{2 \cdot 3.14159}}`},
		{"square(x - 1)^3 + abs(E_n)", "((x - 1)**2)**3 + Abs(E_n)",
			"math.Pow(math.Pow(x - 1.0, 2), 3.0) + math.Abs(E_n)",
			`\left(\left(x - 1\right)^{2}\right)^{3} + \left|E_{n}\right|`},
		{"--x - -3", "--x - -3", "- -x - -3.0", `-\left(-x\right) - -3`},
		{"x*1e-7", "x*1e-07", "x*1e-07", `x \cdot 1 \cdot 10^{-7}`},
	}
	for _, c := range cases {
		n, err := Parse(c.src, names)
		if err != nil {
			t.Fatal(err)
		}
		if got := FormatSympy(n, names); got != c.sympy {
			t.Errorf("sympy %s: %s, want %s", c.src, got, c.sympy)
		}
		if got := FormatGo(n, names); got != c.goSrc {
			t.Errorf("go %s: %s, want %s", c.src, got, c.goSrc)
		}
		if got := FormatLaTeX(n, names); got != c.latex {
			t.Errorf("latex %s: %s, want %s", c.src, got, c.latex)
		}
	}
	n, _ := Parse("x*2", names)
	if got := FormatGoFunc("f", n, []string{"a b", "9c", "x"}); got != "func f(a_b, _9c, x float64) float64 {\n\treturn x*2.0\n}\n" {
		t.Errorf("FormatGoFunc: %q", got)
	}
}
