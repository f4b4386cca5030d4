//go:build purego || !(amd64 || arm64)

package kernels

// gemmAsm reports the assembly GEMM for an ISA; this build has none.
func gemmAsm(string) (*gemmImpl[float32], *gemmImpl[float64]) { return nil, nil }
