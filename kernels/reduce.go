package kernels

// redTable holds one implementation of the reductions. The float32
// kernels accumulate in float64 and return the float64 sum; the exported
// functions round it once.
type redTable struct {
	sum32     func(x []float32) float64
	sum64     func(x []float64) float64
	dot32     func(a, b []float32) float64
	dot64     func(a, b []float64) float64
	sqDiff32  func(a, b []float32) float64
	sqDiff64  func(a, b []float64) float64
	wSqDiff32 func(w, a, b []float32) float64
	wSqDiff64 func(w, a, b []float64) float64
}

var red = redGeneric

var redGeneric = &redTable{
	sum32: sumGeneric[float32], sum64: sumGeneric[float64],
	dot32: dotGeneric[float32], dot64: dotGeneric[float64],
	sqDiff32: sqDiffGeneric[float32], sqDiff64: sqDiffGeneric[float64],
	wSqDiff32: wSqDiffGeneric[float32], wSqDiff64: wSqDiffGeneric[float64],
}

func init() {
	register("reduce", func(isa string) string {
		if reduceArch == nil || isa != ewArchISA {
			red = redGeneric
			return Generic
		}
		t, name := fillFrom(isa, reduceArch, redGeneric)
		red = t
		return name
	})
}

// Sum32 returns Σ x[i], accumulated in float64 and rounded once.
func Sum32(x []float32) float32 { return float32(red.sum32(x)) }

// Sum64 returns Σ x[i].
func Sum64(x []float64) float64 { return red.sum64(x) }

// Dot32 returns Σ a[i]·b[i] over i < len(a) (b at least as long),
// accumulated in float64 and rounded once.
func Dot32(a, b []float32) float32 { return float32(red.dot32(a, b[:len(a)])) }

// Dot64 returns Σ a[i]·b[i] over i < len(a).
func Dot64(a, b []float64) float64 { return red.dot64(a, b[:len(a)]) }

// SqDiff32 returns Σ (a[i]-b[i])² over i < len(a), in float64, rounded once.
func SqDiff32(a, b []float32) float32 { return float32(red.sqDiff32(a, b[:len(a)])) }

// SqDiff64 returns Σ (a[i]-b[i])² over i < len(a).
func SqDiff64(a, b []float64) float64 { return red.sqDiff64(a, b[:len(a)]) }

// WSum32 returns Σ w[i]·x[i] over i < len(w): the dot product, named for
// weighted sums.
func WSum32(w, x []float32) float32 { return Dot32(w, x) }

// WSum64 returns Σ w[i]·x[i] over i < len(w).
func WSum64(w, x []float64) float64 { return Dot64(w, x) }

// WSqDiff32 returns Σ w[i]·(a[i]-b[i])² over i < len(w), in float64, rounded once.
func WSqDiff32(w, a, b []float32) float32 {
	n := len(w)
	return float32(red.wSqDiff32(w, a[:n], b[:n]))
}

// WSqDiff64 returns Σ w[i]·(a[i]-b[i])² over i < len(w).
func WSqDiff64(w, a, b []float64) float64 {
	n := len(w)
	return red.wSqDiff64(w, a[:n], b[:n])
}
