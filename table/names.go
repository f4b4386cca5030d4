package table

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// badName says what is wrong with a column name ("" if nothing): it must
// be valid UTF-8 without control characters. Names end up in one-line
// error messages, printed formulas, CSV and JSON output and on the
// terminal, where a newline or an escape sequence would forge or garble
// what the user reads.
func badName(n string) string {
	if !utf8.ValidString(n) {
		return "is not valid UTF-8"
	}
	for _, r := range n {
		if unicode.IsControl(r) {
			return fmt.Sprintf("holds a control character (U+%04X)", r)
		}
	}
	return ""
}
