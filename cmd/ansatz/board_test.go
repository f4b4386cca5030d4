package main

import (
	"bytes"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ansatz/ansatz/pipeline"
)

// clock is a settable time source for the board.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// lockedBuffer is a bytes.Buffer safe for the board's ticker.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

func TestBoardOnATerminal(t *testing.T) {
	var out lockedBuffer
	clk := &clock{t: time.Unix(0, 0)}
	b := &board{out: &out, tty: true, width: 200, now: clk.now}
	end := b.begin("runs/a")
	b.set("runs/a", pipeline.Progress{Stage: "law", Step: "search: top 3 features", Best: "0.2707*(l*sin(m))", Loss: 0.5955})
	if !strings.Contains(out.String(), "\r\x1b[K[0:00] runs/a · law · search: top 3 features · best: 0.2707*(l*sin(m)) (loss 0.5955)") {
		t.Fatalf("status line not drawn in place: %q", out.String())
	}
	clk.add(65 * time.Second)
	b.tick()
	if !strings.Contains(out.String(), "\r\x1b[K[1:05] runs/a · law") {
		t.Errorf("elapsed time not updated: %q", out.String())
	}
	// A log line goes above the status line: erase, the line, redraw.
	above{b, &out}.Write([]byte("time=... msg=hello\n"))
	if got := out.String(); !strings.Contains(got, "\r\x1b[Ktime=... msg=hello\n[1:05] runs/a") {
		t.Errorf("log line not put above the status line: %q", got)
	}
	end()
	if got := out.String(); !strings.HasSuffix(got, "\r\x1b[K") {
		t.Errorf("status line not erased at the end: %q", got[max(0, len(got)-40):])
	}
}

func TestBoardPlainLines(t *testing.T) {
	var out lockedBuffer
	clk := &clock{t: time.Unix(0, 0)}
	b := &board{out: &out, log: slog.New(slog.NewTextHandler(&out, nil)), width: 80, now: clk.now}
	defer b.begin("discover")()
	b.set("discover", pipeline.Progress{Stage: "law", Step: "search: top 2 features", Best: "a*b", Loss: 0.01})
	clk.add(plainEvery / 2)
	b.tick()
	if out.String() != "" {
		t.Fatalf("a plain line before %v: %q", plainEvery, out.String())
	}
	clk.add(plainEvery / 2)
	b.tick()
	got := out.String()
	if strings.Count(got, "\n") != 1 || !strings.Contains(got, `msg=progress job=discover elapsed=10s stage=law step="search: top 2 features" best=a*b loss=0.01`) || strings.Contains(got, "\x1b") {
		t.Errorf("plain line %q", got)
	}
}

func TestBoardQuiet(t *testing.T) {
	var b *board = newBoard(&bytes.Buffer{}, true)
	b.begin("x")()
	b.setHeader("h")
	if b.reporter("x") != nil || b.writer(nil) != nil {
		t.Error("a quiet board does something")
	}
}
