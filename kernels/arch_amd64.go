//go:build !purego

package kernels

const (
	asmAMD64 = true
	asmARM64 = false
)
