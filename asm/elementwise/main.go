// Command elementwise writes ansatz's AVX2+FMA assembly for the element-wise
// arithmetic, math-function and reduction kernels (kernels/elementwise_amd64.s
// and its Go stubs). Run it through `go generate ./kernels` in the main module.
//
// Every kernel takes Go slices, uses len(dst) (or len of the first input for
// reductions) as the element count, handles any length and alignment, and
// executes VZEROUPPER before returning. The Go wrappers in package kernels
// check the lengths.
package main

import . "github.com/mmcloughlin/avo/build"

func main() {
	ConstraintExpr("amd64,!purego") // the stubs file name alone does not restrict GOARCH
	forBothKinds(arithOps, arithKernel)
	forBothKinds(reduceOps, reduceKernel)
	mathKernels()
	Generate()
}

// forBothKinds emits the kernel of each op for float32, then for float64.
func forBothKinds[O any](ops []O, emit func(O, kind)) {
	for _, op := range ops {
		for _, t := range []kind{f32, f64} {
			emit(op, t)
		}
	}
}
