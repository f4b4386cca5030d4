// Package soak is `ansatz bench soak`: for a given time it runs random
// verbs of the ansatz binary, each in its own process, on random tables,
// valid and corrupted (truncated, bit-flipped, ragged, non-finite cells,
// absurd NPY shapes, junk), and on models trained along the way, some
// corrupted too. It checks what every run must do whatever its input:
// end by itself (no hang), with exit code 0 or 2 (1 is an internal error),
// never a panic or a fatal runtime error, one line on stderr when it
// fails, and, when it succeeds, output that parses (JSON, model files).
// The report counts runs, exit codes and crashes per verb.
//
// It runs processes, not functions, so that what kills a process (a
// fatal error, a stack overflow, running out of memory) is caught too.
// It imports model (with the kan and mlp decoders) to check model files;
// cmd/ansatz gives it the command that starts the binary.
package soak
