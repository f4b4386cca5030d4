package main

import "github.com/ansatz/ansatz/internal/jsonnum"

// The --json documents of every verb go through internal/jsonnum, which
// writes NaN and ±Inf as null (encoding/json refuses them, and a script
// must always get a document).
type (
	jsonFloat  = jsonnum.Float
	jsonFloats = jsonnum.Floats
)

// jsonNum maps non-finite values to nil (JSON null) in map documents.
func jsonNum(v float64) any { return jsonnum.Value(v) }
