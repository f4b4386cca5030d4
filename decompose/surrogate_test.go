package decompose

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/ansatz/ansatz/symreg"
)

// table samples f on n rows with every column uniform in [lo, hi].
func table(n, m int, lo, hi float64, seed uint64, f func(x []float64) float64) *symreg.Data {
	rng := rand.New(rand.NewPCG(seed, 1))
	d := &symreg.Data{X: make([][]float64, m), Y: make([]float64, n)}
	for k := range m {
		d.X[k] = make([]float64, n)
		d.Names = append(d.Names, string(rune('a'+k)))
	}
	x := make([]float64, m)
	for i := range n {
		for k := range m {
			x[k] = lo + (hi-lo)*rng.Float64()
			d.X[k][i] = x[k]
		}
		d.Y[i] = f(x)
	}
	return d
}

func TestSurrogateFits(t *testing.T) {
	d := table(1000, 6, 1, 5, 1, func(x []float64) float64 { return x[0]*x[1] + x[2]*x[3] + x[4]*x[5] })
	start := time.Now()
	s, err := FitSurrogate(context.Background(), d, SurrogateConfig{Seed: 1, MaxIter: 800})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("sigma %.3g rel %.3g in %v", s.Sigma, s.RelErr(), time.Since(start))
	if s.RelErr() > 1e-2 {
		t.Fatalf("surrogate relative error %.3g", s.RelErr())
	}
}
