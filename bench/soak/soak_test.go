package soak

import "testing"

// judge tells a clean failure (exit 2, one line) from crashes and broken
// rules.
func TestJudge(t *testing.T) {
	for _, c := range []struct {
		code   int
		hung   bool
		stderr string
		want   string
	}{
		{0, false, "", ""},
		{2, false, "ansatz: t.csv:3:2: not a number\n", ""},
		{2, false, "ansatz: a\nansatz: b\n", "broken"},
		{2, false, "", "broken"},
		{1, false, "ansatz: internal error: panic: x\n", "crash"},
		{1, false, "ansatz: write failed\n", "internal"},
		{2, false, "panic: boom\n\ngoroutine 1 [running]:\n", "crash"},
		{-1, false, "", "crash"},
		{0, true, "", "crash"},
		{3, false, "", "crash"},
	} {
		if got, _ := judge(c.code, c.hung, []byte(c.stderr)); got != c.want {
			t.Errorf("exit %d hung %v %q: %q, want %q", c.code, c.hung, c.stderr, got, c.want)
		}
	}
}
