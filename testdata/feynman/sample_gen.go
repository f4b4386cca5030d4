//go:build ignore

// sample_gen writes a table sampled from one equation of
// FeynmanEquations.csv: each variable uniform in its range, the output
// computed from the formula (from the inputs as printed, so the table is
// exact), no noise, a fixed seed. I.6.2a.csv beside it was made with
//
//	go run testdata/feynman/sample_gen.go I.6.2a 300 > testdata/feynman/I.6.2a.csv
package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"

	"github.com/ansatz/ansatz/internal/feynman"
	"github.com/ansatz/ansatz/symreg/expr"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: go run sample_gen.go EQUATION ROWS")
		os.Exit(2)
	}
	rows, err := strconv.Atoi(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	eqs, err := feynman.Read("testdata/feynman/FeynmanEquations.csv")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, eq := range eqs {
		if eq.Name != os.Args[1] {
			continue
		}
		names := eq.Names()
		truth, err := expr.Parse(eq.Formula, names)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		rng := rand.New(rand.NewPCG(2026, 13))
		fmt.Println(strings.Join(append(names, eq.Output), ","))
		x := make([]float64, len(names))
		for range rows {
			var cells []string
			for k, v := range eq.Vars {
				x[k] = v.Lo + (v.Hi-v.Lo)*rng.Float64()
				cells = append(cells, strconv.FormatFloat(x[k], 'g', 8, 64))
			}
			// The output from the rounded inputs, so the table is exact.
			for k := range x {
				x[k], _ = strconv.ParseFloat(cells[k], 64)
			}
			cells = append(cells, strconv.FormatFloat(truth.EvalAt(x), 'g', 15, 64))
			fmt.Println(strings.Join(cells, ","))
		}
		return
	}
	fmt.Fprintf(os.Stderr, "no equation %s\n", os.Args[1])
	os.Exit(2)
}
