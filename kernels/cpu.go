package kernels

import "github.com/klauspost/cpuid/v2"

// hasAVX2 reports whether the assembly for amd64 can run: it needs AVX2 and
// FMA3 (every Haswell or later core), and is compiled only without purego.
func hasAVX2() bool {
	return asmAMD64 && cpuid.CPU.Supports(cpuid.AVX, cpuid.AVX2, cpuid.FMA3)
}

// hasNEON reports whether the arm64 assembly can run. ASIMD is part of the
// ARMv8-A base, so this is true on every arm64 build without purego.
func hasNEON() bool {
	return asmARM64
}
