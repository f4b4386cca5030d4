//go:build !purego

#include "textflag.h"

// Hand-written NEON reductions (see reduce_arm64.go). Sums are kept in
// float64: float32 inputs are widened with FCVTL/FCVTL2 on load. Each step
// takes 8 elements of every input as four .2D vectors (inputs in V0-V3,
// V4-V7, V20-V23) into four accumulators V16-V19; the accumulators are
// then folded into D24 and the tail adds single elements (in lane 0, the
// other lanes zero) to it. WORD encodings as in elementwise_arm64.s.

#define F3(base, d, n, m) WORD $((base) | ((m)<<16) | ((n)<<5) | (d))
#define F2(base, d, n) WORD $((base) | ((n)<<5) | (d))
#define ADD2D(d, n, m) F3(0x4E60D400, d, n, m)
#define SUB2D(d, n, m) F3(0x4EE0D400, d, n, m)
#define MUL2D(d, n, m) F3(0x6E60DC00, d, n, m)
#define FMA2D(d, n, m) F3(0x4E60CC00, d, n, m)
#define FCVTL(d, n) F2(0x0E617800, d, n)
#define FCVTL2(d, n) F2(0x4E617800, d, n)
#define FADDP(d, n) F2(0x7E70D800, d, n)

// Loads of 8 elements as four .2D vectors at V<v>..V<v+3>.
#define LD32(R, v) \
	VLD1.P 32(R), [V30.S4, V31.S4]; \
	FCVTL(v, 30); \
	FCVTL2((v)+1, 30); \
	FCVTL((v)+2, 31); \
	FCVTL2((v)+3, 31)
#define LD64_0(R) VLD1.P 64(R), [V0.D2, V1.D2, V2.D2, V3.D2]
#define LD64_4(R) VLD1.P 64(R), [V4.D2, V5.D2, V6.D2, V7.D2]
#define LD64_20(R) VLD1.P 64(R), [V20.D2, V21.D2, V22.D2, V23.D2]
#define LD32_0(R) LD32(R, 0)
#define LD32_4(R) LD32(R, 4)
#define LD32_20(R) LD32(R, 20)

// Single-element loads into lane 0 of V<v> as float64.
#define TL32(R, F) FMOVS.P 4(R), F; FCVTSD F, F
#define TL64(R, F) FMOVD.P 8(R), F

// Terms for vector j (inputs V<j>, V<4+j>, V<20+j>) into accumulator acc.
#define SUMT(j, acc) ADD2D(acc, acc, j)
#define DOTT(j, acc) FMA2D(acc, j, (j)+4)
#define SQDT(j, acc) SUB2D(j, j, (j)+4); FMA2D(acc, j, j)
#define WSQT(j, acc) SUB2D((j)+4, (j)+4, (j)+20); MUL2D(j, j, (j)+4); FMA2D(acc, j, (j)+4)

#define TERMS(T) T(0, 16); T(1, 17); T(2, 18); T(3, 19)

#define ZERO \
	VEOR V16.B16, V16.B16, V16.B16; \
	VEOR V17.B16, V17.B16, V17.B16; \
	VEOR V18.B16, V18.B16, V18.B16; \
	VEOR V19.B16, V19.B16, V19.B16

// FOLD: D24 = sum of all lanes of V16-V19.
#define FOLD \
	ADD2D(16, 16, 17); \
	ADD2D(18, 18, 19); \
	ADD2D(16, 16, 18); \
	FADDP(24, 16)

// REDUCE runs the loops: LOADS/TAILLOADS fetch every input, T is the term.
#define REDUCE(LOADS, TAILLOADS, T) \
	ZERO; \
loop8: \
	CMP $8, R3; \
	BLT tail; \
	LOADS; \
	TERMS(T); \
	SUB $8, R3; \
	B loop8; \
tail: \
	FOLD; \
loop1: \
	CBZ R3, done; \
	TAILLOADS; \
	T(0, 24); \
	SUB $1, R3; \
	B loop1; \
done:

// func sum32NEON(x []float32) float64
TEXT ·sum32NEON(SB), NOSPLIT, $0-32
	MOVD x_base+0(FP), R1
	MOVD x_len+8(FP), R3
	REDUCE(LD32_0(R1), TL32(R1, F0), SUMT)
	FMOVD F24, ret+24(FP)
	RET

// func sum64NEON(x []float64) float64
TEXT ·sum64NEON(SB), NOSPLIT, $0-32
	MOVD x_base+0(FP), R1
	MOVD x_len+8(FP), R3
	REDUCE(LD64_0(R1), TL64(R1, F0), SUMT)
	FMOVD F24, ret+24(FP)
	RET

// func dot32NEON(a, b []float32) float64
TEXT ·dot32NEON(SB), NOSPLIT, $0-56
	MOVD a_base+0(FP), R1
	MOVD a_len+8(FP), R3
	MOVD b_base+24(FP), R2
	REDUCE(LD32_0(R1); LD32_4(R2), TL32(R1, F0); TL32(R2, F4), DOTT)
	FMOVD F24, ret+48(FP)
	RET

// func dot64NEON(a, b []float64) float64
TEXT ·dot64NEON(SB), NOSPLIT, $0-56
	MOVD a_base+0(FP), R1
	MOVD a_len+8(FP), R3
	MOVD b_base+24(FP), R2
	REDUCE(LD64_0(R1); LD64_4(R2), TL64(R1, F0); TL64(R2, F4), DOTT)
	FMOVD F24, ret+48(FP)
	RET

// func sqDiff32NEON(a, b []float32) float64
TEXT ·sqDiff32NEON(SB), NOSPLIT, $0-56
	MOVD a_base+0(FP), R1
	MOVD a_len+8(FP), R3
	MOVD b_base+24(FP), R2
	REDUCE(LD32_0(R1); LD32_4(R2), TL32(R1, F0); TL32(R2, F4), SQDT)
	FMOVD F24, ret+48(FP)
	RET

// func sqDiff64NEON(a, b []float64) float64
TEXT ·sqDiff64NEON(SB), NOSPLIT, $0-56
	MOVD a_base+0(FP), R1
	MOVD a_len+8(FP), R3
	MOVD b_base+24(FP), R2
	REDUCE(LD64_0(R1); LD64_4(R2), TL64(R1, F0); TL64(R2, F4), SQDT)
	FMOVD F24, ret+48(FP)
	RET

// func wSqDiff32NEON(w, a, b []float32) float64
TEXT ·wSqDiff32NEON(SB), NOSPLIT, $0-80
	MOVD w_base+0(FP), R1
	MOVD w_len+8(FP), R3
	MOVD a_base+24(FP), R2
	MOVD b_base+48(FP), R4
	REDUCE(LD32_0(R1); LD32_4(R2); LD32_20(R4), TL32(R1, F0); TL32(R2, F4); TL32(R4, F20), WSQT)
	FMOVD F24, ret+72(FP)
	RET

// func wSqDiff64NEON(w, a, b []float64) float64
TEXT ·wSqDiff64NEON(SB), NOSPLIT, $0-80
	MOVD w_base+0(FP), R1
	MOVD w_len+8(FP), R3
	MOVD a_base+24(FP), R2
	MOVD b_base+48(FP), R4
	REDUCE(LD64_0(R1); LD64_4(R2); LD64_20(R4), TL64(R1, F0); TL64(R2, F4); TL64(R4, F20), WSQT)
	FMOVD F24, ret+72(FP)
	RET
