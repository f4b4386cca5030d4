package panics

import (
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// Caught is a panic recovered in a worker goroutine, with the stack of
// that goroutine at the panic (the stack that matters for a bug report).
// Raised again in the waiting goroutine, its value stays the same *Caught,
// so it is reported once, with the worker's stack, however many Groups it
// crosses. It is also an error, for loops that stop on it and return it.
type Caught struct {
	Value any
	Stack []byte
}

func (c *Caught) Error() string { return fmt.Sprintf("panic: %v", c.Value) }

// Unwrap gives the panic value when it is an error (runtime errors).
func (c *Caught) Unwrap() error {
	err, _ := c.Value.(error)
	return err
}

// From turns a recovered value into a *Caught, taking the stack of the
// current goroutine unless r is a *Caught already (raised again from a
// worker). It must run in the deferred function that called recover.
func From(r any) *Caught {
	if c, ok := r.(*Caught); ok {
		return c
	}
	return &Caught{Value: r, Stack: debug.Stack()}
}

// As reports whether err carries a caught panic, and returns it.
func As(err error) (*Caught, bool) {
	var c *Caught
	ok := errors.As(err, &c)
	return c, ok
}

// Recover, deferred, turns a panic of the calling goroutine into *err (a
// *Caught): a loop that can stop cleanly on a failed step uses it to keep
// what it had.
func Recover(err *error) {
	if r := recover(); r != nil {
		*err = From(r)
	}
}

// Group runs worker goroutines and waits for them, like sync.WaitGroup;
// a panic in one is caught, the others run on, and Wait raises the first
// panic again in the waiting goroutine.
type Group struct {
	wg    sync.WaitGroup
	mu    sync.Mutex
	first *Caught
}

// Go runs f in a new goroutine.
func (g *Group) Go(f func()) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		defer g.Catch()
		f()
	}()
}

// Catch, deferred in a goroutine the Group did not start (one running
// beside Go's, such as the caller's own share of the work), records its
// panic for Wait like Go does.
func (g *Group) Catch() {
	if r := recover(); r != nil {
		c := From(r)
		g.mu.Lock()
		if g.first == nil {
			g.first = c
		}
		g.mu.Unlock()
	}
}

// Failed reports whether a worker has panicked so far: workers that wait
// on each other check it so none waits for one that is gone.
func (g *Group) Failed() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.first != nil
}

// Wait waits for every goroutine Go started and then, if one panicked,
// panics with its *Caught.
func (g *Group) Wait() {
	g.wg.Wait()
	if g.first != nil {
		panic(g.first)
	}
}

// site is the worker Inject makes panic ("" for none).
var site atomic.Pointer[string]

// Inject makes every later Point(name) panic (tests only); Inject("")
// stops it. It returns a function that restores the previous setting.
func Inject(name string) (restore func()) {
	prev := site.Swap(&name)
	return func() { site.Store(prev) }
}

// Point panics when a test has injected a panic at name. Workers call it
// once per unit of work; when nothing is injected it costs one atomic load.
func Point(name string) {
	if p := site.Load(); p != nil && *p == name {
		panic(fmt.Sprintf("injected panic in %s", name))
	}
}
