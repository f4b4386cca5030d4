package symreg

import (
	"context"
	"math/rand/v2"
	"testing"
)

// On noisy data the front flattens at the noise once the law is found:
// the search stops on the plateau long before its iteration limit, with
// the law on the front; without StopPlateau it runs to the limit.
func TestStopPlateau(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	d := lawData(500, 2, 1, 3, 5, func(x []float64) float64 { return x[0] * x[1] })
	for i := range d.Y {
		d.Y[i] += 0.05 * rng.NormFloat64()
	}
	o := smallOptions()
	o.Iterations, o.StopPlateau = 300, 0.15
	res, err := Search(context.Background(), d, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.StopReason != StopPlateau || res.Iterations >= 300 {
		t.Fatalf("stopped by %s after %d iterations, want the plateau before 300", res.StopReason, res.Iterations)
	}
	t.Logf("stopped on the plateau after %d iterations", res.Iterations)
	law := false
	for _, e := range res.Front {
		law = law || e.Complexity == 3 && e.Loss < 0.05*0.05*1.2
	}
	if !law {
		t.Errorf("x0*x1 is not on the front: %v", frontKey(res.Front))
	}
	if testing.Short() {
		return
	}
	o.StopPlateau = 0
	o.Iterations = 80
	if res, err = Search(context.Background(), d, o, nil); err != nil || res.StopReason != StopIterations {
		t.Fatalf("without StopPlateau: stopped by %v (%v), want the iteration limit", res.StopReason, err)
	}
}
