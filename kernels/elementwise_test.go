package kernels

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/rand"
	"testing"
)

// An ewCase runs one exported kernel (got) and its reference (want) on
// the same inputs. ulps is the allowed difference (0: bit-exact, NaNs
// compared as NaN).
type ewCase[T Float] struct {
	name string
	nin  int
	got  func(dst []T, in [][]T)
	want func(dst []T, in [][]T)
	ulps float64
}

func arithCases32() []ewCase[float32] {
	return []ewCase[float32]{
		{"Add32", 2, func(d []float32, in [][]float32) { Add32(d, in[0], in[1]) }, func(d []float32, in [][]float32) { addGeneric(d, in[0], in[1]) }, 0},
		{"Sub32", 2, func(d []float32, in [][]float32) { Sub32(d, in[0], in[1]) }, func(d []float32, in [][]float32) { subGeneric(d, in[0], in[1]) }, 0},
		{"Mul32", 2, func(d []float32, in [][]float32) { Mul32(d, in[0], in[1]) }, func(d []float32, in [][]float32) { mulGeneric(d, in[0], in[1]) }, 0},
		{"Div32", 2, func(d []float32, in [][]float32) { Div32(d, in[0], in[1]) }, func(d []float32, in [][]float32) { divGeneric(d, in[0], in[1]) }, 0},
		{"Fma32", 3, func(d []float32, in [][]float32) { Fma32(d, in[0], in[1], in[2]) }, func(d []float32, in [][]float32) { fmaGeneric32(d, in[0], in[1], in[2]) }, 1},
		{"AddScalar32", 1, func(d []float32, in [][]float32) { AddScalar32(d, in[0], 0.3) }, func(d []float32, in [][]float32) { addScalarGeneric(d, in[0], 0.3) }, 0},
		{"MulScalar32", 1, func(d []float32, in [][]float32) { MulScalar32(d, in[0], -1.7) }, func(d []float32, in [][]float32) { mulScalarGeneric(d, in[0], -1.7) }, 0},
		{"Axpy32", 2, func(d []float32, in [][]float32) { copy(d, in[1]); Axpy32(d, in[0], 2.5) }, func(d []float32, in [][]float32) { copy(d, in[1]); axpyGeneric(d, in[0], 2.5) }, 0},
		{"Neg32", 1, func(d []float32, in [][]float32) { Neg32(d, in[0]) }, func(d []float32, in [][]float32) { negGeneric(d, in[0]) }, 0},
		{"Abs32", 1, func(d []float32, in [][]float32) { Abs32(d, in[0]) }, func(d []float32, in [][]float32) { absGeneric(d, in[0]) }, 0},
		{"Square32", 1, func(d []float32, in [][]float32) { Square32(d, in[0]) }, func(d []float32, in [][]float32) { squareGeneric(d, in[0]) }, 0},
		{"Cube32", 1, func(d []float32, in [][]float32) { Cube32(d, in[0]) }, func(d []float32, in [][]float32) { cubeGeneric(d, in[0]) }, 0},
		{"Sqrt32", 1, func(d []float32, in [][]float32) { Sqrt32(d, in[0]) }, func(d []float32, in [][]float32) { sqrtGeneric(d, in[0]) }, 0},
		{"Fill32", 0, func(d []float32, in [][]float32) { Fill32(d, -2.25) }, func(d []float32, in [][]float32) { fillGeneric(d, -2.25) }, 0},
	}
}

func arithCases64() []ewCase[float64] {
	return []ewCase[float64]{
		{"Add64", 2, func(d []float64, in [][]float64) { Add64(d, in[0], in[1]) }, func(d []float64, in [][]float64) { addGeneric(d, in[0], in[1]) }, 0},
		{"Sub64", 2, func(d []float64, in [][]float64) { Sub64(d, in[0], in[1]) }, func(d []float64, in [][]float64) { subGeneric(d, in[0], in[1]) }, 0},
		{"Mul64", 2, func(d []float64, in [][]float64) { Mul64(d, in[0], in[1]) }, func(d []float64, in [][]float64) { mulGeneric(d, in[0], in[1]) }, 0},
		{"Div64", 2, func(d []float64, in [][]float64) { Div64(d, in[0], in[1]) }, func(d []float64, in [][]float64) { divGeneric(d, in[0], in[1]) }, 0},
		{"Fma64", 3, func(d []float64, in [][]float64) { Fma64(d, in[0], in[1], in[2]) }, func(d []float64, in [][]float64) { fmaGeneric64(d, in[0], in[1], in[2]) }, 0},
		{"AddScalar64", 1, func(d []float64, in [][]float64) { AddScalar64(d, in[0], 0.3) }, func(d []float64, in [][]float64) { addScalarGeneric(d, in[0], 0.3) }, 0},
		{"MulScalar64", 1, func(d []float64, in [][]float64) { MulScalar64(d, in[0], -1.7) }, func(d []float64, in [][]float64) { mulScalarGeneric(d, in[0], -1.7) }, 0},
		{"Axpy64", 2, func(d []float64, in [][]float64) { copy(d, in[1]); Axpy64(d, in[0], 2.5) }, func(d []float64, in [][]float64) { copy(d, in[1]); axpyGeneric(d, in[0], 2.5) }, 0},
		{"Neg64", 1, func(d []float64, in [][]float64) { Neg64(d, in[0]) }, func(d []float64, in [][]float64) { negGeneric(d, in[0]) }, 0},
		{"Abs64", 1, func(d []float64, in [][]float64) { Abs64(d, in[0]) }, func(d []float64, in [][]float64) { absGeneric(d, in[0]) }, 0},
		{"Square64", 1, func(d []float64, in [][]float64) { Square64(d, in[0]) }, func(d []float64, in [][]float64) { squareGeneric(d, in[0]) }, 0},
		{"Cube64", 1, func(d []float64, in [][]float64) { Cube64(d, in[0]) }, func(d []float64, in [][]float64) { cubeGeneric(d, in[0]) }, 0},
		{"Sqrt64", 1, func(d []float64, in [][]float64) { Sqrt64(d, in[0]) }, func(d []float64, in [][]float64) { sqrtGeneric(d, in[0]) }, 0},
		{"Fill64", 0, func(d []float64, in [][]float64) { Fill64(d, -2.25) }, func(d []float64, in [][]float64) { fillGeneric(d, -2.25) }, 0},
	}
}

// runCases checks each case over every size and offset, with guard bands
// around dst and the inputs, special values mixed into the inputs, and
// once more in place (dst is the first input).
func runCases[T Float](t *testing.T, cases []ewCase[T], lanes int, gen func(*rand.Rand) float64) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := rand.New(rand.NewSource(1))
			worst := 0.0
			for _, n := range testSizes(lanes) {
				for _, off := range testOffsets {
					if n > 1000 && off != 1 {
						continue // the long run once, unaligned
					}
					in := make([][]T, c.nin)
					checks := make([]func(), c.nin)
					for k := range in {
						in[k], checks[k] = guarded[T](t, n, off)
						fillWith(in[k], r, gen)
						withSpecials(in[k], r, 50)
					}
					dst, check := guarded[T](t, n, (off+1)%4)
					want := make([]T, n)
					c.want(want, in)
					c.got(dst, in)
					check()
					for _, ch := range checks {
						ch()
					}
					worst = compareSlices(t, c.name, n, off, dst, want, in, c.ulps, worst)
					if c.nin > 0 && c.name[:4] != "Axpy" {
						cp := append([]T(nil), in[0]...)
						in2 := append([][]T{cp}, in[1:]...)
						c.got(cp, in2)
						compareSlices(t, c.name+" in place", n, off, cp, want, in, c.ulps, 0)
					}
				}
			}
			t.Logf("%s (%s): max error %.2g ulp", c.name, Current(), worst)
		})
	}
}

func compareSlices[T Float](t *testing.T, name string, n, off int, got, want []T, in [][]T, ulps, worst float64) float64 {
	t.Helper()
	for i := range want {
		d := ulpDiff(got[i], want[i])
		if d > worst {
			worst = d
		}
		if d > ulps {
			args := ""
			for _, x := range in {
				args += fmt.Sprintf(" %v", x[i])
			}
			t.Fatalf("%s n=%d off=%d: element %d (inputs%s): got %v want %v (%.3g ulp > %g)",
				name, n, off, i, args, got[i], want[i], d, ulps)
		}
	}
	return worst
}

func TestElementwise32(t *testing.T) { runCases(t, arithCases32(), 8, uniform(-4, 4)) }
func TestElementwise64(t *testing.T) { runCases(t, arithCases64(), 4, uniform(-4, 4)) }

// TestElementwiseShortInputPanics: the API contract says too-short inputs panic.
func TestElementwiseShortInputPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("Add32 with a short input did not panic")
		}
	}()
	Add32(make([]float32, 5), make([]float32, 5), make([]float32, 4))
}

// decode32 turns fuzz bytes into float32 values (any bit pattern).
func decode32(data []byte) []float32 {
	x := make([]float32, len(data)/4)
	for i := range x {
		x[i] = math.Float32frombits(binary.LittleEndian.Uint32(data[4*i:]))
	}
	return x
}

func decode64(data []byte) []float64 {
	x := make([]float64, len(data)/8)
	for i := range x {
		x[i] = math.Float64frombits(binary.LittleEndian.Uint64(data[8*i:]))
	}
	return x
}

// fuzzSeeds adds a few seed inputs of mixed lengths.
func fuzzSeeds(f *testing.F) {
	r := rand.New(rand.NewSource(3))
	for _, n := range []int{0, 3, 17, 40, 200} {
		b := make([]byte, n*8)
		r.Read(b)
		f.Add(b, uint8(n))
	}
	b := make([]byte, 0, 8*len(specials))
	for _, v := range specials {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
	}
	f.Add(b, uint8(1))
}

// fuzzCases runs case k (mod the number of cases) on inputs split from x.
func fuzzCases[T Float](t *testing.T, cases []ewCase[T], x []T, k uint8) {
	c := cases[int(k)%len(cases)]
	nin := c.nin
	if nin == 0 {
		nin = 1
	}
	n := len(x) / nin
	in := make([][]T, c.nin)
	for j := range in {
		in[j] = x[j*n : (j+1)*n]
	}
	got, want := make([]T, n), make([]T, n)
	c.want(want, in)
	c.got(got, in)
	compareSlices(t, c.name, n, 0, got, want, in, c.ulps, 0)
}

func FuzzElementwise32(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte, k uint8) { fuzzCases(t, arithCases32(), decode32(data), k) })
}

func FuzzElementwise64(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte, k uint8) { fuzzCases(t, arithCases64(), decode64(data), k) })
}

// TestElementwiseImplementationNames: the family names say which kernels
// still run generic code (only Pow64 on NEON has no assembly).
func TestElementwiseImplementationNames(t *testing.T) {
	_, impl := Implementations()
	cur := Current()
	wantEW, wantRed := cur, cur
	if cur == NEON {
		wantEW = cur + " (pow64: generic)"
	}
	if impl["elementwise"] != wantEW || impl["reduce"] != wantRed {
		t.Fatalf("under %s: elementwise=%q reduce=%q, want %q and %q", cur, impl["elementwise"], impl["reduce"], wantEW, wantRed)
	}
	t.Logf("elementwise: %s; reduce: %s", impl["elementwise"], impl["reduce"])
}
