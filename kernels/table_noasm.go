//go:build purego || !(amd64 || arm64)

package kernels

// archTables would list this build's assembly kernels; there are none, and
// Available never offers an ISA other than generic.
func archTables() (*table[float32], *table[float64]) {
	return &table[float32]{}, &table[float64]{}
}
