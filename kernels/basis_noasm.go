//go:build purego || !(amd64 || arm64)

package kernels

// basisArch reports the assembly basis kernels for an ISA; this build has
// none, so the references always run.
func basisArch(isa string) (func([]float64, Grid, []int32, []float64, []float64), func([]float32, Grid, []int32, []float32, []float32)) {
	return nil, nil
}
