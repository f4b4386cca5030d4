package symreg

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
)

// ckptFloat is a float64 that survives JSON even when it is not finite.
// Populations routinely hold members whose loss is +Inf (a formula that
// overflows on some row), and encoding/json refuses NaN and ±Inf, which
// would make a checkpoint impossible to write exactly when a search is
// interrupted. Finite values are plain JSON numbers with the shortest
// exact text; the others are the strings "NaN", "+Inf" and "-Inf".
type ckptFloat float64

// MarshalJSON writes finite values as numbers and the rest as strings.
func (f ckptFloat) MarshalJSON() ([]byte, error) {
	v := float64(f)
	switch {
	case math.IsNaN(v):
		return []byte(`"NaN"`), nil
	case math.IsInf(v, 1):
		return []byte(`"+Inf"`), nil
	case math.IsInf(v, -1):
		return []byte(`"-Inf"`), nil
	}
	return strconv.AppendFloat(nil, v, 'g', -1, 64), nil
}

// UnmarshalJSON reads what MarshalJSON writes.
func (f *ckptFloat) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		switch s {
		case "NaN":
			*f = ckptFloat(math.NaN())
		case "+Inf", "Inf":
			*f = ckptFloat(math.Inf(1))
		case "-Inf":
			*f = ckptFloat(math.Inf(-1))
		default:
			return fmt.Errorf("not a number: %q", s)
		}
		return nil
	}
	var v float64
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*f = ckptFloat(v)
	return nil
}
