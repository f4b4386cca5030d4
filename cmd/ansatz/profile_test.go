package main

import (
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
)

// The pprof server answers while the command runs and is gone after stop.
func TestPprofServer(t *testing.T) {
	g := &Globals{PprofAddr: "127.0.0.1:0", Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	p, err := startProfiling(g)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get("http://" + p.addr + "/debug/pprof/goroutine?debug=1")
	if err != nil {
		p.stop()
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "goroutine profile") {
		t.Errorf("status %d, body %.80q", resp.StatusCode, body)
	}
	if err := p.stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := http.Get("http://" + p.addr + "/debug/pprof/"); err == nil {
		t.Error("server still answering after stop")
	}
}
