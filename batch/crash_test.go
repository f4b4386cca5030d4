package batch

import (
	"context"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/internal/panics"
)

// A job that panics is recorded as failed, with the panic as its error;
// the other jobs still run, and Run returns the panic for the command.
func TestRunJobPanic(t *testing.T) {
	jobs := []Job{{Key: "a", Line: 1}, {Key: "b", Line: 2}, {Key: "c", Line: 3}}
	out := &sink{}
	run := func(ctx context.Context, j Job, threads int) Result {
		if j.Key == "b" {
			var m map[string]int
			m["boom"]++ // a bug in the job
		}
		return Result{Line: j.Line, Job: []byte(j.Key), Status: StatusOK}
	}
	notOK, err := Run(context.Background(), NewList(jobs), 2, 2, run, out)
	if c, ok := panics.As(err); !ok || !strings.Contains(c.Error(), "nil map") {
		t.Fatalf("err %v, want the job's panic", err)
	}
	if notOK != 1 || len(out.got) != 3 {
		t.Fatalf("notOK %d, %d results", notOK, len(out.got))
	}
	for _, r := range out.got {
		if string(r.Job) == "b" && (r.Status != StatusFailed || r.Line != 2 || !strings.Contains(r.Error, "internal error: panic")) {
			t.Errorf("crashed job recorded as %+v", r)
		}
	}
}
