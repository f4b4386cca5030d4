//go:build !purego

package kernels

const (
	asmAMD64 = false
	asmARM64 = true
)
