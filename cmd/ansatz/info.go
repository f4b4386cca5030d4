package main

import (
	"fmt"
	"runtime"

	"github.com/ansatz/ansatz/kernels"
)

// InfoCmd prints the build, the CPU and the kernel implementation per family.
type InfoCmd struct{}

func (c *InfoCmd) Run(g *Globals) error {
	fmt.Fprintf(g.Stdout, "go: %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(g.Stdout, "isa: %s (available: %v)\n", kernels.Current(), kernels.Available())
	names, impl := kernels.Implementations()
	for _, n := range names {
		fmt.Fprintf(g.Stdout, "  %-12s %s\n", n, impl[n])
	}
	return nil
}

// VersionCmd prints the version.
type VersionCmd struct{}

const version = "0.1.0-dev"

func (c *VersionCmd) Run(g *Globals) error {
	fmt.Fprintln(g.Stdout, "ansatz", version)
	return nil
}
