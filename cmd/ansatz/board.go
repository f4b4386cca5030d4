package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ansatz/ansatz/pipeline"
)

// board shows what long verbs are doing (discover, and every running
// job of a batch) on stderr. On a terminal it keeps one status line per
// running job at the bottom, rewritten in place: elapsed time, job,
// stage, step and the current best formula; log lines scroll above it.
// Elsewhere (a file, a pipe, a cluster's log) it writes a plain log line
// per running job every plainEvery (the verbs log their stages
// themselves). --quiet turns it off (a nil *board does
// nothing).
type board struct {
	mu     sync.Mutex
	out    io.Writer    // the terminal (tty) ...
	tty    bool         //
	log    *slog.Logger // ... or where plain lines go
	width  int          // terminal columns
	now    func() time.Time
	jobs   []*jobStatus // running, in start order
	header string       // a batch's tally, shown above the jobs
	drawn  int          // status lines on the screen now
	stop   chan struct{}
}

// jobStatus is one running job's latest report.
type jobStatus struct {
	key       string
	start     time.Time
	cur       pipeline.Progress
	lastPlain time.Time
}

const (
	plainEvery = 10 * time.Second
	tickEvery  = time.Second
)

// newBoard is the display for stderr; nil when quiet. Its log must be
// set (to a logger writing through Writer) before use.
func newBoard(stderr io.Writer, quiet bool) *board {
	if quiet {
		return nil
	}
	p := &board{out: stderr, tty: isTerminal(stderr), width: 100, now: time.Now}
	if c, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && c > 20 {
		p.width = c
	}
	return p
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// writer is how to write to w (stderr, or stdout on the same screen)
// while the board shows: on a terminal through the board, so the text
// scrolls above the status lines, else straight to w.
func (p *board) writer(w io.Writer) io.Writer {
	if p == nil || !p.tty || !isTerminal(w) {
		return w
	}
	return above{p, w}
}

// above writes to w with the board's status lines moved out of the way.
type above struct {
	p *board
	w io.Writer
}

func (a above) Write(b []byte) (int, error) {
	a.p.mu.Lock()
	defer a.p.mu.Unlock()
	a.p.erase()
	n, err := a.w.Write(b)
	a.p.draw()
	return n, err
}

// begin starts showing a job; the returned function (which may be called
// more than once) ends it.
func (p *board) begin(key string) (end func()) {
	if p == nil {
		return func() {}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	js := &jobStatus{key: key, start: p.now(), lastPlain: p.now()}
	p.jobs = append(p.jobs, js)
	if p.stop == nil {
		p.stop = make(chan struct{})
		go p.ticker(p.stop)
	}
	p.redraw()
	return sync.OnceFunc(func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		for i, j := range p.jobs {
			if j == js {
				p.jobs = append(p.jobs[:i], p.jobs[i+1:]...)
				break
			}
		}
		if len(p.jobs) == 0 && p.stop != nil {
			close(p.stop)
			p.stop = nil
		}
		p.redraw()
	})
}

// reporter is the pipeline's Progress hook for one job (nil when quiet).
func (p *board) reporter(key string) func(pipeline.Progress) {
	if p == nil {
		return nil
	}
	return func(ev pipeline.Progress) { p.set(key, ev) }
}

// set records a job's latest report; on a terminal a new stage or step
// shows at once, the rest at the next tick.
func (p *board) set(key string, ev pipeline.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	js := p.find(key)
	if js == nil {
		return
	}
	prev := js.cur
	js.cur = ev
	if prev.Stage != ev.Stage || prev.Step != ev.Step {
		p.redraw()
	}
}

// setHeader sets the line shown above the jobs (a batch's tally).
func (p *board) setHeader(text string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.header = text
	p.redraw()
}

func (p *board) ticker(stop chan struct{}) {
	t := time.NewTicker(tickEvery)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			p.tick()
		}
	}
}

// tick refreshes the terminal (elapsed times, best formulas) or logs the
// jobs whose last plain line is plainEvery old.
func (p *board) tick() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tty {
		p.redraw()
		return
	}
	for _, js := range p.jobs {
		if js.cur.Stage != "" && p.now().Sub(js.lastPlain) >= plainEvery {
			p.plain(js)
		}
	}
}

func (p *board) find(key string) *jobStatus {
	for _, j := range p.jobs {
		if j.key == key {
			return j
		}
	}
	return nil
}

// plain logs one job's status as a message.
func (p *board) plain(js *jobStatus) {
	js.lastPlain = p.now()
	args := []any{"job", js.key, "elapsed", p.now().Sub(js.start).Round(time.Second).String(), "stage", js.cur.Stage}
	if js.cur.Step != "" {
		args = append(args, "step", js.cur.Step)
	}
	if js.cur.Best != "" {
		args = append(args, "best", js.cur.Best, "loss", js.cur.Loss)
	}
	if p.log != nil {
		p.log.Info("progress", args...)
	}
}

// redraw replaces the status lines on a terminal.
func (p *board) redraw() {
	if !p.tty {
		return
	}
	p.erase()
	p.draw()
}

// erase removes the status lines, leaving the cursor at the start of the
// first one.
func (p *board) erase() {
	if p.drawn == 0 {
		return
	}
	io.WriteString(p.out, "\r\x1b[K"+strings.Repeat("\x1b[1A\x1b[K", p.drawn-1))
	p.drawn = 0
}

// draw writes the status lines (the cursor stays at the end of the last).
func (p *board) draw() {
	var lines []string
	if p.header != "" && len(p.jobs) > 0 {
		lines = append(lines, p.header)
	}
	for _, js := range p.jobs {
		lines = append(lines, p.line(js))
	}
	if len(lines) == 0 {
		return
	}
	for i, l := range lines {
		if r := []rune(l); len(r) > p.width-1 {
			lines[i] = string(r[:p.width-2]) + "…"
		}
	}
	io.WriteString(p.out, strings.Join(lines, "\n"))
	p.drawn = len(lines)
}

// line is one job's status line.
func (p *board) line(js *jobStatus) string {
	el := p.now().Sub(js.start).Round(time.Second)
	parts := []string{fmt.Sprintf("[%d:%02d] %s", int(el.Minutes()), int(el.Seconds())%60, js.key)}
	if js.cur.Stage != "" {
		parts = append(parts, js.cur.Stage)
	}
	if js.cur.Step != "" {
		parts = append(parts, js.cur.Step)
	}
	if js.cur.Best != "" {
		parts = append(parts, fmt.Sprintf("best: %s (loss %.4g)", js.cur.Best, js.cur.Loss))
	}
	return strings.Join(parts, " · ")
}
