package symreg

import (
	"encoding/json"
	"math"
	"path/filepath"
	"testing"
)

// A population with unevaluable members (loss +Inf or NaN) must still
// checkpoint and load back: an interrupted search writes exactly then.
func TestCheckpointNonFiniteLosses(t *testing.T) {
	in := []float64{1.5, 0, -2.25e-300, math.Inf(1), math.Inf(-1), math.NaN(), math.MaxFloat64}
	o := DefaultOptions()
	o.PopulationSize = 4
	c := Checkpoint{Version: checkpointVersion, Features: []string{"x"}, Settings: o,
		Islands: []ckptIsland{{Members: make([]ckptMember, 4)}}}
	for _, v := range in {
		c.HallOfFame = append(c.HallOfFame, ckptMember{Tree: "v0", Loss: ckptFloat(v)})
	}
	path := filepath.Join(t.TempDir(), "ck.json")
	if err := c.Save(path); err != nil {
		t.Fatalf("Save with non-finite losses: %v", err)
	}
	back, err := LoadCheckpoint(path)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range in {
		got := float64(back.HallOfFame[i].Loss)
		if math.Float64bits(got) != math.Float64bits(v) && !(math.IsNaN(v) && math.IsNaN(got)) {
			t.Errorf("loss %d: wrote %v, read %v", i, v, got)
		}
	}
	var f ckptFloat
	if err := json.Unmarshal([]byte(`"many"`), &f); err == nil {
		t.Error(`"many" was accepted as a loss`)
	}
}
