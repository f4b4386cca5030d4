package enumtext

import "testing"

func TestNamesRoundTrip(t *testing.T) {
	n := Names{"", "done", "not run"}
	for i := range n {
		got, err := n.Parse(n.String(i), "status")
		if err != nil || got != i {
			t.Errorf("Parse(String(%d)) = %d, %v", i, got, err)
		}
	}
	if s := n.String(7); s != "" {
		t.Errorf("String out of range = %q", s)
	}
	if _, err := n.Parse("nope", "status"); err == nil || err.Error() != `unknown status "nope"` {
		t.Errorf("Parse(nope) error %v", err)
	}
}
