//go:build !purego

#include "textflag.h"

// NEON fused KAN layer kernels (kernels.SplineAcc, kernels.SplineGrad) for
// any order at run time: per row, the K+1 basis values (broadcast with
// VLD1R) multiply the K+1 weight rows idx[r] … idx[r]+K, two float64 or
// four float32 outputs per vector, the remaining outputs one by one.
// Register use: R0 row bytes, R1 idx, R2 rows left, R11 weight row
// offset, R12 output offset, R14 weight pointer, R15 basis pointer, R16
// orders left; the rest are the slices' bases.

// func splineAcc64NEON(m int, idx []int32, v []float64, s []float64, wb []float64, ws []float64, y []float64, k int)
TEXT ·splineAcc64NEON(SB), NOSPLIT, $0-160
	MOVD m+0(FP), R0
	LSL $3, R0, R0 // row bytes
	MOVD idx_base+8(FP), R1
	MOVD idx_len+16(FP), R2
	MOVD v_base+32(FP), R3
	MOVD s_base+56(FP), R4
	MOVD wb_base+80(FP), R5
	MOVD ws_base+104(FP), R6
	MOVD y_base+128(FP), R7
	MOVD k+152(FP), R8
	ADD $1, R8, R9
	LSL $3, R9, R9 // v row bytes
	LSR $4, R0, R10
	LSL $4, R10, R10 // whole vectors

arow_64:
	CBZ R2, adone_64
	MOVW.P 4(R1), R11
	MUL R0, R11, R11
	ADD R6, R11, R11 // weight row idx[r]
	FMOVD.P 8(R4), F1
	VDUP V1.D[0], V1.D2 // s[r]
	MOVD ZR, R12

avec_64:
	CMP R10, R12
	BGE atail_64
	ADD R7, R12, R13
	VLD1 (R13), [V0.D2]
	ADD R5, R12, R14
	VLD1 (R14), [V2.D2]
	VFMLA V1.D2, V2.D2, V0.D2
	ADD R11, R12, R14
	MOVD R3, R15
	MOVD R8, R16

aq_64:
	VLD1R (R15), [V3.D2]
	VLD1 (R14), [V2.D2]
	VFMLA V3.D2, V2.D2, V0.D2
	ADD $8, R15, R15
	ADD R0, R14, R14
	SUBS $1, R16, R16
	BGE aq_64
	VST1 [V0.D2], (R13)
	ADD $16, R12, R12
	B avec_64

atail_64:
	CMP R0, R12
	BGE anext_64
	ADD R7, R12, R13
	FMOVD (R13), F0
	ADD R5, R12, R14
	FMOVD (R14), F2
	FMULD F1, F2, F2
	FADDD F2, F0, F0
	ADD R11, R12, R14
	MOVD R3, R15
	MOVD R8, R16

atq_64:
	FMOVD (R15), F3
	FMOVD (R14), F2
	FMULD F3, F2, F2
	FADDD F2, F0, F0
	ADD $8, R15, R15
	ADD R0, R14, R14
	SUBS $1, R16, R16
	BGE atq_64
	FMOVD F0, (R13)
	ADD $8, R12, R12
	B atail_64

anext_64:
	ADD R9, R3, R3
	ADD R0, R7, R7
	SUB $1, R2, R2
	B arow_64

adone_64:
	RET

// func splineAcc32NEON(m int, idx []int32, v []float32, s []float32, wb []float32, ws []float32, y []float32, k int)
TEXT ·splineAcc32NEON(SB), NOSPLIT, $0-160
	MOVD m+0(FP), R0
	LSL $2, R0, R0 // row bytes
	MOVD idx_base+8(FP), R1
	MOVD idx_len+16(FP), R2
	MOVD v_base+32(FP), R3
	MOVD s_base+56(FP), R4
	MOVD wb_base+80(FP), R5
	MOVD ws_base+104(FP), R6
	MOVD y_base+128(FP), R7
	MOVD k+152(FP), R8
	ADD $1, R8, R9
	LSL $2, R9, R9 // v row bytes
	LSR $4, R0, R10
	LSL $4, R10, R10 // whole vectors

arow_32:
	CBZ R2, adone_32
	MOVW.P 4(R1), R11
	MUL R0, R11, R11
	ADD R6, R11, R11 // weight row idx[r]
	FMOVS.P 4(R4), F1
	VDUP V1.S[0], V1.S4 // s[r]
	MOVD ZR, R12

avec_32:
	CMP R10, R12
	BGE atail_32
	ADD R7, R12, R13
	VLD1 (R13), [V0.S4]
	ADD R5, R12, R14
	VLD1 (R14), [V2.S4]
	VFMLA V1.S4, V2.S4, V0.S4
	ADD R11, R12, R14
	MOVD R3, R15
	MOVD R8, R16

aq_32:
	VLD1R (R15), [V3.S4]
	VLD1 (R14), [V2.S4]
	VFMLA V3.S4, V2.S4, V0.S4
	ADD $4, R15, R15
	ADD R0, R14, R14
	SUBS $1, R16, R16
	BGE aq_32
	VST1 [V0.S4], (R13)
	ADD $16, R12, R12
	B avec_32

atail_32:
	CMP R0, R12
	BGE anext_32
	ADD R7, R12, R13
	FMOVS (R13), F0
	ADD R5, R12, R14
	FMOVS (R14), F2
	FMULS F1, F2, F2
	FADDS F2, F0, F0
	ADD R11, R12, R14
	MOVD R3, R15
	MOVD R8, R16

atq_32:
	FMOVS (R15), F3
	FMOVS (R14), F2
	FMULS F3, F2, F2
	FADDS F2, F0, F0
	ADD $4, R15, R15
	ADD R0, R14, R14
	SUBS $1, R16, R16
	BGE atq_32
	FMOVS F0, (R13)
	ADD $4, R12, R12
	B atail_32

anext_32:
	ADD R9, R3, R3
	ADD R0, R7, R7
	SUB $1, R2, R2
	B arow_32

adone_32:
	RET

// func splineGrad64NEON(m int, idx []int32, v []float64, d []float64, s []float64, ds []float64, wb []float64, ws []float64, dy []float64, gb []float64, gs []float64, dx []float64, k int)
TEXT ·splineGrad64NEON(SB), NOSPLIT, $0-280
	MOVD m+0(FP), R0
	LSL $3, R0, R0 // row bytes
	MOVD idx_base+8(FP), R1
	MOVD idx_len+16(FP), R2
	MOVD v_base+32(FP), R3
	MOVD d_base+56(FP), R4
	MOVD s_base+80(FP), R5
	MOVD ds_base+104(FP), R6
	MOVD dy_base+176(FP), R7
	MOVD dx_base+248(FP), R8
	MOVD k+272(FP), R9
	ADD $1, R9, R10
	LSL $3, R10, R10 // v, d row bytes
	LSR $4, R0, R19
	LSL $4, R19, R19 // whole vectors
	MOVD gb_base+200(FP), R20
	MOVD gs_base+224(FP), R21
	MOVD wb_base+128(FP), R22
	MOVD ws_base+152(FP), R23

grow_64:
	CBZ R2, gdone_64
	MOVW.P 4(R1), R11
	MUL R0, R11, R11 // byte offset of weight row idx[r]
	CBZ R20, gdx_64

	// Weight gradients.
	FMOVD (R5), F1
	VDUP V1.D[0], V1.D2 // s[r]
	MOVD ZR, R12

gwvec_64:
	CMP R19, R12
	BGE gwtail_64
	ADD R7, R12, R13
	VLD1 (R13), [V4.D2] // g
	ADD R20, R12, R13
	VLD1 (R13), [V0.D2]
	VFMLA V1.D2, V4.D2, V0.D2
	VST1 [V0.D2], (R13)
	ADD R21, R11, R14
	ADD R12, R14, R14
	MOVD R3, R15
	MOVD R9, R16

gwq_64:
	VLD1R (R15), [V3.D2]
	VLD1 (R14), [V0.D2]
	VFMLA V3.D2, V4.D2, V0.D2
	VST1 [V0.D2], (R14)
	ADD $8, R15, R15
	ADD R0, R14, R14
	SUBS $1, R16, R16
	BGE gwq_64
	ADD $16, R12, R12
	B gwvec_64

gwtail_64:
	CMP R0, R12
	BGE gdx_64
	ADD R7, R12, R13
	FMOVD (R13), F4
	ADD R20, R12, R13
	FMOVD (R13), F0
	FMULD F1, F4, F2
	FADDD F2, F0, F0
	FMOVD F0, (R13)
	ADD R21, R11, R14
	ADD R12, R14, R14
	MOVD R3, R15
	MOVD R9, R16

gwtq_64:
	FMOVD (R15), F3
	FMOVD (R14), F0
	FMULD F3, F4, F2
	FADDD F2, F0, F0
	FMOVD F0, (R14)
	ADD $8, R15, R15
	ADD R0, R14, R14
	SUBS $1, R16, R16
	BGE gwtq_64
	ADD $8, R12, R12
	B gwtail_64

gdx_64:
	CBZ R8, gnext_64

	// Input gradient: vector sum in V8, element tail in F9.
	FMOVD (R6), F1
	VDUP V1.D[0], V1.D2 // ds[r]
	VEOR V8.B16, V8.B16, V8.B16
	VEOR V9.B16, V9.B16, V9.B16
	MOVD ZR, R12

dxvec_64:
	CMP R19, R12
	BGE dxtail_64
	VEOR V0.B16, V0.B16, V0.B16
	ADD R22, R12, R13
	VLD1 (R13), [V2.D2]
	VFMLA V1.D2, V2.D2, V0.D2 // c = ds·wb
	ADD R23, R11, R14
	ADD R12, R14, R14
	MOVD R4, R15
	MOVD R9, R16

dxq_64:
	VLD1R (R15), [V3.D2]
	VLD1 (R14), [V2.D2]
	VFMLA V3.D2, V2.D2, V0.D2
	ADD $8, R15, R15
	ADD R0, R14, R14
	SUBS $1, R16, R16
	BGE dxq_64
	ADD R7, R12, R13
	VLD1 (R13), [V4.D2]
	VFMLA V4.D2, V0.D2, V8.D2 // sum += c·g
	ADD $16, R12, R12
	B dxvec_64

dxtail_64:
	CMP R0, R12
	BGE dxsum_64
	ADD R22, R12, R13
	FMOVD (R13), F0
	FMULD F1, F0, F0
	ADD R23, R11, R14
	ADD R12, R14, R14
	MOVD R4, R15
	MOVD R9, R16

dxtq_64:
	FMOVD (R15), F3
	FMOVD (R14), F2
	FMULD F3, F2, F2
	FADDD F2, F0, F0
	ADD $8, R15, R15
	ADD R0, R14, R14
	SUBS $1, R16, R16
	BGE dxtq_64
	ADD R7, R12, R13
	FMOVD (R13), F4
	FMULD F4, F0, F0
	FADDD F0, F9, F9
	ADD $8, R12, R12
	B dxtail_64

dxsum_64:
	VDUP V8.D[1], V10.D2
	FADDD F10, F8, F8
	FADDD F9, F8, F8
	FMOVD F8, (R8)

gnext_64:
	ADD R10, R3, R3
	ADD R10, R4, R4
	ADD $8, R5, R5
	ADD $8, R6, R6
	ADD R0, R7, R7
	CBZ R8, gdec_64
	ADD $8, R8, R8

gdec_64:
	SUB $1, R2, R2
	B grow_64

gdone_64:
	RET

// func splineGrad32NEON(m int, idx []int32, v []float32, d []float32, s []float32, ds []float32, wb []float32, ws []float32, dy []float32, gb []float32, gs []float32, dx []float32, k int)
TEXT ·splineGrad32NEON(SB), NOSPLIT, $0-280
	MOVD m+0(FP), R0
	LSL $2, R0, R0 // row bytes
	MOVD idx_base+8(FP), R1
	MOVD idx_len+16(FP), R2
	MOVD v_base+32(FP), R3
	MOVD d_base+56(FP), R4
	MOVD s_base+80(FP), R5
	MOVD ds_base+104(FP), R6
	MOVD dy_base+176(FP), R7
	MOVD dx_base+248(FP), R8
	MOVD k+272(FP), R9
	ADD $1, R9, R10
	LSL $2, R10, R10 // v, d row bytes
	LSR $4, R0, R19
	LSL $4, R19, R19 // whole vectors
	MOVD gb_base+200(FP), R20
	MOVD gs_base+224(FP), R21
	MOVD wb_base+128(FP), R22
	MOVD ws_base+152(FP), R23

grow_32:
	CBZ R2, gdone_32
	MOVW.P 4(R1), R11
	MUL R0, R11, R11 // byte offset of weight row idx[r]
	CBZ R20, gdx_32

	// Weight gradients.
	FMOVS (R5), F1
	VDUP V1.S[0], V1.S4 // s[r]
	MOVD ZR, R12

gwvec_32:
	CMP R19, R12
	BGE gwtail_32
	ADD R7, R12, R13
	VLD1 (R13), [V4.S4] // g
	ADD R20, R12, R13
	VLD1 (R13), [V0.S4]
	VFMLA V1.S4, V4.S4, V0.S4
	VST1 [V0.S4], (R13)
	ADD R21, R11, R14
	ADD R12, R14, R14
	MOVD R3, R15
	MOVD R9, R16

gwq_32:
	VLD1R (R15), [V3.S4]
	VLD1 (R14), [V0.S4]
	VFMLA V3.S4, V4.S4, V0.S4
	VST1 [V0.S4], (R14)
	ADD $4, R15, R15
	ADD R0, R14, R14
	SUBS $1, R16, R16
	BGE gwq_32
	ADD $16, R12, R12
	B gwvec_32

gwtail_32:
	CMP R0, R12
	BGE gdx_32
	ADD R7, R12, R13
	FMOVS (R13), F4
	ADD R20, R12, R13
	FMOVS (R13), F0
	FMULS F1, F4, F2
	FADDS F2, F0, F0
	FMOVS F0, (R13)
	ADD R21, R11, R14
	ADD R12, R14, R14
	MOVD R3, R15
	MOVD R9, R16

gwtq_32:
	FMOVS (R15), F3
	FMOVS (R14), F0
	FMULS F3, F4, F2
	FADDS F2, F0, F0
	FMOVS F0, (R14)
	ADD $4, R15, R15
	ADD R0, R14, R14
	SUBS $1, R16, R16
	BGE gwtq_32
	ADD $4, R12, R12
	B gwtail_32

gdx_32:
	CBZ R8, gnext_32

	// Input gradient: vector sum in V8, element tail in F9.
	FMOVS (R6), F1
	VDUP V1.S[0], V1.S4 // ds[r]
	VEOR V8.B16, V8.B16, V8.B16
	VEOR V9.B16, V9.B16, V9.B16
	MOVD ZR, R12

dxvec_32:
	CMP R19, R12
	BGE dxtail_32
	VEOR V0.B16, V0.B16, V0.B16
	ADD R22, R12, R13
	VLD1 (R13), [V2.S4]
	VFMLA V1.S4, V2.S4, V0.S4 // c = ds·wb
	ADD R23, R11, R14
	ADD R12, R14, R14
	MOVD R4, R15
	MOVD R9, R16

dxq_32:
	VLD1R (R15), [V3.S4]
	VLD1 (R14), [V2.S4]
	VFMLA V3.S4, V2.S4, V0.S4
	ADD $4, R15, R15
	ADD R0, R14, R14
	SUBS $1, R16, R16
	BGE dxq_32
	ADD R7, R12, R13
	VLD1 (R13), [V4.S4]
	VFMLA V4.S4, V0.S4, V8.S4 // sum += c·g
	ADD $16, R12, R12
	B dxvec_32

dxtail_32:
	CMP R0, R12
	BGE dxsum_32
	ADD R22, R12, R13
	FMOVS (R13), F0
	FMULS F1, F0, F0
	ADD R23, R11, R14
	ADD R12, R14, R14
	MOVD R4, R15
	MOVD R9, R16

dxtq_32:
	FMOVS (R15), F3
	FMOVS (R14), F2
	FMULS F3, F2, F2
	FADDS F2, F0, F0
	ADD $4, R15, R15
	ADD R0, R14, R14
	SUBS $1, R16, R16
	BGE dxtq_32
	ADD R7, R12, R13
	FMOVS (R13), F4
	FMULS F4, F0, F0
	FADDS F0, F9, F9
	ADD $4, R12, R12
	B dxtail_32

dxsum_32:
	VDUP V8.S[1], V10.S4
	VDUP V8.S[2], V11.S4
	VDUP V8.S[3], V12.S4
	FADDS F10, F8, F8
	FADDS F11, F8, F8
	FADDS F12, F8, F8
	FADDS F9, F8, F8
	FMOVS F8, (R8)

gnext_32:
	ADD R10, R3, R3
	ADD R10, R4, R4
	ADD $4, R5, R5
	ADD $4, R6, R6
	ADD R0, R7, R7
	CBZ R8, gdec_32
	ADD $4, R8, R8

gdec_32:
	SUB $1, R2, R2
	B grow_32

gdone_32:
	RET
