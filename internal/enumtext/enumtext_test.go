package enumtext

import "testing"

func TestNamesRoundTrip(t *testing.T) {
	n := Names{"", "done", "not run"}
	for i := range n {
		t.Run(n[i], func(t *testing.T) {
			b, err := n.Marshal(uint8(i))
			if err != nil || string(b) != n[i] {
				t.Fatalf("Marshal(%d) = %q, %v", i, b, err)
			}
			v := uint8(99)
			if err := n.Unmarshal(b, &v); err != nil || int(v) != i {
				t.Errorf("Unmarshal(%q) = %d, %v", b, v, err)
			}
		})
	}
	if s := n.String(7); s != "" {
		t.Errorf("String out of range = %q", s)
	}
	v := uint8(1)
	if err := n.Unmarshal([]byte("nope"), &v); err == nil || v != 1 {
		t.Errorf("Unmarshal(nope) = %d, %v; want an error and no change", v, err)
	}
}
