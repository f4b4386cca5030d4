package pipeline

import (
	"context"
	"time"

	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/internal/panics"
	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/symreg/expr"
	"github.com/ansatz/ansatz/table"
)

// runner carries one run's shared state from stage to stage. The stages
// before the test stage read the training and validation rows only; the
// fitted models and formulas they leave here are what the test stage
// scores on the held-out rows.
type runner struct {
	cfg   Config
	tab   *table.Table
	task  model.Task
	split model.Split
	res   *Result
	full  *fitted // the all-features model of stage 1
	all   []int   // 0..d-1
	// curve[k] is the model of Focus.Curve[k]; focused the focus set's.
	curve   []*fitted
	focused *fitted
	// fronts[k][i] is formula i of Law.Runs[k].Front.
	fronts [][]*expr.Node
}

// stageFunc runs one stage and says what became of it: StatusDone,
// StatusInterrupted or StatusSkipped, with a note for the report.
type stageFunc func(ctx context.Context) (status Status, note string, err error)

// Run performs the stages on the table (which must have a target): four
// that choose, on the training and validation rows only (the network, the
// ranking of the inputs, the focus set, the formula), then the test stage
// that scores what was chosen on the held-out test rows, once. When ctx
// is cancelled, the stage under way stops at its next check (between
// fits, inside MLP and KAN training, and inside the symbolic search), is
// marked interrupted, and the choosing stages after it are marked not
// run; the test stage still scores everything finished, so the Result
// holds it all. An error leaves the Result with the stages done before it
// (the caller may still write it).
func Run(ctx context.Context, tab *table.Table, cfg Config) (*Result, error) {
	start := time.Now()
	if err := cfg.check(); err != nil {
		return nil, err
	}
	if tab.Y == nil || tab.Rows == 0 || len(tab.Features) == 0 {
		return nil, inputerr.At(tab.File, 0, 0, "discover needs a target column and at least one feature")
	}
	task := cfg.Train.Task
	if task == "" {
		task = model.DetectTask(tab.Y)
	}
	split, err := model.SplitRows(tab.Rows, cfg.Train.TestFrac, cfg.Train.ValFrac, cfg.Train.Seed)
	if err != nil {
		return nil, err
	}
	if len(split.Test) < 5 || len(split.Train) < 5 {
		return nil, inputerr.At(tab.File, 0, 0, "%d rows are too few: discover needs at least 5 training and 5 test rows (test fraction %g)",
			tab.Rows, cfg.Train.TestFrac)
	}
	r := &runner{cfg: cfg, tab: tab, task: task, split: split}
	for j := range tab.Features {
		r.all = append(r.all, j)
	}
	r.res = &Result{Version: Version, Data: tab.File, Target: tab.Target, Task: task, Rows: tab.Rows,
		Features: tab.Features, Settings: cfg.settings()}
	stages := []struct {
		name string
		run  stageFunc
	}{
		{StageSignal, r.signal}, {StageAttribution, r.attribution}, {StageFocus, r.focus}, {StageLaw, r.law},
		{StageTest, r.test},
	}
	for _, s := range stages {
		r.res.Stages = append(r.res.Stages, Stage{Name: s.name, Status: StatusNotRun})
	}
	defer func() { r.res.Seconds = time.Since(start).Seconds() }()
	for i, s := range stages {
		st := &r.res.Stages[i]
		if ctx.Err() != nil && s.name != StageTest {
			st.Status = StatusInterrupted
			st.Note = "interrupted before it started"
			r.res.Interrupted = s.name
			break
		}
		cfg.logf("discover: stage "+s.name, "stage", i+1, "of", len(stages))
		cfg.progress(Progress{Stage: s.name})
		t0 := time.Now()
		status, note, err := runStage(ctx, s.run)
		st.Seconds = time.Since(t0).Seconds()
		if err != nil {
			st.Status, st.Note = StatusFailed, err.Error()
			return r.res, err
		}
		st.Status, st.Note = status, note
		if status == StatusInterrupted {
			r.res.Interrupted = s.name
			break
		}
	}
	if r.res.Interrupted != "" && r.res.Signal != nil { // score what was finished
		st := r.res.Stage(StageTest)
		t0 := time.Now()
		st.Status, st.Note, _ = r.test(ctx)
		st.Seconds = time.Since(t0).Seconds()
	}
	return r.res, nil
}

// runStage runs one stage; a panic in it (or raised again from one of
// its workers) fails the stage with a *panics.Caught error, so Run still
// returns the stages before it for the report.
func runStage(ctx context.Context, run stageFunc) (status Status, note string, err error) {
	defer panics.Recover(&err)
	return run(ctx)
}
