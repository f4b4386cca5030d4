//go:build !purego

#include "textflag.h"

// LOCATE64: x in F0 (not NaN) -> idx stored through R2 (post-increment),
// R7 = address of the table row, F7 = u. Steps (as kernels.locate64):
// s = clamp((x-lo)*invh, sLo, sHi); f = floor(s); f-- if x < lo+f*h;
// f++ if x >= lo+(f+1)*h; u = clamp((x-(lo+f*h))*invh, umin, umax);
// idx = clamp(f, 0, G-1); row = clamp(idx-f, -(K+1), K+1)*stride + bias.
// Registers: F16 lo, F17 h, F18 invh, F19 sLo, F20 sHi, F21 1, F22 0,
// F23 G-1, F24 K+1, F25 -(K+1), F26 stride, F27 bias, F28 umin, F29 umax.
#define LOCATE64 \
	FSUBD F16, F0, F1; \
	FMULD F18, F1, F1; \
	FMAXD F19, F1, F1; \
	FMIND F20, F1, F1; \
	FRINTMD F1, F2; \
	FMULD F17, F2, F3; \
	FADDD F16, F3, F3; \
	FSUBD F21, F2, F4; \
	FCMPD F3, F0; \
	FCSELD MI, F4, F2, F2; \
	FADDD F21, F2, F4; \
	FMULD F17, F4, F3; \
	FADDD F16, F3, F3; \
	FCMPD F3, F0; \
	FCSELD GE, F4, F2, F2; \
	FMULD F17, F2, F3; \
	FADDD F16, F3, F3; \
	FSUBD F3, F0, F7; \
	FMULD F18, F7, F7; \
	FMAXD F28, F7, F7; \
	FMIND F29, F7, F7; \
	FMAXD F22, F2, F5; \
	FMIND F23, F5, F5; \
	FSUBD F2, F5, F6; \
	FMIND F24, F6, F6; \
	FMAXD F25, F6, F6; \
	FMULD F26, F6, F6; \
	FADDD F27, F6, F6; \
	FCVTZSDW F5, R8; \
	MOVW.P R8, 4(R2); \
	FCVTZSD F6, R7; \
	ADD R6, R7, R7

// LOCATE32: LOCATE64 for a float32 x in F0: the interval is found in
// float32 (as kernels.locate32) with F16 lo32, F17 h32, F18 invh32,
// F19 sLo, F20 sHi, F21 1; u, idx and the row in float64 with F22 lo,
// F23 h, F24 invh, F25 0, F26 G-1, F27 K+1, F28 -(K+1), F29 stride,
// F30 bias, F8 umin, F9 umax; u ends as float32 in F7.
#define LOCATE32 \
	FSUBS F16, F0, F1; \
	FMULS F18, F1, F1; \
	FMAXS F19, F1, F1; \
	FMINS F20, F1, F1; \
	FRINTMS F1, F2; \
	FMULS F17, F2, F3; \
	FADDS F16, F3, F3; \
	FSUBS F21, F2, F4; \
	FCMPS F3, F0; \
	FCSELS MI, F4, F2, F2; \
	FADDS F21, F2, F4; \
	FMULS F17, F4, F3; \
	FADDS F16, F3, F3; \
	FCMPS F3, F0; \
	FCSELS GE, F4, F2, F2; \
	FCVTSD F2, F2; \
	FCVTSD F0, F0; \
	FMULD F23, F2, F3; \
	FADDD F22, F3, F3; \
	FSUBD F3, F0, F7; \
	FMULD F24, F7, F7; \
	FMAXD F8, F7, F7; \
	FMIND F9, F7, F7; \
	FCVTDS F7, F7; \
	FMAXD F25, F2, F5; \
	FMIND F26, F5, F5; \
	FSUBD F2, F5, F6; \
	FMIND F27, F6, F6; \
	FMAXD F28, F6, F6; \
	FMULD F29, F6, F6; \
	FADDD F30, F6, F6; \
	FCVTZSDW F5, R8; \
	MOVW.P R8, 4(R2); \
	FCVTZSD F6, R7; \
	ADD R6, R7, R7

// PARAMS64 loads the float64 kernel parameters (par at R5) for LOCATE64.
#define PARAMS64 \
	FMOVD 0(R5), F16; \
	FMOVD 8(R5), F17; \
	FMOVD 16(R5), F18; \
	FMOVD 24(R5), F19; \
	FMOVD 32(R5), F20; \
	FMOVD 40(R5), F21; \
	FMOVD 48(R5), F22; \
	FMOVD 56(R5), F23; \
	FMOVD 64(R5), F24; \
	FMOVD 72(R5), F25; \
	FMOVD 80(R5), F26; \
	FMOVD 88(R5), F27; \
	FMOVD 96(R5), F28; \
	FMOVD 104(R5), F29; \
	FMOVD 112(R5), F30

// PARAMS32 loads the float32 kernel parameters (par at R5, par32 at R9)
// for LOCATE32.
#define PARAMS32 \
	FMOVS 0(R9), F16; \
	FMOVS 4(R9), F17; \
	FMOVS 8(R9), F18; \
	FMOVS 12(R9), F19; \
	FMOVS 16(R9), F20; \
	FMOVS 20(R9), F21; \
	FMOVD 0(R5), F22; \
	FMOVD 8(R5), F23; \
	FMOVD 16(R5), F24; \
	FMOVD 24(R5), F25; \
	FMOVD 32(R5), F26; \
	FMOVD 40(R5), F27; \
	FMOVD 48(R5), F28; \
	FMOVD 56(R5), F29; \
	FMOVD 64(R5), F30; \
	FMOVD 72(R5), F31; \
	FMOVD 80(R5), F8; \
	FMOVD 88(R5), F9

// NEON B-spline basis, specialised for order K=3 (the general orders 1 … 5
// follow below; see basis_arm64.go). One point per
// iteration: the knot interval is found with scalar code that repeats
// kernels.locate64 / locate32 operation for operation (floor, then one
// correction step against the rounded knots), u = (x - t_f)/h is computed
// in float64, and the 4 values (and derivatives) come from Horner's rule
// over a row of the coefficient table (basis_table.go, 4 lanes per vector),
// all 4 functions at once. Any n, any alignment; nothing is written past
// n points.

// func basisLocal64K3NEON(x []float64, idx []int32, val []float64, der []float64, par []float64, tab []float64)
//
// par: lo, h, invh, sLo, sHi, one, zero, G-1, K+1, -(K+1), stride, bias, umin, umax, nanrow
TEXT ·basisLocal64K3NEON(SB), NOSPLIT, $0-144
	MOVD x_base+0(FP), R0
	MOVD x_len+8(FP), R1
	MOVD idx_base+24(FP), R2
	MOVD val_base+48(FP), R3
	MOVD der_base+72(FP), R4
	MOVD par_base+96(FP), R5
	MOVD tab_base+120(FP), R6
	PARAMS64
	VDUP V18.D[0], V15.D2 // invh in both lanes

loop64:
	CBZ R1, done64
	FMOVD.P 8(R0), F0 // x
	FCMPD F0, F0
	BVS nan64
	LOCATE64

point64:
	VDUP V7.D[0], V14.D2
	VLD1.P 64(R7), [V0.D2, V1.D2, V2.D2, V3.D2] // c0, c1
	VLD1.P 64(R7), [V4.D2, V5.D2, V6.D2, V7.D2] // c2, c3
	VFMLA V14.D2, V6.D2, V4.D2 // c2 += c3*u
	VFMLA V14.D2, V7.D2, V5.D2
	VFMLA V14.D2, V4.D2, V2.D2 // c1 += c2*u
	VFMLA V14.D2, V5.D2, V3.D2
	VFMLA V14.D2, V2.D2, V0.D2 // c0 += c1*u
	VFMLA V14.D2, V3.D2, V1.D2
	VST1.P [V0.D2, V1.D2], 32(R3)
	CBZ R4, next64
	VLD1.P 64(R7), [V8.D2, V9.D2, V10.D2, V11.D2] // d0, d1
	VLD1 (R7), [V12.D2, V13.D2]                   // d2
	VFMLA V14.D2, V12.D2, V10.D2 // d1 += d2*u
	VFMLA V14.D2, V13.D2, V11.D2
	VFMLA V14.D2, V10.D2, V8.D2  // d0 += d1*u
	VFMLA V14.D2, V11.D2, V9.D2
	VEOR V0.B16, V0.B16, V0.B16
	VEOR V1.B16, V1.B16, V1.B16
	VFMLA V15.D2, V8.D2, V0.D2   // der = d0 * invh
	VFMLA V15.D2, V9.D2, V1.D2
	VST1.P [V0.D2, V1.D2], 32(R4)

next64:
	SUB $1, R1, R1
	B loop64

nan64:
	MOVW.P ZR, 4(R2) // idx 0, the NaN row, u = 0
	FMOVD F22, F7
	FCVTZSD F30, R7
	ADD R6, R7, R7
	B point64

done64:
	RET

// func basisLocal32K3NEON(x []float32, idx []int32, val []float32, der []float32, par []float64, par32 []float32, tab []float32)
//
// par:   lo, h, invh, 0, G-1, K+1, -(K+1), stride, bias, nanrow, umin, umax
// par32: lo32, h32, invh32, sLo, sHi, 1
TEXT ·basisLocal32K3NEON(SB), NOSPLIT, $0-168
	MOVD x_base+0(FP), R0
	MOVD x_len+8(FP), R1
	MOVD idx_base+24(FP), R2
	MOVD val_base+48(FP), R3
	MOVD der_base+72(FP), R4
	MOVD par_base+96(FP), R5
	MOVD par32_base+120(FP), R9
	MOVD tab_base+144(FP), R6
	PARAMS32
	VDUP V18.S[0], V15.S4 // invh32 in all lanes

loop32:
	CBZ R1, done32
	FMOVS.P 4(R0), F0 // x
	FCMPS F0, F0
	BVS nan32
	LOCATE32

point32:
	VDUP V7.S[0], V14.S4
	VLD1.P 64(R7), [V0.S4, V1.S4, V2.S4, V3.S4] // c0 … c3
	VFMLA V14.S4, V3.S4, V2.S4 // c2 += c3*u
	VFMLA V14.S4, V2.S4, V1.S4 // c1 += c2*u
	VFMLA V14.S4, V1.S4, V0.S4 // c0 += c1*u
	VST1.P [V0.S4], 16(R3)
	CBZ R4, next32
	VLD1 (R7), [V4.S4, V5.S4, V6.S4] // d0 … d2
	VFMLA V14.S4, V6.S4, V5.S4 // d1 += d2*u
	VFMLA V14.S4, V5.S4, V4.S4 // d0 += d1*u
	VEOR V0.B16, V0.B16, V0.B16
	VFMLA V15.S4, V4.S4, V0.S4 // der = d0 * invh
	VST1.P [V0.S4], 16(R4)

next32:
	SUB $1, R1, R1
	B loop32

nan32:
	MOVW.P ZR, 4(R2)
	FMOVS F21, F7 // u = 1 (any finite u: the NaN row gives NaN)
	FCVTZSD F31, R7
	ADD R6, R7, R7
	B point32

done32:
	RET

// General order K = 1 … 5 (basis_arm64.go pads the table to 8 lanes per
// vector): the same per-point scheme with Horner loops over K, 8 lanes per
// coefficient vector (4 registers of float64, 2 of float32). Each point
// stores all 8 lanes at its K+1 slot; the next point overwrites the
// surplus, and the Go wrapper runs the last point through a scratch buffer,
// so nothing past the caller's slices is written.

// func basisLocal64NEON(x []float64, idx []int32, val []float64, der []float64, par []float64, tab []float64, k int)
TEXT ·basisLocal64NEON(SB), NOSPLIT, $0-152
	MOVD x_base+0(FP), R0
	MOVD x_len+8(FP), R1
	MOVD idx_base+24(FP), R2
	MOVD val_base+48(FP), R3
	MOVD der_base+72(FP), R4
	MOVD par_base+96(FP), R5
	MOVD tab_base+120(FP), R6
	MOVD k+144(FP), R9
	PARAMS64
	VDUP V18.D[0], V15.D2
	ADD $1, R9, R13
	LSL $3, R13, R13 // (K+1)*8: bytes per point

gloop64:
	CBZ R1, gdone64
	FMOVD.P 8(R0), F0
	FCMPD F0, F0
	BVS gnan64
	LOCATE64

gpoint64:
	VDUP V7.D[0], V14.D2
	LSL $6, R9, R10
	ADD R7, R10, R11 // vector K: coefficients of u^K
	VLD1 (R11), [V0.D2, V1.D2, V2.D2, V3.D2]
	MOVD R9, R12

gval64:
	CBZ R12, gvaldone64
	SUB $64, R11, R11
	VLD1 (R11), [V4.D2, V5.D2, V6.D2, V7.D2]
	VFMLA V14.D2, V0.D2, V4.D2
	VFMLA V14.D2, V1.D2, V5.D2
	VFMLA V14.D2, V2.D2, V6.D2
	VFMLA V14.D2, V3.D2, V7.D2
	VMOV V4.B16, V0.B16
	VMOV V5.B16, V1.B16
	VMOV V6.B16, V2.B16
	VMOV V7.B16, V3.B16
	SUB $1, R12, R12
	B gval64

gvaldone64:
	VST1.P [V0.D2, V1.D2, V2.D2, V3.D2], (R3)(R13)
	CBZ R4, gnext64
	LSL $7, R9, R10
	ADD R7, R10, R11 // vector 2K: derivative coefficients of u^(K-1)
	VLD1 (R11), [V0.D2, V1.D2, V2.D2, V3.D2]
	SUB $1, R9, R12

gder64:
	CBZ R12, gderdone64
	SUB $64, R11, R11
	VLD1 (R11), [V4.D2, V5.D2, V6.D2, V7.D2]
	VFMLA V14.D2, V0.D2, V4.D2
	VFMLA V14.D2, V1.D2, V5.D2
	VFMLA V14.D2, V2.D2, V6.D2
	VFMLA V14.D2, V3.D2, V7.D2
	VMOV V4.B16, V0.B16
	VMOV V5.B16, V1.B16
	VMOV V6.B16, V2.B16
	VMOV V7.B16, V3.B16
	SUB $1, R12, R12
	B gder64

gderdone64:
	VEOR V4.B16, V4.B16, V4.B16
	VEOR V5.B16, V5.B16, V5.B16
	VEOR V6.B16, V6.B16, V6.B16
	VEOR V7.B16, V7.B16, V7.B16
	VFMLA V15.D2, V0.D2, V4.D2 // der = poly * invh
	VFMLA V15.D2, V1.D2, V5.D2
	VFMLA V15.D2, V2.D2, V6.D2
	VFMLA V15.D2, V3.D2, V7.D2
	VST1.P [V4.D2, V5.D2, V6.D2, V7.D2], (R4)(R13)

gnext64:
	SUB $1, R1, R1
	B gloop64

gnan64:
	MOVW.P ZR, 4(R2)
	FMOVD F22, F7
	FCVTZSD F30, R7
	ADD R6, R7, R7
	B gpoint64

gdone64:
	RET

// func basisLocal32NEON(x []float32, idx []int32, val []float32, der []float32, par []float64, par32 []float32, tab []float32, k int)
TEXT ·basisLocal32NEON(SB), NOSPLIT, $0-176
	MOVD x_base+0(FP), R0
	MOVD x_len+8(FP), R1
	MOVD idx_base+24(FP), R2
	MOVD val_base+48(FP), R3
	MOVD der_base+72(FP), R4
	MOVD par_base+96(FP), R5
	MOVD par32_base+120(FP), R9
	MOVD tab_base+144(FP), R6
	PARAMS32
	MOVD k+168(FP), R9
	VDUP V18.S[0], V15.S4
	ADD $1, R9, R13
	LSL $2, R13, R13 // (K+1)*4: bytes per point

gloop32:
	CBZ R1, gdone32
	FMOVS.P 4(R0), F0
	FCMPS F0, F0
	BVS gnan32
	LOCATE32

gpoint32:
	VDUP V7.S[0], V14.S4
	LSL $5, R9, R10
	ADD R7, R10, R11 // vector K
	VLD1 (R11), [V0.S4, V1.S4]
	MOVD R9, R12

gval32:
	CBZ R12, gvaldone32
	SUB $32, R11, R11
	VLD1 (R11), [V4.S4, V5.S4]
	VFMLA V14.S4, V0.S4, V4.S4
	VFMLA V14.S4, V1.S4, V5.S4
	VMOV V4.B16, V0.B16
	VMOV V5.B16, V1.B16
	SUB $1, R12, R12
	B gval32

gvaldone32:
	VST1.P [V0.S4, V1.S4], (R3)(R13)
	CBZ R4, gnext32
	LSL $6, R9, R10
	ADD R7, R10, R11 // vector 2K
	VLD1 (R11), [V0.S4, V1.S4]
	SUB $1, R9, R12

gder32:
	CBZ R12, gderdone32
	SUB $32, R11, R11
	VLD1 (R11), [V4.S4, V5.S4]
	VFMLA V14.S4, V0.S4, V4.S4
	VFMLA V14.S4, V1.S4, V5.S4
	VMOV V4.B16, V0.B16
	VMOV V5.B16, V1.B16
	SUB $1, R12, R12
	B gder32

gderdone32:
	VEOR V4.B16, V4.B16, V4.B16
	VEOR V5.B16, V5.B16, V5.B16
	VFMLA V15.S4, V0.S4, V4.S4
	VFMLA V15.S4, V1.S4, V5.S4
	VST1.P [V4.S4, V5.S4], (R4)(R13)

gnext32:
	SUB $1, R1, R1
	B gloop32

gnan32:
	MOVW.P ZR, 4(R2)
	FMOVS F21, F7
	FCVTZSD F31, R7
	ADD R6, R7, R7
	B gpoint32

gdone32:
	RET
