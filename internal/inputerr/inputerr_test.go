package inputerr

import (
	"errors"
	"fmt"
	"testing"
)

func TestFormatAndIs(t *testing.T) {
	cases := []struct {
		err  error
		want string
	}{
		{At("d.csv", 3, 2, "not a number: %q", "x"), `d.csv:3:2: not a number: "x"`},
		{At("d.csv", 3, 0, "ragged row"), "d.csv:3: ragged row"},
		{At("d.csv", 0, 0, "empty file"), "d.csv: empty file"},
		{New("threads must be positive"), "threads must be positive"},
		{Field("kan.Config.Grid", "must be in 1..%d, not %d", 4096, 0), "kan.Config.Grid: must be in 1..4096, not 0"},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) {
			if c.err.Error() != c.want {
				t.Errorf("got %q, want %q", c.err.Error(), c.want)
			}
			if !Is(fmt.Errorf("loading: %w", c.err)) {
				t.Errorf("Is(wrapped %q) = false", c.want)
			}
		})
	}
	var e *Error
	if !errors.As(fmt.Errorf("fit: %w", Field("model.TrainConfig.Hidden", "must be positive")), &e) || e.Field != "model.TrainConfig.Hidden" {
		t.Errorf("Field not recoverable from a wrapped error: %+v", e)
	}
	if Is(errors.New("disk on fire")) {
		t.Error("Is(plain error) = true")
	}
}
