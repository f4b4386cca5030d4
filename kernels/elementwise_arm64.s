//go:build !purego

#include "textflag.h"

// Hand-written NEON element-wise kernels (see elementwise_arm64.go).
//
// Go's assembler has no mnemonics for most vector floating-point
// instructions, so they are emitted as WORDs: F3/F2 encode a three- or
// two-register instruction from its opcode with register numbers d, n, m
// (checked against llvm-mc). The float32 and float64 forms differ only in
// the size bit, so every kernel is one macro instantiated twice: ARR is
// the arrangement (S4 or D2), FMOV the scalar move (FMOVS or FMOVD), ESZ
// the element size, and the loops handle 4 vectors (64 bytes) per step,
// then single elements. Single elements travel in lane 0 of the same
// vector registers (a scalar load zeroes the other lanes), so the tail
// uses the very instruction of the main loop. Inputs are always loaded
// before dst is stored, so dst may alias an input.

#define F3(base, d, n, m) WORD $((base) | ((m)<<16) | ((n)<<5) | (d))
#define F2(base, d, n) WORD $((base) | ((n)<<5) | (d))

// Opcodes: the float32 (.4S) form; OR in SZ64 for float64 (.2D).
#define SZ64 0x00400000
#define OPFADD 0x4E20D400
#define OPFSUB 0x4EA0D400
#define OPFMUL 0x6E20DC00
#define OPFDIV 0x6E20FC00
#define OPFMLA 0x4E20CC00
#define OPFNEG 0x6EA0F800
#define OPFABS 0x4EA0F800
#define OPFSQRT 0x6EA1F800

// Register operations, d = n op m, for size bit S (0 or SZ64).
#define ADDV(S, d, n, m) F3(OPFADD|(S), d, n, m)
#define SUBV(S, d, n, m) F3(OPFSUB|(S), d, n, m)
#define MULV(S, d, n, m) F3(OPFMUL|(S), d, n, m)
#define DIVV(S, d, n, m) F3(OPFDIV|(S), d, n, m)
#define FMAV(S, d, n, m) F3(OPFMLA|(S), d, n, m)
#define NEGV(S, d, n) F2(OPFNEG|(S), d, n)
#define ABSV(S, d, n) F2(OPFABS|(S), d, n)
#define SQRTV(S, d, n) F2(OPFSQRT|(S), d, n)
// SQUAREV and CUBEV use register n+4 as scratch for cube.
#define SQUAREV(S, d, n) MULV(S, d, n, n)
#define CUBEV(S, d, n) MULV(S, (n)+4, n, n); MULV(S, d, (n)+4, n)

// BINARY: dst = a OP b. a in V0-V3, b in V4-V7.
#define BINARY(OP, S, ARR, FMOV, ESZ) \
	MOVD dst_base+0(FP), R0; \
	MOVD dst_len+8(FP), R3; \
	MOVD a_base+24(FP), R1; \
	MOVD b_base+48(FP), R2; \
	MOVD $(64/ESZ), R5; \
loop4: \
	CMP R5, R3; \
	BLT loop1; \
	VLD1.P 64(R1), [V0.ARR, V1.ARR, V2.ARR, V3.ARR]; \
	VLD1.P 64(R2), [V4.ARR, V5.ARR, V6.ARR, V7.ARR]; \
	OP(S, 0, 0, 4); \
	OP(S, 1, 1, 5); \
	OP(S, 2, 2, 6); \
	OP(S, 3, 3, 7); \
	VST1.P [V0.ARR, V1.ARR, V2.ARR, V3.ARR], 64(R0); \
	SUB R5, R3; \
	B loop4; \
loop1: \
	CBZ R3, done; \
	FMOV.P ESZ(R1), F0; \
	FMOV.P ESZ(R2), F4; \
	OP(S, 0, 0, 4); \
	FMOV.P F0, ESZ(R0); \
	SUB $1, R3; \
	B loop1; \
done: \
	RET

// FMA: dst = a*b + c (fused). c in V16-V19 accumulates.
#define FMA(S, ARR, FMOV, ESZ) \
	MOVD dst_base+0(FP), R0; \
	MOVD dst_len+8(FP), R3; \
	MOVD a_base+24(FP), R1; \
	MOVD b_base+48(FP), R2; \
	MOVD c_base+72(FP), R4; \
	MOVD $(64/ESZ), R5; \
loop4: \
	CMP R5, R3; \
	BLT loop1; \
	VLD1.P 64(R1), [V0.ARR, V1.ARR, V2.ARR, V3.ARR]; \
	VLD1.P 64(R2), [V4.ARR, V5.ARR, V6.ARR, V7.ARR]; \
	VLD1.P 64(R4), [V16.ARR, V17.ARR, V18.ARR, V19.ARR]; \
	FMAV(S, 16, 0, 4); \
	FMAV(S, 17, 1, 5); \
	FMAV(S, 18, 2, 6); \
	FMAV(S, 19, 3, 7); \
	VST1.P [V16.ARR, V17.ARR, V18.ARR, V19.ARR], 64(R0); \
	SUB R5, R3; \
	B loop4; \
loop1: \
	CBZ R3, done; \
	FMOV.P ESZ(R1), F0; \
	FMOV.P ESZ(R2), F4; \
	FMOV.P ESZ(R4), F16; \
	FMAV(S, 16, 0, 4); \
	FMOV.P F16, ESZ(R0); \
	SUB $1, R3; \
	B loop1; \
done: \
	RET

// SCALAR: dst = a OP s, s broadcast in V31 (DUPLANE: the VDUP of lane 0).
#define SCALAR(OP, S, ARR, FMOV, ESZ, DUPLANE) \
	MOVD dst_base+0(FP), R0; \
	MOVD dst_len+8(FP), R3; \
	MOVD a_base+24(FP), R1; \
	FMOV s+48(FP), F31; \
	VDUP DUPLANE, V31.ARR; \
	MOVD $(64/ESZ), R5; \
loop4: \
	CMP R5, R3; \
	BLT loop1; \
	VLD1.P 64(R1), [V0.ARR, V1.ARR, V2.ARR, V3.ARR]; \
	OP(S, 0, 0, 31); \
	OP(S, 1, 1, 31); \
	OP(S, 2, 2, 31); \
	OP(S, 3, 3, 31); \
	VST1.P [V0.ARR, V1.ARR, V2.ARR, V3.ARR], 64(R0); \
	SUB R5, R3; \
	B loop4; \
loop1: \
	CBZ R3, done; \
	FMOV.P ESZ(R1), F0; \
	OP(S, 0, 0, 31); \
	FMOV.P F0, ESZ(R0); \
	SUB $1, R3; \
	B loop1; \
done: \
	RET

// AXPY: dst += s*a, product rounded first; dst is read through R6.
#define AXPY(S, ARR, FMOV, ESZ, DUPLANE) \
	MOVD dst_base+0(FP), R0; \
	MOVD R0, R6; \
	MOVD dst_len+8(FP), R3; \
	MOVD a_base+24(FP), R1; \
	FMOV s+48(FP), F31; \
	VDUP DUPLANE, V31.ARR; \
	MOVD $(64/ESZ), R5; \
loop4: \
	CMP R5, R3; \
	BLT loop1; \
	VLD1.P 64(R1), [V0.ARR, V1.ARR, V2.ARR, V3.ARR]; \
	VLD1.P 64(R6), [V16.ARR, V17.ARR, V18.ARR, V19.ARR]; \
	MULV(S, 0, 0, 31); \
	MULV(S, 1, 1, 31); \
	MULV(S, 2, 2, 31); \
	MULV(S, 3, 3, 31); \
	ADDV(S, 16, 16, 0); \
	ADDV(S, 17, 17, 1); \
	ADDV(S, 18, 18, 2); \
	ADDV(S, 19, 19, 3); \
	VST1.P [V16.ARR, V17.ARR, V18.ARR, V19.ARR], 64(R0); \
	SUB R5, R3; \
	B loop4; \
loop1: \
	CBZ R3, done; \
	FMOV.P ESZ(R1), F0; \
	FMOV.P ESZ(R6), F16; \
	MULV(S, 0, 0, 31); \
	ADDV(S, 16, 16, 0); \
	FMOV.P F16, ESZ(R0); \
	SUB $1, R3; \
	B loop1; \
done: \
	RET

// UNARY: dst = OP a; V4-V7 are scratch for OP.
#define UNARY(OP, S, ARR, FMOV, ESZ) \
	MOVD dst_base+0(FP), R0; \
	MOVD dst_len+8(FP), R3; \
	MOVD a_base+24(FP), R1; \
	MOVD $(64/ESZ), R5; \
loop4: \
	CMP R5, R3; \
	BLT loop1; \
	VLD1.P 64(R1), [V0.ARR, V1.ARR, V2.ARR, V3.ARR]; \
	OP(S, 0, 0); \
	OP(S, 1, 1); \
	OP(S, 2, 2); \
	OP(S, 3, 3); \
	VST1.P [V0.ARR, V1.ARR, V2.ARR, V3.ARR], 64(R0); \
	SUB R5, R3; \
	B loop4; \
loop1: \
	CBZ R3, done; \
	FMOV.P ESZ(R1), F0; \
	OP(S, 0, 0); \
	FMOV.P F0, ESZ(R0); \
	SUB $1, R3; \
	B loop1; \
done: \
	RET

// FILL: dst = v.
#define FILL(ARR, FMOV, ESZ, DUPLANE) \
	MOVD dst_base+0(FP), R0; \
	MOVD dst_len+8(FP), R3; \
	FMOV v+24(FP), F31; \
	VDUP DUPLANE, V31.ARR; \
	MOVD $(64/ESZ), R5; \
loop4: \
	CMP R5, R3; \
	BLT loop1; \
	VMOV V31.B16, V28.B16; \
	VMOV V31.B16, V29.B16; \
	VMOV V31.B16, V30.B16; \
	VST1.P [V28.ARR, V29.ARR, V30.ARR, V31.ARR], 64(R0); \
	SUB R5, R3; \
	B loop4; \
loop1: \
	CBZ R3, done; \
	FMOV.P F31, ESZ(R0); \
	SUB $1, R3; \
	B loop1; \
done: \
	RET

// func add32NEON(dst, a, b []float32)
TEXT ·add32NEON(SB), NOSPLIT, $0-72
	BINARY(ADDV, 0, S4, FMOVS, 4)

// func add64NEON(dst, a, b []float64)
TEXT ·add64NEON(SB), NOSPLIT, $0-72
	BINARY(ADDV, SZ64, D2, FMOVD, 8)

// func sub32NEON(dst, a, b []float32)
TEXT ·sub32NEON(SB), NOSPLIT, $0-72
	BINARY(SUBV, 0, S4, FMOVS, 4)

// func sub64NEON(dst, a, b []float64)
TEXT ·sub64NEON(SB), NOSPLIT, $0-72
	BINARY(SUBV, SZ64, D2, FMOVD, 8)

// func mul32NEON(dst, a, b []float32)
TEXT ·mul32NEON(SB), NOSPLIT, $0-72
	BINARY(MULV, 0, S4, FMOVS, 4)

// func mul64NEON(dst, a, b []float64)
TEXT ·mul64NEON(SB), NOSPLIT, $0-72
	BINARY(MULV, SZ64, D2, FMOVD, 8)

// func div32NEON(dst, a, b []float32)
TEXT ·div32NEON(SB), NOSPLIT, $0-72
	BINARY(DIVV, 0, S4, FMOVS, 4)

// func div64NEON(dst, a, b []float64)
TEXT ·div64NEON(SB), NOSPLIT, $0-72
	BINARY(DIVV, SZ64, D2, FMOVD, 8)

// func fma32NEON(dst, a, b, c []float32)
TEXT ·fma32NEON(SB), NOSPLIT, $0-96
	FMA(0, S4, FMOVS, 4)

// func fma64NEON(dst, a, b, c []float64)
TEXT ·fma64NEON(SB), NOSPLIT, $0-96
	FMA(SZ64, D2, FMOVD, 8)

// func addScalar32NEON(dst, a []float32, s float32)
TEXT ·addScalar32NEON(SB), NOSPLIT, $0-52
	SCALAR(ADDV, 0, S4, FMOVS, 4, V31.S[0])

// func addScalar64NEON(dst, a []float64, s float64)
TEXT ·addScalar64NEON(SB), NOSPLIT, $0-56
	SCALAR(ADDV, SZ64, D2, FMOVD, 8, V31.D[0])

// func mulScalar32NEON(dst, a []float32, s float32)
TEXT ·mulScalar32NEON(SB), NOSPLIT, $0-52
	SCALAR(MULV, 0, S4, FMOVS, 4, V31.S[0])

// func mulScalar64NEON(dst, a []float64, s float64)
TEXT ·mulScalar64NEON(SB), NOSPLIT, $0-56
	SCALAR(MULV, SZ64, D2, FMOVD, 8, V31.D[0])

// func axpy32NEON(dst, a []float32, s float32)
TEXT ·axpy32NEON(SB), NOSPLIT, $0-52
	AXPY(0, S4, FMOVS, 4, V31.S[0])

// func axpy64NEON(dst, a []float64, s float64)
TEXT ·axpy64NEON(SB), NOSPLIT, $0-56
	AXPY(SZ64, D2, FMOVD, 8, V31.D[0])

// func neg32NEON(dst, a []float32)
TEXT ·neg32NEON(SB), NOSPLIT, $0-48
	UNARY(NEGV, 0, S4, FMOVS, 4)

// func neg64NEON(dst, a []float64)
TEXT ·neg64NEON(SB), NOSPLIT, $0-48
	UNARY(NEGV, SZ64, D2, FMOVD, 8)

// func abs32NEON(dst, a []float32)
TEXT ·abs32NEON(SB), NOSPLIT, $0-48
	UNARY(ABSV, 0, S4, FMOVS, 4)

// func abs64NEON(dst, a []float64)
TEXT ·abs64NEON(SB), NOSPLIT, $0-48
	UNARY(ABSV, SZ64, D2, FMOVD, 8)

// func square32NEON(dst, a []float32)
TEXT ·square32NEON(SB), NOSPLIT, $0-48
	UNARY(SQUAREV, 0, S4, FMOVS, 4)

// func square64NEON(dst, a []float64)
TEXT ·square64NEON(SB), NOSPLIT, $0-48
	UNARY(SQUAREV, SZ64, D2, FMOVD, 8)

// func cube32NEON(dst, a []float32)
TEXT ·cube32NEON(SB), NOSPLIT, $0-48
	UNARY(CUBEV, 0, S4, FMOVS, 4)

// func cube64NEON(dst, a []float64)
TEXT ·cube64NEON(SB), NOSPLIT, $0-48
	UNARY(CUBEV, SZ64, D2, FMOVD, 8)

// func sqrt32NEON(dst, a []float32)
TEXT ·sqrt32NEON(SB), NOSPLIT, $0-48
	UNARY(SQRTV, 0, S4, FMOVS, 4)

// func sqrt64NEON(dst, a []float64)
TEXT ·sqrt64NEON(SB), NOSPLIT, $0-48
	UNARY(SQRTV, SZ64, D2, FMOVD, 8)

// func fill32NEON(dst []float32, v float32)
TEXT ·fill32NEON(SB), NOSPLIT, $0-28
	FILL(S4, FMOVS, 4, V31.S[0])

// func fill64NEON(dst []float64, v float64)
TEXT ·fill64NEON(SB), NOSPLIT, $0-32
	FILL(D2, FMOVD, 8, V31.D[0])
