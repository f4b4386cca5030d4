package main

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/klauspost/cpuid/v2"

	"github.com/ansatz/ansatz/cluster"
	"github.com/ansatz/ansatz/kernels"
)

// version is the release; builds may override it with
// -ldflags "-X main.version=v1.2.3".
var version = "0.1.0-dev"

// pseudoVersion matches the timestamp-and-hash tail of a Go pseudo-version
// such as v0.0.0-20261122031500-abcdef123456.
var pseudoVersion = regexp.MustCompile(`\d{14}-[0-9a-f]{12}`)

// buildInfo describes the binary: what `ansatz version` prints and the
// first part of `ansatz info`.
type buildInfo struct {
	Version  string `json:"version"`
	Go       string `json:"go"`
	OS       string `json:"os"`
	Arch     string `json:"arch"`
	Tags     string `json:"tags"`   // build tags, e.g. "purego"; "" for none
	PureGo   bool   `json:"purego"` // built without assembly
	Revision string `json:"revision,omitempty"`
	Modified bool   `json:"modified,omitempty"`
}

func readBuildInfo() buildInfo {
	b := buildInfo{Version: version, Go: runtime.Version(), OS: runtime.GOOS, Arch: runtime.GOARCH}
	if bi, ok := debug.ReadBuildInfo(); ok {
		// A release tag (go install ...@vX.Y.Z), not the pseudo-version
		// that go build stamps from a git checkout.
		if v := bi.Main.Version; strings.HasPrefix(v, "v") && !pseudoVersion.MatchString(v) && !strings.HasSuffix(v, "+dirty") {
			b.Version = v
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "-tags":
				b.Tags = s.Value
			case "vcs.revision":
				b.Revision = s.Value
			case "vcs.modified":
				b.Modified = s.Value == "true"
			}
		}
	}
	for _, t := range strings.Split(b.Tags, ",") {
		if t == "purego" {
			b.PureGo = true
		}
	}
	return b
}

// cpuInfo is what cpuid reports about the processor.
type cpuInfo struct {
	Brand          string   `json:"brand"`
	Vendor         string   `json:"vendor"`
	PhysicalCores  int      `json:"physical_cores"`
	LogicalCores   int      `json:"logical_cores"`
	ThreadsPerCore int      `json:"threads_per_core"`
	UsableCPUs     int      `json:"usable_cpus"` // runtime.NumCPU: what this process may use
	CacheLine      int      `json:"cache_line"`
	L1D            int      `json:"l1d_bytes"`
	L2             int      `json:"l2_bytes"`
	L3             int      `json:"l3_bytes"`
	Features       []string `json:"features"`
}

func readCPUInfo() cpuInfo {
	c := cpuid.CPU
	return cpuInfo{
		Brand: c.BrandName, Vendor: c.VendorString,
		PhysicalCores: c.PhysicalCores, LogicalCores: c.LogicalCores, ThreadsPerCore: c.ThreadsPerCore,
		UsableCPUs: runtime.NumCPU(), CacheLine: c.CacheLine,
		L1D: c.Cache.L1D, L2: c.Cache.L2, L3: c.Cache.L3,
		Features: c.FeatureSet(),
	}
}

// kernelInfo says which implementation each kernel family runs.
type kernelInfo struct {
	ISA       string            `json:"isa"`       // selected with --isa (auto: best available)
	Available []string          `json:"available"` // ISAs this build and CPU can run
	Families  map[string]string `json:"families"`  // family -> implementation in use
}

// InfoCmd prints the build, the CPU and the kernel implementation per family.
type InfoCmd struct {
	JSON bool `name:"json" help:"Print one JSON object."`
}

// Run prints the report; the kernels already follow --isa (see setup).
func (c *InfoCmd) Run(g *Globals) error {
	names, impl := kernels.Implementations()
	rep := struct {
		Build   buildInfo  `json:"build"`
		CPU     cpuInfo    `json:"cpu"`
		Threads int        `json:"threads"`
		Kernels kernelInfo `json:"kernels"`
		MPI     mpiInfo    `json:"mpi"`
	}{readBuildInfo(), readCPUInfo(), g.Threads, kernelInfo{kernels.Current(), kernels.Available(), impl}, readMPIInfo(g.World)}
	if c.JSON {
		return writeJSON(g.Stdout, rep)
	}
	w := g.Stdout
	printBuild(w, rep.Build)
	cpu := rep.CPU
	fmt.Fprintf(w, "cpu:      %s (%s)\n", orUnknown(cpu.Brand), orUnknown(cpu.Vendor))
	fmt.Fprintf(w, "cores:    %d physical, %d logical, %d usable; threads: %d\n",
		cpu.PhysicalCores, cpu.LogicalCores, cpu.UsableCPUs, rep.Threads)
	fmt.Fprintf(w, "cache:    L1d %s, L2 %s, L3 %s, line %d B\n", kib(cpu.L1D), kib(cpu.L2), kib(cpu.L3), cpu.CacheLine)
	fmt.Fprintf(w, "features: %s\n", strings.Join(cpu.Features, " "))
	fmt.Fprintf(w, "kernels:  isa %s (available: %s)\n", rep.Kernels.ISA, strings.Join(rep.Kernels.Available, ", "))
	for _, n := range names {
		fmt.Fprintf(w, "  %-12s %s\n", n, impl[n])
	}
	fmt.Fprintf(w, "mpi:      %s\n", rep.MPI)
	return nil
}

// mpiInfo says whether MPI support is built in (build tag mpi) and, when
// the process was started by an MPI launcher, its rank and the job's size.
type mpiInfo struct {
	Compiled bool   `json:"compiled"`
	Library  string `json:"library,omitempty"`
	Launched bool   `json:"launched"`
	Rank     int    `json:"rank"`
	Size     int    `json:"size"`
}

func readMPIInfo(w *cluster.World) mpiInfo {
	m := mpiInfo{Rank: w.Rank(), Size: w.Size()}
	if w != nil {
		m.Compiled, m.Library, m.Launched = w.Compiled, w.Library, w.Comm != nil
	}
	return m
}

func (m mpiInfo) String() string {
	switch {
	case !m.Compiled:
		return "not compiled in (build with -tags mpi, see docs/hpc.md)"
	case !m.Launched:
		return fmt.Sprintf("compiled in (%s); not started by mpirun or srun: 1 rank", m.Library)
	}
	return fmt.Sprintf("compiled in (%s); rank %d of %d", m.Library, m.Rank, m.Size)
}

func printBuild(w io.Writer, b buildInfo) {
	tags := b.Tags
	if tags == "" {
		tags = "none"
	}
	fmt.Fprintf(w, "ansatz:   %s\n", b.Version)
	fmt.Fprintf(w, "go:       %s %s/%s, tags: %s, assembly: %v\n", b.Go, b.OS, b.Arch, tags, !b.PureGo)
	if b.Revision != "" {
		mod := ""
		if b.Modified {
			mod = " (modified)"
		}
		fmt.Fprintf(w, "revision: %s%s\n", b.Revision, mod)
	}
}

func kib(n int) string {
	if n <= 0 {
		return "?"
	}
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d KiB", n>>10)
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// writeJSON prints v as one indented JSON document.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// VersionCmd prints the version.
type VersionCmd struct {
	JSON bool `name:"json" help:"Print one JSON object."`
}

// Run prints the version line (or the build as JSON).
func (c *VersionCmd) Run(g *Globals) error {
	b := readBuildInfo()
	if c.JSON {
		return writeJSON(g.Stdout, b)
	}
	fmt.Fprintf(g.Stdout, "ansatz %s (%s %s/%s)\n", b.Version, b.Go, b.OS, b.Arch)
	return nil
}
