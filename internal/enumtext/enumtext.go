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

// Marshal is the text of value i, for an enum's MarshalText.
func (n Names) Marshal(i uint8) ([]byte, error) { return []byte(n.String(int(i))), nil }

// Unmarshal sets *v to the value whose text is b, for an enum's
// UnmarshalText; an unknown text is an error and leaves *v alone.
func (n Names) Unmarshal(b []byte, v *uint8) error {
	for i, name := range n {
		if name == string(b) {
			*v = uint8(i)
			return nil
		}
	}
	return fmt.Errorf("unknown value %q (want one of %q)", b, []string(n))
}
