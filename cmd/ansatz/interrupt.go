package main

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// stopSignals end a long verb early (search, train, refine, snap,
// discover, bench feynman): what it has is still written.
var stopSignals = []os.Signal{os.Interrupt, syscall.SIGTERM}

// signalSeen, when set (tests only), runs once the first signal has been
// taken in hand: the context is cancelled and a second signal kills.
var signalSeen func()

// onInterrupt starts catching stopSignals and returns a context the first
// one cancels; the verb polls it between steps, and the log says so. The
// first signal also restores the default handling at once, so a second one
// kills the process even in the middle of a long step rather than waiting
// for the next poll. release stops catching (and cancels the context); it
// must be called when the verb is done.
func onInterrupt(log *slog.Logger) (ctx context.Context, release func()) {
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, stopSignals...)
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		select {
		case <-ch:
			signal.Stop(ch) // from here on a signal gets the default handling
			log.Warn("interrupted: stopping at the next step to write what there is; interrupt again to quit at once")
			cancel()
			if signalSeen != nil {
				signalSeen()
			}
		case <-done:
		}
	}()
	return ctx, sync.OnceFunc(func() {
		signal.Stop(ch)
		close(done)
		<-finished // the message is out before the verb's own output
		cancel()
	})
}

// stopRequested reports whether ctx has been cancelled, for verbs that
// poll between steps.
func stopRequested(ctx context.Context) func() bool {
	return func() bool { return ctx.Err() != nil }
}
