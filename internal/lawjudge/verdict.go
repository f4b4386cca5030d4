package lawjudge

import "github.com/ansatz/ansatz/internal/enumtext"

// Verdict is the judge's classification of a formula.
type Verdict uint8

const (
	None Verdict = iota // not within tolerance even inside the sampled ranges
	Fit                 // within tolerance inside the ranges only
	Law                 // the truth: symbolically, or within tolerance on widened ranges too
)

var verdictNames = enumtext.Names{"none", "fit", "law"}

// String is "law", "fit" or "none".
func (v Verdict) String() string { return verdictNames.String(int(v)) }

// MarshalText writes the verdict's name.
func (v Verdict) MarshalText() ([]byte, error) { return verdictNames.Marshal(uint8(v)) }

// UnmarshalText reads a verdict's name.
func (v *Verdict) UnmarshalText(b []byte) error { return verdictNames.Unmarshal(b, (*uint8)(v)) }
