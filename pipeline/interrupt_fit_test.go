package pipeline

import (
	"strings"
	"testing"
)

// TestInterruptDuringMLPFit: an interrupt while the signal stage's MLP is
// training ends that fit at its next step (model.TrainConfig.Stop via
// model/fit), not after all its epochs; the stage still reports its score.
func TestInterruptDuringMLPFit(t *testing.T) {
	res := interrupted(t, "discover: stage signal")
	st := res.Stage(StageSignal)
	if res.Interrupted != StageSignal || st.Status != StatusInterrupted || res.Signal == nil {
		t.Fatalf("interrupted %q, stages %+v", res.Interrupted, res.Stages)
	}
	if res.Signal.Steps != 1 || !strings.Contains(st.Note, "after 1 steps") {
		t.Fatalf("MLP trained %d steps (note %q); want it stopped after the first", res.Signal.Steps, st.Note)
	}
	if res.Attribution != nil || res.Stage(StageAttribution).Status != StatusNotRun {
		t.Errorf("later stages ran: %+v", res.Stages)
	}
}
