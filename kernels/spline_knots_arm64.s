//go:build !purego

#include "textflag.h"

// NEON SplineAccKnots (the fused KAN layer forward on a knot vector), any
// order at run time, one point per iteration: a scalar scan counts the
// knots <= x (NaN points take the NaN row), x is clamped to the knots'
// range, u = ((x - hi) - lo)·invΔ from the row header of the SplineKnots
// table (kernels.splineKnotsTable, laid out for 32-byte vectors: each
// block of outputs is taken as two 16-byte halves), and per output
// y += Horner(coefficients, u) + s·wb, whole blocks with VFMLA, the
// remaining outputs one by one. The caller passes s = silu(x).
// Register use: R0 output row bytes, R1 rows left, R9 K, R11 whole-block
// bytes, R12 block stride, R13 K·32, R14 K·es, R15 knot count, R17 row,
// R19 coefficient pointer, R20 output offset, R21/R22 scratch.

// func splineKnots64NEON(m int, n int, x []float64, s []float64, wb []float64, y []float64, knots []float64, tab []float64, k int, rowBytes int)
TEXT ·splineKnots64NEON(SB), NOSPLIT, $0-176
	MOVD m+0(FP), R0
	LSL $3, R0, R0 // output row bytes
	MOVD n+8(FP), R1
	MOVD x_base+16(FP), R2
	MOVD s_base+40(FP), R3
	MOVD wb_base+64(FP), R4
	MOVD y_base+88(FP), R5
	MOVD knots_base+112(FP), R6
	MOVD knots_len+120(FP), R7
	MOVD tab_base+136(FP), R8
	MOVD k+160(FP), R9
	MOVD rowBytes+168(FP), R10
	LSR $5, R0, R11
	LSL $5, R11, R11 // whole 32-byte blocks of outputs
	ADD $1, R9, R12
	LSL $5, R12, R12 // (K+1)·32: one block's coefficients
	LSL $5, R9, R13  // K·32
	LSL $3, R9, R14  // K·es
	FMOVD (R6), F16 // t_0
	SUB $1, R7, R15
	LSL $3, R15, R15
	ADD R6, R15, R15
	FMOVD (R15), F17 // t_last
	FMOVD $1.0, F9
	VDUP V9.D[0], V9.D2 // ones: y + Horner is one exact FMLA

row64:
	CBZ R1, done64
	FMOVD.P 8(R2), F0
	FCMPD F0, F0
	BVS nan64
	MOVD ZR, R15
	MOVD R6, R16

count64:
	CMP R7, R15
	BEQ counted64
	FMOVD.P 8(R16), F3
	FCMPD F3, F0
	BMI counted64 // x < t_c
	ADD $1, R15, R15
	B count64

nan64:
	ADD $1, R7, R15 // the NaN row

counted64:
	MUL R10, R15, R17
	ADD R8, R17, R17 // row address
	FMAXD F16, F0, F0
	FMIND F17, F0, F0
	FMOVD (R17), F3
	FSUBD F3, F0, F4
	FMOVD 8(R17), F3
	FSUBD F3, F4, F4
	FMOVD 16(R17), F3
	FMULD F3, F4, F4 // u
	VDUP V4.D[0], V4.D2
	FMOVD.P 8(R3), F5
	VDUP V5.D[0], V5.D2 // s[r]
	ADD $32, R17, R19 // coefficients, after the 4-element header
	MOVD ZR, R20

blk64:
	CMP R11, R20
	BGE tail64
	// outputs 0… of the block: Horner from u^K down
	ADD R13, R19, R21
	ADD $0, R21, R21
	VLD1 (R21), [V0.D2]
	MOVD R9, R22
hk64_0:
	CBZ R22, hdone64_0
	SUB $32, R21, R21
	VLD1 (R21), [V6.D2]
	VFMLA V4.D2, V0.D2, V6.D2
	VMOV V6.B16, V0.B16
	SUB $1, R22, R22
	B hk64_0
hdone64_0:
	ADD R4, R20, R21
	ADD $0, R21, R21
	VLD1 (R21), [V7.D2]
	ADD R5, R20, R21
	ADD $0, R21, R21
	VLD1 (R21), [V8.D2]
	VFMLA V5.D2, V7.D2, V8.D2
	VFMLA V9.D2, V0.D2, V8.D2
	VST1 [V8.D2], (R21)
	// outputs 2… of the block: Horner from u^K down
	ADD R13, R19, R21
	ADD $16, R21, R21
	VLD1 (R21), [V0.D2]
	MOVD R9, R22
hk64_16:
	CBZ R22, hdone64_16
	SUB $32, R21, R21
	VLD1 (R21), [V6.D2]
	VFMLA V4.D2, V0.D2, V6.D2
	VMOV V6.B16, V0.B16
	SUB $1, R22, R22
	B hk64_16
hdone64_16:
	ADD R4, R20, R21
	ADD $16, R21, R21
	VLD1 (R21), [V7.D2]
	ADD R5, R20, R21
	ADD $16, R21, R21
	VLD1 (R21), [V8.D2]
	VFMLA V5.D2, V7.D2, V8.D2
	VFMLA V9.D2, V0.D2, V8.D2
	VST1 [V8.D2], (R21)
	ADD $32, R20, R20
	ADD R12, R19, R19
	B blk64

tail64:
	CMP R0, R20
	BGE next64
	ADD R14, R19, R21
	FMOVD (R21), F0
	MOVD R9, R22

tk64:
	CBZ R22, tdone64
	SUB $8, R21, R21
	FMOVD (R21), F6
	FMULD F4, F0, F0
	FADDD F6, F0, F0
	SUB $1, R22, R22
	B tk64

tdone64:
	ADD R4, R20, R21
	FMOVD (R21), F7
	FMULD F5, F7, F7
	FADDD F7, F0, F0
	ADD R5, R20, R21
	FMOVD (R21), F8
	FADDD F8, F0, F0
	FMOVD F0, (R21)
	ADD $8, R20, R20
	ADD R14, R19, R19
	ADD $8, R19, R19
	B tail64

next64:
	ADD R0, R5, R5
	SUB $1, R1, R1
	B row64

done64:
	RET

// func splineKnots32NEON(m int, n int, x []float32, s []float32, wb []float32, y []float32, knots []float32, tab []float32, k int, rowBytes int)
TEXT ·splineKnots32NEON(SB), NOSPLIT, $0-176
	MOVD m+0(FP), R0
	LSL $2, R0, R0 // output row bytes
	MOVD n+8(FP), R1
	MOVD x_base+16(FP), R2
	MOVD s_base+40(FP), R3
	MOVD wb_base+64(FP), R4
	MOVD y_base+88(FP), R5
	MOVD knots_base+112(FP), R6
	MOVD knots_len+120(FP), R7
	MOVD tab_base+136(FP), R8
	MOVD k+160(FP), R9
	MOVD rowBytes+168(FP), R10
	LSR $5, R0, R11
	LSL $5, R11, R11 // whole 32-byte blocks of outputs
	ADD $1, R9, R12
	LSL $5, R12, R12 // (K+1)·32: one block's coefficients
	LSL $5, R9, R13  // K·32
	LSL $2, R9, R14  // K·es
	FMOVS (R6), F16 // t_0
	SUB $1, R7, R15
	LSL $2, R15, R15
	ADD R6, R15, R15
	FMOVS (R15), F17 // t_last
	FMOVS $1.0, F9
	VDUP V9.S[0], V9.S4 // ones: y + Horner is one exact FMLA

row32:
	CBZ R1, done32
	FMOVS.P 4(R2), F0
	FCMPS F0, F0
	BVS nan32
	MOVD ZR, R15
	MOVD R6, R16

count32:
	CMP R7, R15
	BEQ counted32
	FMOVS.P 4(R16), F3
	FCMPS F3, F0
	BMI counted32 // x < t_c
	ADD $1, R15, R15
	B count32

nan32:
	ADD $1, R7, R15 // the NaN row

counted32:
	MUL R10, R15, R17
	ADD R8, R17, R17 // row address
	FMAXS F16, F0, F0
	FMINS F17, F0, F0
	FMOVS (R17), F3
	FSUBS F3, F0, F4
	FMOVS 4(R17), F3
	FSUBS F3, F4, F4
	FMOVS 8(R17), F3
	FMULS F3, F4, F4 // u
	VDUP V4.S[0], V4.S4
	FMOVS.P 4(R3), F5
	VDUP V5.S[0], V5.S4 // s[r]
	ADD $16, R17, R19 // coefficients, after the 4-element header
	MOVD ZR, R20

blk32:
	CMP R11, R20
	BGE tail32
	// outputs 0… of the block: Horner from u^K down
	ADD R13, R19, R21
	ADD $0, R21, R21
	VLD1 (R21), [V0.S4]
	MOVD R9, R22
hk32_0:
	CBZ R22, hdone32_0
	SUB $32, R21, R21
	VLD1 (R21), [V6.S4]
	VFMLA V4.S4, V0.S4, V6.S4
	VMOV V6.B16, V0.B16
	SUB $1, R22, R22
	B hk32_0
hdone32_0:
	ADD R4, R20, R21
	ADD $0, R21, R21
	VLD1 (R21), [V7.S4]
	ADD R5, R20, R21
	ADD $0, R21, R21
	VLD1 (R21), [V8.S4]
	VFMLA V5.S4, V7.S4, V8.S4
	VFMLA V9.S4, V0.S4, V8.S4
	VST1 [V8.S4], (R21)
	// outputs 4… of the block: Horner from u^K down
	ADD R13, R19, R21
	ADD $16, R21, R21
	VLD1 (R21), [V0.S4]
	MOVD R9, R22
hk32_16:
	CBZ R22, hdone32_16
	SUB $32, R21, R21
	VLD1 (R21), [V6.S4]
	VFMLA V4.S4, V0.S4, V6.S4
	VMOV V6.B16, V0.B16
	SUB $1, R22, R22
	B hk32_16
hdone32_16:
	ADD R4, R20, R21
	ADD $16, R21, R21
	VLD1 (R21), [V7.S4]
	ADD R5, R20, R21
	ADD $16, R21, R21
	VLD1 (R21), [V8.S4]
	VFMLA V5.S4, V7.S4, V8.S4
	VFMLA V9.S4, V0.S4, V8.S4
	VST1 [V8.S4], (R21)
	ADD $32, R20, R20
	ADD R12, R19, R19
	B blk32

tail32:
	CMP R0, R20
	BGE next32
	ADD R14, R19, R21
	FMOVS (R21), F0
	MOVD R9, R22

tk32:
	CBZ R22, tdone32
	SUB $4, R21, R21
	FMOVS (R21), F6
	FMULS F4, F0, F0
	FADDS F6, F0, F0
	SUB $1, R22, R22
	B tk32

tdone32:
	ADD R4, R20, R21
	FMOVS (R21), F7
	FMULS F5, F7, F7
	FADDS F7, F0, F0
	ADD R5, R20, R21
	FMOVS (R21), F8
	FADDS F8, F0, F0
	FMOVS F0, (R21)
	ADD $4, R20, R20
	ADD R14, R19, R19
	ADD $4, R19, R19
	B tail32

next32:
	ADD R0, R5, R5
	SUB $1, R1, R1
	B row32

done32:
	RET
