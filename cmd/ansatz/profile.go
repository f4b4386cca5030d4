package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"
	"runtime"
	rpprof "runtime/pprof"
	"runtime/trace"
	"time"

	"github.com/ansatz/ansatz/internal/atomicfile"
	"github.com/ansatz/ansatz/internal/inputerr"
)

// profiling holds what --cpuprofile, --memprofile, --trace and
// --pprof-addr started. Files appear only when the command ends (written
// atomically), so a killed run leaves no truncated profile behind.
type profiling struct {
	cpu, tr  *atomicfile.Pending
	mem      *atomicfile.Pending // created at start so a bad path fails early
	server   *http.Server
	addr     string // where the pprof server listens
	serveErr chan error
}

func startProfiling(g *Globals) (_ *profiling, err error) {
	p := &profiling{}
	defer func() {
		if err != nil {
			p.abort()
		}
	}()
	if g.CPUProfile != "" {
		if p.cpu, err = atomicfile.Create(g.CPUProfile); err != nil {
			return nil, inputerr.New("--cpuprofile: %v", err)
		}
		if err = rpprof.StartCPUProfile(p.cpu); err != nil {
			p.cpu.Abort()
			p.cpu = nil
			return nil, fmt.Errorf("--cpuprofile: %w", err)
		}
	}
	if g.MemProfile != "" {
		if p.mem, err = atomicfile.Create(g.MemProfile); err != nil {
			return nil, inputerr.New("--memprofile: %v", err)
		}
	}
	if g.Trace != "" {
		if p.tr, err = atomicfile.Create(g.Trace); err != nil {
			return nil, inputerr.New("--trace: %v", err)
		}
		if err = trace.Start(p.tr); err != nil {
			p.tr.Abort()
			p.tr = nil
			return nil, fmt.Errorf("--trace: %w", err)
		}
	}
	if g.PprofAddr != "" {
		ln, err := net.Listen("tcp", g.PprofAddr)
		if err != nil {
			return nil, inputerr.New("--pprof-addr: %v", err)
		}
		mux := http.NewServeMux()
		mux.HandleFunc("/debug/pprof/", pprof.Index)
		mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
		mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
		mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
		mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
		p.server = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
		p.serveErr = make(chan error, 1)
		go func() { p.serveErr <- p.server.Serve(ln) }()
		p.addr = ln.Addr().String()
		g.Log.Info("serving pprof", "url", "http://"+p.addr+"/debug/pprof/")
	}
	return p, nil
}

// stop ends profiling and writes the profile files.
func (p *profiling) stop() error {
	var errs []error
	if p.cpu != nil {
		rpprof.StopCPUProfile()
		errs = append(errs, p.cpu.Commit())
	}
	if p.tr != nil {
		trace.Stop()
		errs = append(errs, p.tr.Commit())
	}
	if p.mem != nil {
		runtime.GC() // up-to-date statistics, as the runtime/pprof docs advise
		if err := rpprof.Lookup("heap").WriteTo(p.mem, 0); err != nil {
			p.mem.Abort()
			errs = append(errs, fmt.Errorf("--memprofile: %w", err))
		} else {
			errs = append(errs, p.mem.Commit())
		}
	}
	if p.server != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		p.server.Shutdown(ctx)
		if err := <-p.serveErr; err != nil && !errors.Is(err, http.ErrServerClosed) {
			errs = append(errs, fmt.Errorf("--pprof-addr: %w", err))
		}
	}
	return errors.Join(errs...)
}

// abort undoes a partial start.
func (p *profiling) abort() {
	if p.cpu != nil {
		rpprof.StopCPUProfile()
		p.cpu.Abort()
	}
	if p.tr != nil {
		trace.Stop()
		p.tr.Abort()
	}
	if p.mem != nil {
		p.mem.Abort()
	}
}
