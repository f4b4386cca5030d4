package jsonnum

import (
	"encoding/json"
	"math"
	"testing"
)

func TestRoundTripAndNull(t *testing.T) {
	in := struct {
		A, B, C Float
		S       Floats
		V       any
	}{1.5, Float(math.Inf(-1)), Float(math.NaN()), Floats{1, math.Inf(1), -2.5e-300}, Value(math.NaN())}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"A":1.5,"B":null,"C":null,"S":[1,null,-2.5e-300],"V":null}`
	if string(b) != want {
		t.Fatalf("got %s, want %s", b, want)
	}
	var back struct{ A, B Float }
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.A != 1.5 || !math.IsNaN(float64(back.B)) {
		t.Fatalf("read back %v %v", back.A, back.B)
	}
}
