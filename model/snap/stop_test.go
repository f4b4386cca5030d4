package snap

import (
	"math/rand/v2"
	"testing"

	"github.com/ansatz/ansatz/model/kan"
)

// TestStopEndsRetraining: retraining asks Stop after every step and ends
// at the first true; Improve told to stop before its first candidate
// returns the network it was given.
func TestStopEndsRetraining(t *testing.T) {
	x, y := relAdd(rand.New(rand.NewPCG(3, 3)), 200)
	w, _ := kan.ParseWidth("2,2,1")
	cfg := kan.DefaultConfig(w)
	cfg.Grid, cfg.Seed = 3, 1
	net, err := kan.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	s, err := FromKAN(net, x, 200, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	polls := 0
	if _, stopped := s.retrain(x, y, 200, 100, func() bool { polls++; return polls == 3 }); !stopped || polls != 3 {
		t.Errorf("stopped %v after %d polls, want a stop at the 3rd", stopped, polls)
	}
	opt := DefaultOptions()
	opt.Stop = func() bool { return true }
	if got := s.Improve(x, y, 200, opt); got != s {
		t.Error("Improve told to stop still changed the network")
	}
}
