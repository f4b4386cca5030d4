package main

import (
	"log/slog"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
)

// trainSignals end a long verb early (train, refine, snap): what it has is
// still written.
var trainSignals = []os.Signal{os.Interrupt, syscall.SIGTERM}

// signalSeen, when set (tests only), runs once the first signal has been
// taken in hand: interrupted reports true and a second signal kills.
var signalSeen func()

// onInterrupt starts catching trainSignals. The first one makes
// interrupted report true, which the verb polls between steps, and says so
// on log. It also restores the default handling at once, so a second
// signal kills the process even in the middle of a long step, rather than
// waiting for the next poll. release stops catching; it must be called
// when the verb is done.
func onInterrupt(log *slog.Logger) (interrupted func() bool, release func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, trainSignals...)
	var got atomic.Bool
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		select {
		case <-ch:
			signal.Stop(ch) // from here on a signal gets the default handling
			got.Store(true)
			log.Warn("interrupted: stopping after the current step to write what there is; interrupt again to quit at once")
			if signalSeen != nil {
				signalSeen()
			}
		case <-done:
		}
	}()
	var once sync.Once
	return got.Load, func() {
		once.Do(func() {
			signal.Stop(ch)
			close(done)
			<-finished // the message is out before the verb's own output
		})
	}
}
