package table

import (
	"strings"

	"github.com/ansatz/ansatz/internal/inputerr"
)

// Options say which columns to load and how to read the file.
// The zero value loads a delimited or NPY file with a sniffed separator,
// the last column as target and every other numeric column as features.
type Options struct {
	// Target is the column to predict. "" means the last column not in
	// Drop and not an unnamed index column, or no target at all when
	// Predict is set.
	Target string
	// Features are the input columns in the order wanted. Empty means
	// every numeric column except the target, dropped, text and index
	// columns, in file order.
	Features []string
	// Drop lists columns to leave out of the defaults.
	Drop []string
	// Sep is the field separator; 0 sniffs it. ' ' means runs of blanks.
	Sep rune
	// DropNonFinite drops rows with a missing, NaN or ±Inf value in a
	// loaded column instead of failing; Table.DroppedRows counts them.
	DropNonFinite bool
	// Predict relaxes the checks that only fitting needs: the target is
	// optional (loaded only when named), one row is enough and a constant
	// target is accepted.
	Predict bool
}

// ParseSep turns a --sep value into a separator rune: a single character,
// or one of the words tab, comma, semicolon, pipe, space (also "\t").
// "" gives 0, which means sniff.
func ParseSep(s string) (rune, error) {
	switch strings.ToLower(s) {
	case "":
		return 0, nil
	case "tab", `\t`, "\t":
		return '\t', nil
	case "comma", ",":
		return ',', nil
	case "semicolon", ";":
		return ';', nil
	case "pipe", "|":
		return '|', nil
	case "space", "spaces", "whitespace", " ":
		return ' ', nil
	}
	r := []rune(s)
	if len(r) != 1 || r[0] == '"' || r[0] == '\n' || r[0] == '\r' || r[0] == 0xFFFD {
		return 0, inputerr.New("--sep %q: want one character or tab, comma, semicolon, pipe, space", s)
	}
	return r[0], nil
}
