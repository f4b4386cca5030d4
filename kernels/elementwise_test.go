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

// arithCases lists the arithmetic kernels for T, named with their
// precision ("Add32").
func arithCases[T Float]() []ewCase[T] {
	bits := fmt.Sprint(8 * sizeOf[T]())
	fmaULPs := 0.0
	if bits == "32" {
		fmaULPs = 1 // the generic float32 FMA may round twice
	}
	binary := func(name string, f, ref func(dst, a, b []T)) ewCase[T] {
		return ewCase[T]{name + bits, 2, func(d []T, in [][]T) { f(d, in[0], in[1]) }, func(d []T, in [][]T) { ref(d, in[0], in[1]) }, 0}
	}
	unary := func(name string, f, ref func(dst, a []T)) ewCase[T] {
		return ewCase[T]{name + bits, 1, func(d []T, in [][]T) { f(d, in[0]) }, func(d []T, in [][]T) { ref(d, in[0]) }, 0}
	}
	return []ewCase[T]{
		binary("Add", Add[T], addGeneric[T]),
		binary("Sub", Sub[T], subGeneric[T]),
		binary("Mul", Mul[T], mulGeneric[T]),
		binary("Div", Div[T], divGeneric[T]),
		{"Fma" + bits, 3, func(d []T, in [][]T) { Fma(d, in[0], in[1], in[2]) }, func(d []T, in [][]T) { fmaGeneric(d, in[0], in[1], in[2]) }, fmaULPs},
		{"AddScalar" + bits, 1, func(d []T, in [][]T) { AddScalar(d, in[0], 0.3) }, func(d []T, in [][]T) { addScalarGeneric(d, in[0], 0.3) }, 0},
		{"MulScalar" + bits, 1, func(d []T, in [][]T) { MulScalar(d, in[0], -1.7) }, func(d []T, in [][]T) { mulScalarGeneric(d, in[0], -1.7) }, 0},
		{"Axpy" + bits, 2, func(d []T, in [][]T) { copy(d, in[1]); Axpy(d, in[0], 2.5) }, func(d []T, in [][]T) { copy(d, in[1]); axpyGeneric(d, in[0], 2.5) }, 0},
		unary("Neg", Neg[T], negGeneric[T]),
		unary("Abs", Abs[T], absGeneric[T]),
		unary("Square", Square[T], squareGeneric[T]),
		unary("Cube", Cube[T], cubeGeneric[T]),
		unary("Sqrt", Sqrt[T], sqrtGeneric[T]),
		{"Fill" + bits, 0, func(d []T, in [][]T) { Fill(d, -2.25) }, func(d []T, in [][]T) { fillGeneric(d, -2.25) }, 0},
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

func TestElementwise32(t *testing.T) { runCases(t, arithCases[float32](), 8, uniform(-4, 4)) }
func TestElementwise64(t *testing.T) { runCases(t, arithCases[float64](), 4, uniform(-4, 4)) }

// TestElementwiseShortInputPanics: the API contract says too-short inputs panic.
func TestElementwiseShortInputPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("Add with a short input did not panic")
		}
	}()
	Add(make([]float32, 5), make([]float32, 5), make([]float32, 4))
}

// decode turns fuzz bytes into values of T (any bit pattern).
func decode[T Float](data []byte) []T {
	es := sizeOf[T]()
	x := make([]T, len(data)/es)
	for i := range x {
		if es == 4 {
			x[i] = T(math.Float32frombits(binary.LittleEndian.Uint32(data[4*i:])))
		} else {
			x[i] = T(math.Float64frombits(binary.LittleEndian.Uint64(data[8*i:])))
		}
	}
	return x
}

// fuzzTarget fuzzes run(t, cases, x, k) with x decoded from the fuzz bytes.
func fuzzTarget[T Float, C any](f *testing.F, run func(t *testing.T, cases []C, x []T, k uint8), cases []C) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte, k uint8) { run(t, cases, decode[T](data), k) })
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

func FuzzElementwise32(f *testing.F) { fuzzTarget(f, fuzzCases[float32], arithCases[float32]()) }
func FuzzElementwise64(f *testing.F) { fuzzTarget(f, fuzzCases[float64], arithCases[float64]()) }

// TestImplementationNames: the family names say which kernels still run
// generic code (only Pow64 on NEON has no assembly).
func TestImplementationNames(t *testing.T) {
	_, impl := Implementations()
	cur := Current()
	want := map[string]string{famElementwise: cur, famMath: cur, famReduce: cur, famGemm: cur, famBasis: cur}
	if cur == NEON {
		want[famMath] = cur + " (pow64: generic)"
	}
	for fam, w := range want {
		if impl[fam] != w {
			t.Errorf("under %s: %s = %q, want %q", cur, fam, impl[fam], w)
		}
	}
	if len(impl) != len(want) {
		t.Errorf("families %v, want those of %v", impl, want)
	}
}
