// Package enumtext gives small integer enums (outcomes such as why a
// search stopped) their text form, so code compares typed constants while
// JSON and printed output keep the words they always had.
package enumtext

import "fmt"

// Names lists the text of each value of an enum, indexed by the value.
type Names []string

// String is the text of value i ("" outside the list).
func (n Names) String(i int) string {
	if i < 0 || i >= len(n) {
		return ""
	}
	return n[i]
}

// Parse is the value whose text is s; what is an error, e.g. "stop reason".
func (n Names) Parse(s, what string) (int, error) {
	for i, name := range n {
		if name == s {
			return i, nil
		}
	}
	return 0, fmt.Errorf("unknown %s %q", what, s)
}
