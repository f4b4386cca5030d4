package cluster

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"sync"
	"testing"

	"github.com/ansatz/ansatz/cluster/inproc"
)

// exercise checks every operation of c against what each rank can work
// out alone. Every rank of a job runs it at the same time.
func exercise(t *testing.T, c Comm) {
	r, n := c.Rank(), c.Size()
	msg := func(rank int) []byte { return bytes.Repeat([]byte{byte('a' + rank)}, rank*1000) } // rank 0 sends nothing

	got, err := c.Bcast(msg(r))
	if err != nil || !bytes.Equal(got, msg(0)) {
		t.Errorf("rank %d: Bcast: %d bytes, %v; want rank 0's %d bytes", r, len(got), err, len(msg(0)))
	}
	root, _ := c.Bcast([]byte("from rank 0"))
	if string(root) != "from rank 0" {
		t.Errorf("rank %d: Bcast = %q", r, root)
	}

	all, err := c.AllGather(msg(r))
	if err != nil || len(all) != n {
		t.Fatalf("rank %d: AllGather: %d parts, %v", r, len(all), err)
	}
	for k := range n {
		if !bytes.Equal(all[k], msg(k)) {
			t.Errorf("rank %d: AllGather part %d: %d bytes, want %d", r, k, len(all[k]), len(msg(k)))
		}
	}

	some, err := c.Gather(msg(r))
	switch {
	case err != nil:
		t.Errorf("rank %d: Gather: %v", r, err)
	case r == 0 && (len(some) != n || !bytes.Equal(some[n-1], msg(n-1))):
		t.Errorf("Gather on rank 0: %d parts", len(some))
	case r != 0 && some != nil:
		t.Errorf("Gather on rank %d returned data", r)
	}

	v := []float64{1, float64(r), 0.5}
	if err := c.AllSum(v); err != nil || !slices.Equal(v, []float64{float64(n), float64(n * (n - 1) / 2), 0.5 * float64(n)}) {
		t.Errorf("rank %d: AllSum = %v, %v", r, v, err)
	}
	inf := math.Inf(1)
	lows := []float64{float64(10 - r), float64(r), inf, 0}
	if r%2 == 1 {
		lows[3] = -inf
	}
	want := []float64{float64(10 - (n - 1)), 0, inf, 0}
	if n > 1 {
		want[3] = -inf
	}
	if err := c.AllMin(lows); err != nil || !slices.Equal(lows, want) {
		t.Errorf("rank %d: AllMin = %v, %v; want %v", r, lows, err, want)
	}

	for _, k := range []int{1, 3, -1, n} {
		got, err := c.Shift(k, msg(r))
		from := ((r-k)%n + n) % n
		if err != nil || !bytes.Equal(got, msg(from)) {
			t.Errorf("rank %d: Shift(%d): %d bytes, %v; want rank %d's %d", r, k, len(got), err, from, len(msg(from)))
		}
	}

	// A queue: every rank but 0 asks rank 0, which answers each by name.
	if r == 0 {
		var asked []int
		for range n - 1 {
			from, m, err := c.Recv(7)
			if err != nil || string(m) != fmt.Sprint("job please ", from) {
				t.Errorf("Recv: %q from %d, %v", m, from, err)
			}
			asked = append(asked, from)
			if err := c.Send(from, 8, []byte(fmt.Sprint("job for ", from))); err != nil {
				t.Error(err)
			}
		}
		slices.Sort(asked)
		if len(asked) != n-1 || n > 1 && asked[0] != 1 {
			t.Errorf("asked by %v", asked)
		}
		return
	}
	if err := c.Send(0, 7, []byte(fmt.Sprint("job please ", r))); err != nil {
		t.Error(err)
	}
	from, m, err := c.Recv(8)
	if err != nil || from != 0 || string(m) != fmt.Sprint("job for ", r) {
		t.Errorf("rank %d: reply %q from %d, %v", r, m, from, err)
	}
}

// runLocal runs f on every rank of inproc.Ranks(n), each on its own
// goroutine.
func runLocal(n int, f func(c Comm)) {
	var wg sync.WaitGroup
	for _, c := range inproc.Ranks(n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(c)
		}()
	}
	wg.Wait()
}

func TestLocalOperations(t *testing.T) {
	for _, n := range []int{1, 2, 4} {
		t.Run(fmt.Sprint(n, " ranks"), func(t *testing.T) {
			runLocal(n, func(c Comm) { exercise(t, c) })
		})
	}
}

func TestStartAloneWithoutLauncher(t *testing.T) {
	if launched() {
		t.Skip("started by an MPI launcher")
	}
	w, err := Start(nil)
	if err != nil {
		t.Fatal(err)
	}
	if w.Comm != nil || w.Rank() != 0 || w.Size() != 1 {
		t.Errorf("alone: comm %v, rank %d, size %d", w.Comm, w.Rank(), w.Size())
	}
	w.Abort(1) // returns when alone
	if err := w.Finalize(); err != nil {
		t.Error(err)
	}
}
