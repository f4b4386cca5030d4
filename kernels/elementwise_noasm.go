//go:build purego || !(amd64 || arm64)

package kernels

// Without assembly every kernel runs its generic reference.
var (
	ewArch     *ewTable
	reduceArch *redTable
)

const ewArchISA = ""
