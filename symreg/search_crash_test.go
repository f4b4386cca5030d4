package symreg

import (
	"context"
	"math"
	"testing"

	"github.com/ansatz/ansatz/internal/panics"
)

// A panic in an island worker (injected after the second iteration) ends
// the search with StopCrashed; Search returns the hall of fame of the two
// whole iterations and the panic as a *panics.Caught, instead of the
// process dying with the worker. Several threads, so the panic crosses
// goroutines.
func TestSearchWorkerPanicKeepsHallOfFame(t *testing.T) {
	d := lawData(100, 2, 1, 3, 5, func(x []float64) float64 { return x[0]*x[1] + math.Sin(x[0]) })
	o := quickOptions()
	o.Iterations, o.Populations, o.Threads = 50, 4, 3
	restore := func() {}
	defer func() { restore() }()
	o.Progress = func(p Progress) {
		if p.Iteration == 2 {
			restore = panics.Inject("symreg.island")
		}
	}
	res, err := Search(context.Background(), d, o, nil)
	c, ok := panics.As(err)
	if !ok {
		t.Fatalf("err %v, want the worker's panic", err)
	}
	if res == nil || res.StopReason != StopCrashed || res.Iterations != 2 || len(res.Front) == 0 {
		t.Fatalf("result %+v", res)
	}
	if c.Stack == nil {
		t.Error("no stack")
	}
}
