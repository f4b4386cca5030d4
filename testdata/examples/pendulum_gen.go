//go:build ignore

// pendulum_gen writes pendulum.csv, the bundled example: periods of simple
// pendulums of various lengths and bob masses on bodies with various
// surface gravities, from the small-angle law T = 2π·sqrt(L/g), with
// 0.1 % Gaussian measurement noise on T. The mass column is deliberately
// irrelevant (the period does not depend on it), so attribution has
// something to reject. Regenerate (byte-identical) with
//
//	go run testdata/examples/pendulum_gen.go > testdata/examples/pendulum.csv
package main

import (
	"fmt"
	"math"
	"math/rand/v2"
)

func main() {
	rng := rand.New(rand.NewPCG(2026, 11))
	uniform := func(lo, hi float64) float64 { return lo + (hi-lo)*rng.Float64() }
	fmt.Println("length_m,mass_kg,g_ms2,period_s")
	for range 300 {
		l := uniform(0.1, 5)     // string length, m
		m := uniform(0.05, 2)    // bob mass, kg (no effect)
		g := uniform(1.62, 24.8) // Moon .. Jupiter, m/s²
		t := 2 * math.Pi * math.Sqrt(l/g) * (1 + 0.001*rng.NormFloat64())
		fmt.Printf("%.4f,%.3f,%.3f,%.5f\n", l, m, g, t)
	}
}
