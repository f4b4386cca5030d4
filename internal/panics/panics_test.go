package panics

import (
	"errors"
	"strings"
	"testing"
)

// A panic in one worker reaches Wait as a *Caught with the worker's stack;
// the other workers finish.
func TestGroupRaisesWorkerPanicInWait(t *testing.T) {
	defer Inject("test.worker")()
	finished := make(chan int, 3)
	var g Group
	for i := range 3 {
		g.Go(func() {
			if i == 1 {
				Point("test.worker")
			}
			finished <- i
		})
	}
	err := func() (err error) {
		defer Recover(&err)
		g.Wait()
		return nil
	}()
	c, ok := As(err)
	if !ok || !strings.Contains(c.Error(), "injected panic in test.worker") {
		t.Fatalf("Wait raised %v", err)
	}
	if !strings.Contains(string(c.Stack), "panics.Point") {
		t.Errorf("stack is not the worker's:\n%s", c.Stack)
	}
	if len(finished) != 2 {
		t.Errorf("%d other workers finished, want 2", len(finished))
	}
}

// From keeps a *Caught as it is (raised again it keeps the worker's
// stack), and Unwrap exposes a runtime error.
func TestFromKeepsCaught(t *testing.T) {
	c := &Caught{Value: errors.New("boom"), Stack: []byte("worker stack")}
	if From(c) != c {
		t.Error("From wrapped a *Caught again")
	}
	var err error
	func() {
		defer Recover(&err)
		var m map[string]int
		m["x"] = 1
	}()
	if c, ok := As(err); !ok || c.Unwrap() == nil {
		t.Errorf("runtime panic not caught as error: %v", err)
	}
}

func TestInjectRestores(t *testing.T) {
	restore := Inject("a")
	inner := Inject("b")
	inner()
	func() {
		defer func() {
			if recover() == nil {
				t.Error("Point(a) did not panic")
			}
		}()
		Point("a")
	}()
	restore()
	Point("a") // must not panic
}
