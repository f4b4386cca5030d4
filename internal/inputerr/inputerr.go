// Package inputerr marks errors caused by the user's input (a bad file,
// setting or formula) as opposed to failures of ansatz itself. The command
// line turns the first kind into exit code 2 and the second into exit code
// 1, so scripts can tell "fix your data" from "report a bug".
//
// Libraries name a bad setting by its Go field ("kan.Config.Grid"), never
// by a command-line flag: the command line maps fields to its flags.
package inputerr

import (
	"errors"
	"fmt"
)

// Error is a bad-input error, optionally located in a file or naming the
// setting at fault. Its message reads like a compiler's: "data.csv:12:3:
// not a number: "abc"", or "kan.Config.Grid: must be in 1..4096, not 0".
type Error struct {
	File string // file name, or "" when the input is a setting or argument
	Line int    // 1-based line, 0 when unknown
	Col  int    // 1-based column (field or character), 0 when unknown
	// Field is the setting at fault as package.Type.Field (e.g.
	// "model.TrainConfig.Hidden"), or "". Msg may name other settings the
	// same way.
	Field string
	Msg   string
}

func (e *Error) Error() string {
	switch {
	case e.File != "" && e.Line > 0 && e.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	case e.File != "" && e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	case e.File != "":
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	case e.Field != "":
		return e.Field + ": " + e.Msg
	}
	return e.Msg
}

// New returns a bad-input error with no file position.
func New(format string, args ...any) error {
	return &Error{Msg: fmt.Sprintf(format, args...)}
}

// At returns a bad-input error located at file:line:col (line or col may be 0).
func At(file string, line, col int, format string, args ...any) error {
	return &Error{File: file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// Field returns a bad-input error about the setting field (see Error.Field).
func Field(field, format string, args ...any) error {
	return &Error{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// Check is Field(field, format, args...) when bad is true, else nil, so
// that a validation reads as a list: cmp.Or(Check(…), Check(…), …) is the
// first failing check.
func Check(bad bool, field, format string, args ...any) error {
	if !bad {
		return nil
	}
	return Field(field, format, args...)
}

// Is reports whether err (or anything it wraps) is a bad-input error.
func Is(err error) bool {
	var e *Error
	return errors.As(err, &e)
}
