//go:build purego || !(amd64 || arm64)

package kernels

const (
	asmAMD64 = false
	asmARM64 = false
)
