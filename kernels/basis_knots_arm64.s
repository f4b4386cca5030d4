//go:build !purego

#include "textflag.h"

// NEON general-knot B-spline basis (BasisLocalKnots), any order 1 … 5 at
// run time. One point per iteration: a scalar scan counts the knots <= x
// (NaN points take the NaN row and idx 0), x is clamped to the knots'
// range, u = ((x - hi) - lo)·invΔ from the table row's header, and the
// values (and derivatives) come from Horner's rule over the row's padded
// coefficient vectors (kernels.knotsTable), one 16-byte vector of
// functions at a time. Each point stores the whole padded width P <= 8
// (the next point overwrites the surplus); basisNEONRun keeps the stores
// inside the caller's slices.
//
// ipar: K, vector bytes P·es, row bytes, lastIdx, NaN row, header offset,
// point stride (K+1)·es.

// func basisKnots64NEON(x []float64, idx []int32, val []float64, der []float64, knots []float64, tab []float64, ipar []int64)
TEXT ·basisKnots64NEON(SB), NOSPLIT, $0-168
	MOVD x_base+0(FP), R0
	MOVD x_len+8(FP), R1
	MOVD idx_base+24(FP), R2
	MOVD val_base+48(FP), R3
	MOVD der_base+72(FP), R4
	MOVD knots_base+96(FP), R5
	MOVD knots_len+104(FP), R6
	MOVD tab_base+120(FP), R7
	MOVD ipar_base+144(FP), R8
	MOVD 0(R8), R9   // K
	MOVD 8(R8), R10  // P·es
	MOVD 16(R8), R11 // row bytes
	MOVD 24(R8), R12 // lastIdx
	MOVD 32(R8), R13 // NaN row
	MOVD 40(R8), R14 // header offset
	MOVD 48(R8), R15 // point stride
	FMOVD (R5), F16  // t_0
	SUB $1, R6, R19
	LSL $3, R19, R19
	ADD R5, R19, R19
	FMOVD (R19), F17 // t_last

loop64:
	CBZ R1, done64
	FMOVD.P 8(R0), F0
	FCMPD F0, F0
	BVS nan64
	MOVD ZR, R19
	MOVD R5, R20

count64:
	CMP R6, R19
	BEQ counted64
	FMOVD.P 8(R20), F1
	FCMPD F1, F0
	BMI counted64 // x < t_c
	ADD $1, R19, R19
	B count64

counted64:
	SUB R9, R19, R21
	SUB $1, R21, R21
	CMP $0, R21
	CSEL LT, ZR, R21, R21
	CMP R12, R21
	CSEL GT, R12, R21, R21
	MOVW.P R21, 4(R2)
	FMAXD F16, F0, F0
	FMIND F17, F0, F0
	B row64

nan64:
	MOVW.P ZR, 4(R2)
	MOVD R13, R19
	FMOVD F16, F0

row64:
	MUL R11, R19, R22
	ADD R7, R22, R22 // row
	ADD R14, R22, R23
	FMOVD 0(R23), F1
	FMOVD 8(R23), F2
	FMOVD 16(R23), F3
	FSUBD F1, F0, F4
	FSUBD F2, F4, F4
	FMULD F3, F4, F4
	VDUP V4.D[0], V5.D2 // u
	VDUP V3.D[0], V6.D2 // 1/Δ
	MOVD ZR, R25        // chunk offset

chunk64:
	CMP R10, R25
	BGE next64
	ADD R22, R25, R24 // coefficient vector 0 of this chunk
	MUL R9, R10, R26
	ADD R24, R26, R26 // vector K
	VLD1 (R26), [V0.D2]
	MOVD R9, R17

val64:
	CBZ R17, valdone64
	SUB R10, R26, R26
	VLD1 (R26), [V7.D2]
	VFMLA V5.D2, V0.D2, V7.D2 // c_m + acc·u
	VORR V7.B16, V7.B16, V0.B16
	SUB $1, R17, R17
	B val64

valdone64:
	ADD R3, R25, R26
	VST1 [V0.D2], (R26)
	CBZ R4, chunknext64
	LSL $1, R9, R26
	MUL R10, R26, R26
	ADD R24, R26, R26 // vector 2K
	VLD1 (R26), [V0.D2]
	SUB $1, R9, R17

der64:
	CBZ R17, derdone64
	SUB R10, R26, R26
	VLD1 (R26), [V7.D2]
	VFMLA V5.D2, V0.D2, V7.D2
	VORR V7.B16, V7.B16, V0.B16
	SUB $1, R17, R17
	B der64

derdone64:
	VEOR V7.B16, V7.B16, V7.B16
	VFMLA V6.D2, V0.D2, V7.D2 // ·1/Δ
	ADD R4, R25, R26
	VST1 [V7.D2], (R26)

chunknext64:
	ADD $16, R25, R25
	B chunk64

next64:
	ADD R15, R3, R3
	CBZ R4, dec64
	ADD R15, R4, R4

dec64:
	SUB $1, R1, R1
	B loop64

done64:
	RET

// func basisKnots32NEON(x []float32, idx []int32, val []float32, der []float32, knots []float32, tab []float32, ipar []int64)
TEXT ·basisKnots32NEON(SB), NOSPLIT, $0-168
	MOVD x_base+0(FP), R0
	MOVD x_len+8(FP), R1
	MOVD idx_base+24(FP), R2
	MOVD val_base+48(FP), R3
	MOVD der_base+72(FP), R4
	MOVD knots_base+96(FP), R5
	MOVD knots_len+104(FP), R6
	MOVD tab_base+120(FP), R7
	MOVD ipar_base+144(FP), R8
	MOVD 0(R8), R9
	MOVD 8(R8), R10
	MOVD 16(R8), R11
	MOVD 24(R8), R12
	MOVD 32(R8), R13
	MOVD 40(R8), R14
	MOVD 48(R8), R15
	FMOVS (R5), F16
	SUB $1, R6, R19
	LSL $2, R19, R19
	ADD R5, R19, R19
	FMOVS (R19), F17

loop32:
	CBZ R1, done32
	FMOVS.P 4(R0), F0
	FCMPS F0, F0
	BVS nan32
	MOVD ZR, R19
	MOVD R5, R20

count32:
	CMP R6, R19
	BEQ counted32
	FMOVS.P 4(R20), F1
	FCMPS F1, F0
	BMI counted32
	ADD $1, R19, R19
	B count32

counted32:
	SUB R9, R19, R21
	SUB $1, R21, R21
	CMP $0, R21
	CSEL LT, ZR, R21, R21
	CMP R12, R21
	CSEL GT, R12, R21, R21
	MOVW.P R21, 4(R2)
	FMAXS F16, F0, F0
	FMINS F17, F0, F0
	B row32

nan32:
	MOVW.P ZR, 4(R2)
	MOVD R13, R19
	FMOVS F16, F0

row32:
	MUL R11, R19, R22
	ADD R7, R22, R22
	ADD R14, R22, R23
	FMOVS 0(R23), F1
	FMOVS 4(R23), F2
	FMOVS 8(R23), F3
	FSUBS F1, F0, F4
	FSUBS F2, F4, F4
	FMULS F3, F4, F4
	VDUP V4.S[0], V5.S4
	VDUP V3.S[0], V6.S4
	MOVD ZR, R25

chunk32:
	CMP R10, R25
	BGE next32
	ADD R22, R25, R24
	MUL R9, R10, R26
	ADD R24, R26, R26
	VLD1 (R26), [V0.S4]
	MOVD R9, R17

val32:
	CBZ R17, valdone32
	SUB R10, R26, R26
	VLD1 (R26), [V7.S4]
	VFMLA V5.S4, V0.S4, V7.S4
	VORR V7.B16, V7.B16, V0.B16
	SUB $1, R17, R17
	B val32

valdone32:
	ADD R3, R25, R26
	VST1 [V0.S4], (R26)
	CBZ R4, chunknext32
	LSL $1, R9, R26
	MUL R10, R26, R26
	ADD R24, R26, R26
	VLD1 (R26), [V0.S4]
	SUB $1, R9, R17

der32:
	CBZ R17, derdone32
	SUB R10, R26, R26
	VLD1 (R26), [V7.S4]
	VFMLA V5.S4, V0.S4, V7.S4
	VORR V7.B16, V7.B16, V0.B16
	SUB $1, R17, R17
	B der32

derdone32:
	VEOR V7.B16, V7.B16, V7.B16
	VFMLA V6.S4, V0.S4, V7.S4
	ADD R4, R25, R26
	VST1 [V7.S4], (R26)

chunknext32:
	ADD $16, R25, R25
	B chunk32

next32:
	ADD R15, R3, R3
	CBZ R4, dec32
	ADD R15, R4, R4

dec32:
	SUB $1, R1, R1
	B loop32

done32:
	RET
