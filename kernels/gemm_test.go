package kernels

import (
	"fmt"
	"github.com/ansatz/ansatz/internal/panics"
	"maps"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// gemmFunc is the shape of Gemm, so one harness checks every implementation.
type gemmFunc[T Float] func(transA, transB bool, m, n, k int, alpha T, a []T, lda int, b []T, ldb int, beta T, c []T, ldc int)

// gemmImpls lists the public entry point (whatever -isa chose) plus every
// implementation this machine can run, called through the driver.
func gemmImpls[T Float]() map[string]gemmFunc[T] {
	out := map[string]gemmFunc[T]{"public": Gemm[T]}
	for _, isa := range Available() {
		im := tableIn[T](buildSet(isa)).gemm
		out[isa] = func(tA, tB bool, m, n, k int, alpha T, a []T, lda int, b []T, ldb int, beta T, c []T, ldc int) {
			checkGemm("test", tA, tB, m, n, k, len(a), lda, len(b), ldb, len(c), ldc)
			gemm(im, tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		}
	}
	return out
}

// gemmCase is one call: shapes, transposes, scalars, the slack added to
// each leading dimension, the offset of each matrix in its slice, and
// whether to plant NaN/Inf in A and B.
type gemmCase struct {
	transA, transB bool
	m, n, k        int
	alpha, beta    float64
	pad, off       int
	special        bool
}

func (tc gemmCase) String() string {
	return fmt.Sprintf("tA=%v tB=%v m=%d n=%d k=%d alpha=%g beta=%g pad=%d off=%d special=%v",
		tc.transA, tc.transB, tc.m, tc.n, tc.k, tc.alpha, tc.beta, tc.pad, tc.off, tc.special)
}

// gemmGuard fills every element of a slice outside the matrix window.
const gemmGuard = -7777.25

// gemmOperand makes a rows×cols matrix with leading dimension cols+pad placed
// off elements into a slice that has a gemmGuard band after it as well; values
// are uniform in [-1, 1), optionally with a few NaN/Inf planted.
func gemmOperand[T Float](rng *rand.Rand, rows, cols, pad, off int, special bool) (buf []T, ld int) {
	ld = max(1, cols+pad)
	buf = make([]T, off+rows*ld+5)
	for i := range buf {
		buf[i] = gemmGuard
	}
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			buf[off+i*ld+j] = T(2*rng.Float64() - 1)
		}
	}
	if special && rows*cols > 0 {
		for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
			buf[off+rng.IntN(rows)*ld+rng.IntN(cols)] = T(v)
		}
	}
	return buf, ld
}

func gemmEps[T Float]() float64 {
	var x T
	if _, ok := any(x).(float32); ok {
		return 0x1p-23
	}
	return 0x1p-52
}

// checkGemmCase runs f on tc and compares with gemmRef: NaN where the
// reference has NaN, the same infinity, and otherwise an error within
// 2(k+3)·gemmEps·(|alpha|Σ|a·b| + |beta·c|). Every element outside the C window
// and all of A and B must be untouched, and beta = 0 must ignore the NaN
// C starts with.
func checkGemmCase[T Float](t *testing.T, name string, f gemmFunc[T], tc gemmCase, rng *rand.Rand) {
	t.Helper()
	ar, ac := tc.m, tc.k
	if tc.transA {
		ar, ac = tc.k, tc.m
	}
	br, bc := tc.k, tc.n
	if tc.transB {
		br, bc = tc.n, tc.k
	}
	a, lda := gemmOperand[T](rng, ar, ac, tc.pad, tc.off, tc.special)
	b, ldb := gemmOperand[T](rng, br, bc, tc.pad+1, tc.off, tc.special)
	c, ldc := gemmOperand[T](rng, tc.m, tc.n, tc.pad+2, tc.off, false)
	if tc.beta == 0 {
		for i := 0; i < tc.m; i++ {
			for j := 0; j < tc.n; j++ {
				c[tc.off+i*ldc+j] = T(math.NaN())
			}
		}
	}
	a0, b0, c0 := append([]T(nil), a...), append([]T(nil), b...), append([]T(nil), c...)
	want := append([]T(nil), c...)
	alpha, beta := T(tc.alpha), T(tc.beta)
	o := tc.off
	gemmRef(tc.transA, tc.transB, tc.m, tc.n, tc.k, alpha, a[o:], lda, b[o:], ldb, beta, want[o:], ldc)
	f(tc.transA, tc.transB, tc.m, tc.n, tc.k, alpha, a[o:], lda, b[o:], ldb, beta, c[o:], ldc)

	for i := range a {
		if !gemmSame(a[i], a0[i]) {
			t.Fatalf("%s %v: a[%d] changed", name, tc, i)
		}
	}
	for i := range b {
		if !gemmSame(b[i], b0[i]) {
			t.Fatalf("%s %v: b[%d] changed", name, tc, i)
		}
	}
	inside := func(x int) (int, int, bool) {
		x -= o
		if x < 0 {
			return 0, 0, false
		}
		i, j := x/ldc, x%ldc
		return i, j, i < tc.m && j < tc.n
	}
	bad := 0
	for x := range c {
		i, j, in := inside(x)
		if !in {
			if !gemmSame(c[x], c0[x]) {
				t.Fatalf("%s %v: c[%d] outside the window changed from %v to %v", name, tc, x, c0[x], c[x])
			}
			continue
		}
		got, ref := float64(c[x]), float64(want[x])
		var scale float64
		if tc.alpha != 0 {
			for p := 0; p < tc.k; p++ {
				var av, bv T
				if tc.transA {
					av = a[o+p*lda+i]
				} else {
					av = a[o+i*lda+p]
				}
				if tc.transB {
					bv = b[o+j*ldb+p]
				} else {
					bv = b[o+p*ldb+j]
				}
				scale += math.Abs(float64(av) * float64(bv))
			}
			scale *= math.Abs(tc.alpha)
		}
		if tc.beta != 0 {
			scale += math.Abs(tc.beta * float64(c0[x]))
		}
		tol := 2 * float64(tc.k+3) * gemmEps[T]() * scale
		ok := false
		switch {
		case math.IsNaN(ref):
			ok = math.IsNaN(got)
		case math.IsInf(ref, 0):
			ok = got == ref
		default:
			ok = math.Abs(got-ref) <= tol
		}
		if !ok {
			bad++
			if bad <= 3 {
				t.Errorf("%s %v: c[%d][%d] = %v, reference %v (tol %.3g)", name, tc, i, j, got, ref, tol)
			}
		}
	}
	if bad > 0 {
		t.Fatalf("%s %v: %d wrong elements", name, tc, bad)
	}
}

// gemmSame is exact equality that also matches NaN with NaN.
func gemmSame[T Float](x, y T) bool {
	return x == y || (x != x && y != y)
}

var gemmScalars = [][2]float64{{1, 0}, {0.5, -1.5}, {0, 2}, {1, 1}, {-2, 0}, {0, 0}, {1.25, 0.75}}

// gemmCases crosses awkward sizes (0, 1, around the tiles of every
// implementation: 4, 6, 8, 16, and multiples plus one) with all four
// transpose combinations, rotating scalars, ld slack and slice offsets.
func gemmCases() []gemmCase {
	ms := []int{0, 1, 3, 4, 5, 6, 7, 13, 19}
	ns := []int{0, 1, 2, 3, 4, 7, 8, 9, 15, 16, 17, 25, 33, 49}
	ks := []int{0, 1, 2, 5, 16, 37}
	var out []gemmCase
	idx := 0
	for _, m := range ms {
		for _, n := range ns {
			for _, k := range ks {
				for tr := 0; tr < 4; tr++ {
					s := gemmScalars[idx%len(gemmScalars)]
					out = append(out, gemmCase{transA: tr&1 != 0, transB: tr&2 != 0, m: m, n: n, k: k,
						alpha: s[0], beta: s[1], pad: idx % 3, off: idx % 2})
					idx++
				}
			}
		}
	}
	return out
}

// gemmBigCases cross the blocking limits: k beyond kc (two or three k
// panels, also on the Direct paths), m beyond mc, n beyond nc, and 3·tile+1
// shapes.
func gemmBigCases() []gemmCase {
	shapes := [][3]int{{100, 130, 300}, {19, 49, 520}, {200, 20, 5}, {7, 2053, 3}, {3*6 + 1, 3*16 + 1, 3*4 + 1}, {64, 64, 64}, {97, 4, 16}, {50, 3, 600}, {31, 12, 300}}
	var out []gemmCase
	for i, s := range shapes {
		for tr := 0; tr < 4; tr++ {
			sc := gemmScalars[(i+tr)%len(gemmScalars)]
			out = append(out, gemmCase{transA: tr&1 != 0, transB: tr&2 != 0, m: s[0], n: s[1], k: s[2],
				alpha: sc[0], beta: sc[1], pad: tr, off: tr % 2})
		}
	}
	return out
}

// checkGemmImpls runs every case on every implementation of gemmImpls, in
// sorted order so the shared random stream, and hence any failure, is
// reproducible.
func checkGemmImpls[T Float](t *testing.T, prec string, cases []gemmCase, rng *rand.Rand) {
	impls := gemmImpls[T]()
	for _, name := range slices.Sorted(maps.Keys(impls)) {
		for _, tc := range cases {
			checkGemmCase(t, prec+"/"+name, impls[name], tc, rng)
		}
	}
}

func TestGemmShapes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	cases := append(gemmCases(), gemmBigCases()...)
	checkGemmImpls[float32](t, "f32", cases, rng)
	checkGemmImpls[float64](t, "f64", cases, rng)
}

// TestGemmSpecialValues plants NaN and ±Inf in A and B: they must spread
// exactly as in the reference (and not at all when alpha is 0).
func TestGemmSpecialValues(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var cases []gemmCase
	for i, s := range [][3]int{{7, 17, 5}, {13, 33, 300}, {6, 16, 4}, {1, 1, 1}} {
		for tr := 0; tr < 4; tr++ {
			sc := gemmScalars[(i+tr)%len(gemmScalars)]
			cases = append(cases, gemmCase{transA: tr&1 != 0, transB: tr&2 != 0, m: s[0], n: s[1], k: s[2],
				alpha: sc[0], beta: sc[1], off: tr % 2, special: true})
		}
	}
	checkGemmImpls[float32](t, "f32", cases, rng)
	checkGemmImpls[float64](t, "f64", cases, rng)
}

// TestGemmThreads checks that the result is bitwise the same for any
// thread count, for shapes split along rows and along columns.
func TestGemmThreads(t *testing.T) {
	defer SetThreads(Threads())
	// Workers are capped at GOMAXPROCS; raise it so 3, 4 and 7 really run.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(8))
	rng := rand.New(rand.NewPCG(5, 6))
	for _, s := range [][3]int{{131, 67, 300}, {5, 700, 64}, {300, 9, 70}, {400, 5, 80}, {400, 3, 120}, {600, 2, 120}} {
		m, n, k := s[0], s[1], s[2]
		a, _ := gemmOperand[float32](rng, m, k, 0, 0, false)
		b, _ := gemmOperand[float32](rng, k, n, 0, 0, false)
		ad, _ := gemmOperand[float64](rng, m, k, 0, 0, false)
		bd, _ := gemmOperand[float64](rng, k, n, 0, 0, false)
		var ref32 []float32
		var ref64 []float64
		for _, nt := range []int{1, 2, 3, 4, 7} {
			SetThreads(nt)
			c := make([]float32, m*n)
			Gemm(false, false, m, n, k, 1.5, a, k, b, n, 0, c, n)
			cd := make([]float64, m*n)
			Gemm(false, false, m, n, k, 1.5, ad, k, bd, n, 0, cd, n)
			if nt == 1 {
				ref32, ref64 = c, cd
				continue
			}
			for i := range c {
				if math.Float32bits(c[i]) != math.Float32bits(ref32[i]) {
					t.Fatalf("%v threads=%d: f32 c[%d] = %v, one thread gave %v", s, nt, i, c[i], ref32[i])
				}
				if math.Float64bits(cd[i]) != math.Float64bits(ref64[i]) {
					t.Fatalf("%v threads=%d: f64 c[%d] = %v, one thread gave %v", s, nt, i, cd[i], ref64[i])
				}
			}
		}
	}
}

// TestGemmPanics checks that bad dimensions and short slices are refused
// with a message naming the gemmOperand.
func TestGemmPanics(t *testing.T) {
	s := make([]float32, 12)
	cases := []struct {
		want string
		call func()
	}{
		{"negative dimension", func() { Gemm(false, false, -1, 2, 2, 1, s, 2, s, 2, 0, s, 2) }},
		{"lda = 1", func() { Gemm(false, false, 2, 2, 2, 1, s, 1, s, 2, 0, s, 2) }},
		{"len(a) = 3", func() { Gemm(false, false, 2, 2, 2, 1, s[:3], 2, s, 2, 0, s, 2) }},
		{"len(b) = 5", func() { Gemm(false, true, 2, 3, 2, 1, s, 2, s[:5], 2, 0, s, 3) }},
		{"ldc = 2", func() { Gemm(false, false, 2, 3, 2, 1, s, 2, s, 3, 0, s, 2) }},
		{"len(c) = 4", func() {
			Gemm(true, false, 2, 3, 2, 1, make([]float64, 4), 2, make([]float64, 6), 3, 0, make([]float64, 4), 3)
		}},
	}
	for _, tc := range cases {
		func() {
			defer func() {
				r := recover()
				msg, _ := r.(string)
				if !strings.Contains(msg, tc.want) {
					t.Errorf("panic %q, want one mentioning %q", r, tc.want)
				}
			}()
			tc.call()
		}()
	}
	// Zero sizes need no data at all.
	Gemm[float32](false, false, 0, 0, 0, 1, nil, 1, nil, 1, 0, nil, 1)
	Gemm(true, true, 3, 0, 5, 1, make([]float64, 15), 3, nil, 5, 0, make([]float64, 5), 1)
}

// FuzzGemm compares the active implementation with the reference on
// arbitrary small shapes, transposes and scalars.
func FuzzGemm(f *testing.F) {
	f.Add(uint8(7), uint8(17), uint8(5), uint8(0), int8(2), int8(0), uint64(1))
	f.Add(uint8(1), uint8(1), uint8(0), uint8(3), int8(0), int8(4), uint64(2))
	f.Add(uint8(30), uint8(40), uint8(60), uint8(5), int8(-3), int8(-1), uint64(3))
	f.Fuzz(func(t *testing.T, m, n, k, flags uint8, alpha, beta int8, seed uint64) {
		tc := gemmCase{transA: flags&1 != 0, transB: flags&2 != 0, m: int(m % 70), n: int(n % 70), k: int(k % 70),
			alpha: float64(alpha) / 4, beta: float64(beta) / 4, pad: int(flags>>2) % 3, off: int(flags>>4) % 2,
			special: flags&64 != 0}
		rng := rand.New(rand.NewPCG(seed, 9))
		if flags&128 != 0 {
			checkGemmCase(t, "f64", Gemm[float64], tc, rng)
		} else {
			checkGemmCase(t, "f32", Gemm[float32], tc, rng)
		}
	})
}

// TestGemmConcurrent runs several large products at once from different
// goroutines (as callers parallel over batches do): the pooled packing
// buffers must not be shared, so each result equals its sequential twin.
func TestGemmConcurrent(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	const jobs = 4
	m, n, k := 70, 90, 130
	var as, bs, want [jobs][]float32
	for j := range jobs {
		as[j], _ = gemmOperand[float32](rng, m, k, 0, 0, false)
		bs[j], _ = gemmOperand[float32](rng, k, n, 0, 0, false)
		want[j] = make([]float32, m*n)
		Gemm(false, j%2 == 1, m, n, k, 1, as[j], k, bs[j], ldFor(j%2 == 1, n, k), 0, want[j], n)
	}
	var got [jobs][]float32
	done := make(chan int)
	for j := range jobs {
		go func() {
			got[j] = make([]float32, m*n)
			Gemm(false, j%2 == 1, m, n, k, 1, as[j], k, bs[j], ldFor(j%2 == 1, n, k), 0, got[j], n)
			done <- j
		}()
	}
	for range jobs {
		<-done
	}
	for j := range jobs {
		for i := range want[j] {
			if math.Float32bits(got[j][i]) != math.Float32bits(want[j][i]) {
				t.Fatalf("job %d: c[%d] = %v concurrently, %v alone", j, i, got[j][i], want[j][i])
			}
		}
	}
}

// ldFor is the leading dimension of a k×n B (n×k when transposed).
func ldFor(trans bool, n, k int) int {
	if trans {
		return k
	}
	return n
}

// TestGemmWorkerPanic: a panic in one GEMM worker (injected) reaches the
// caller as a *panics.Caught, and the other workers, waiting for B to be
// packed, do not wait forever for the sliver the dead worker took.
func TestGemmWorkerPanic(t *testing.T) {
	defer SetThreads(Threads())
	SetThreads(4)
	const m, n, k = 200, 300, 100
	a, b, c := make([]float64, m*k), make([]float64, k*n), make([]float64, m*n)
	for range 3 { // any worker may draw the first sliver
		func() {
			defer panics.Inject("kernels.gemm")()
			defer func() {
				if _, ok := recover().(*panics.Caught); !ok {
					t.Error("the worker's panic did not reach the caller as *panics.Caught")
				}
			}()
			Gemm(false, false, m, n, k, 1, a, k, b, n, 0, c, n)
		}()
	}
	Gemm(false, false, m, n, k, 1, a, k, b, n, 0, c, n) // still works
}
