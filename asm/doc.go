// Module asm holds the avo programs that write ansatz's amd64 assembly.
// Each directory is one kernel family's generator; `go generate ./kernels`
// in the main module runs them and writes kernels/<family>_amd64.s plus its
// Go stubs. The generated files are committed; CI regenerates them and fails
// if anything changes.
package asm
