package symreg

import "github.com/ansatz/ansatz/internal/enumtext"

// StopReason says why a search ended. Its text ("time", "iterations", …)
// is what results and JSON output show.
type StopReason uint8

// The reasons; the zero value means the search has not stopped.
const (
	StopInterrupted StopReason = iota + 1 // the context was cancelled ("interrupted")
	StopIterations                        // Options.Iterations reached ("iterations")
	StopTime                              // Options.Time used up ("time")
	StopMaxEvals                          // Options.MaxEvals formulas scored ("max-evals")
	StopLossReached                       // the best loss fell to Options.StopLoss ("stop-loss")
	StopExactFit                          // a formula fits to rounding, with Options.StopExact ("exact")
	StopUnitsOnly                         // units left no group: only y = C·P was fitted ("units")
	StopCrashed                           // a worker panicked; the front is the hall of fame before it ("crashed")
	StopPlateau                           // the front flattened at the noise and held, with Options.StopPlateau ("plateau")
)

var stopNames = enumtext.Names{"", "interrupted", "iterations", "time", "max-evals", "stop-loss", "exact", "units", "crashed", "plateau"}

// String is the reason's text.
func (r StopReason) String() string { return stopNames.String(int(r)) }

// MarshalText writes the text String gives.
func (r StopReason) MarshalText() ([]byte, error) { return stopNames.Marshal(uint8(r)) }

// UnmarshalText reads what MarshalText writes.
func (r *StopReason) UnmarshalText(b []byte) error { return stopNames.Unmarshal(b, (*uint8)(r)) }
