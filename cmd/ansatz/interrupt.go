package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

// trainSignals end a training run early (train, refine): the model is
// still saved.
var trainSignals = []os.Signal{os.Interrupt, syscall.SIGTERM}

// onInterrupt starts catching trainSignals. interrupted reports whether one
// arrived; from then on a second signal kills the process (the default
// handling is restored). release must be called when the verb is done.
func onInterrupt() (interrupted func() bool, release func()) {
	ctx, stop := signal.NotifyContext(context.Background(), trainSignals...)
	return func() bool {
		if ctx.Err() != nil {
			stop()
			return true
		}
		return false
	}, stop
}

// signalContext is cancelled by the first of trainSignals, so a verb can
// stop gracefully and still write its results; a second signal kills the
// process as usual. stop must be called when the verb is done.
func signalContext() (ctx context.Context, stop context.CancelFunc) {
	ctx, stop = signal.NotifyContext(context.Background(), trainSignals...)
	go func() {
		<-ctx.Done()
		stop()
	}()
	return ctx, stop
}
