//go:build !purego

#include "textflag.h"

// Hand-written NEON math kernels (see math_arm64.go): the same float64
// algorithms as the AVX2 generator (../asm/elementwise/mathcore.go), two
// lanes per vector. A kernel takes blocks of 4 elements (two .2D halves;
// float32 is widened with FCVTL/FCVTL2 and narrowed back with
// FCVTN/FCVTN2), computes both halves, and stores the block only if no
// lane was hard; otherwise it returns the count done so far and the Go
// side finishes that block with the reference. NaN, ±Inf, overflow, zero
// and negative inputs are not hard: the ops give them the reference's
// value by compares and blends (BIT/BIF). Hard lanes are the rare ones the
// vector code cannot do exactly: exp's results near the overflow limit or
// subnormal, log of subnormals, trigonometric |x| ≥ 2^29, pow outside its
// fast domain.
//
// Registers: R0 dst, R1 a, R2 b, R3 elements left, R9 elements done, R10
// the constant table. V0/V1 hold the block's halves of a (V2/V3 of b); a
// core reads V16 (and V15 = b), writes its result to V17 and to V18 a
// mask that is all-ones in the lanes it did (not hard), and may use
// V19-V27. V28/V29 keep the first half while
// the second is computed.
//
// Go's assembler lacks most vector floating-point mnemonics, so every
// vector instruction here is a WORD built from its opcode and register
// numbers (encodings checked against llvm-mc).

#define F3(base, d, n, m) WORD $((base) | ((m)<<16) | ((n)<<5) | (d))
#define F2(base, d, n) WORD $((base) | ((n)<<5) | (d))

// .2D arithmetic: d = n op m.
#define FADD(d, n, m) F3(0x4E60D400, d, n, m)
#define FSUB(d, n, m) F3(0x4EE0D400, d, n, m)
#define FMUL(d, n, m) F3(0x6E60DC00, d, n, m)
#define FDIV(d, n, m) F3(0x6E60FC00, d, n, m)
#define FMIN(d, n, m) F3(0x4EE0F400, d, n, m)
// FMAX/FMIN propagate NaN (unlike x86's MAXPD/MINPD).
#define FMAX(d, n, m) F3(0x4E60F400, d, n, m)
// d += n*m, d -= n*m (fused).
#define FMLA(d, n, m) F3(0x4E60CC00, d, n, m)
#define FMLS(d, n, m) F3(0x4EE0CC00, d, n, m)
// Comparisons: all-ones lanes where n >= m, n > m, n == m (false for NaN).
#define FCMGE(d, n, m) F3(0x6E60E400, d, n, m)
#define FCMGT(d, n, m) F3(0x6EE0E400, d, n, m)
#define FCMEQ(d, n, m) F3(0x4E60E400, d, n, m)
#define FABS(d, n) F2(0x4EE0F800, d, n)
#define FNEG(d, n) F2(0x6EE0F800, d, n)
#define FRINTN(d, n) F2(0x4E618800, d, n)
#define FRINTZ(d, n) F2(0x4EE19800, d, n)
#define FCVTZS(d, n) F2(0x4EE1B800, d, n)
#define SCVTF(d, n) F2(0x4E61D800, d, n)
#define FCVTL(d, n) F2(0x0E617800, d, n)
#define FCVTL2(d, n) F2(0x4E617800, d, n)
#define FCVTN(d, n) F2(0x0E616800, d, n)
#define FCVTN2(d, n) F2(0x4E616800, d, n)
// Bitwise and integer .2D operations.
#define ANDV(d, n, m) F3(0x4E201C00, d, n, m)
#define ORRV(d, n, m) F3(0x4EA01C00, d, n, m)
#define EORV(d, n, m) F3(0x6E201C00, d, n, m)
#define MOVV(d, n) ORRV(d, n, n)
// BIT: d = m ? n : d. BSL: d = d ? n : m (bitwise).
#define BIT(d, n, m) F3(0x6EA01C00, d, n, m)
#define BSL(d, n, m) F3(0x6E601C00, d, n, m)
// BIF: d = m ? d : n.
#define BIF(d, n, m) F3(0x6EE01C00, d, n, m)
#define ADDI(d, n, m) F3(0x4EE08400, d, n, m)
#define CMTST(d, n, m) F3(0x4EE08C00, d, n, m)
#define SHL(d, n, sh) F2(0x4F405400 | ((64+(sh))<<16), d, n)
#define USHR(d, n, sh) F2(0x6F400400 | ((128-(sh))<<16), d, n)
// LDC loads constant k (16 bytes: the value twice) from the table at R10.
#define LDC(t, k) WORD $(0x3DC00000 | ((k)<<10) | (10<<5) | (t))
// HSTEP is one Horner step: d = c_k + x*p.
#define HSTEP(d, x, p, k) LDC(d, k); FMLA(d, x, p)

DATA mathc<>+0(SB)/8, $0x3ff0000000000000 // 0: 1.0
DATA mathc<>+8(SB)/8, $0x3ff0000000000000
DATA mathc<>+16(SB)/8, $0x4000000000000000 // 1: 2.0
DATA mathc<>+24(SB)/8, $0x4000000000000000
DATA mathc<>+32(SB)/8, $0x3fe0000000000000 // 2: 0.5
DATA mathc<>+40(SB)/8, $0x3fe0000000000000
DATA mathc<>+48(SB)/8, $0xbfe0000000000000 // 3: -0.5
DATA mathc<>+56(SB)/8, $0xbfe0000000000000
DATA mathc<>+64(SB)/8, $0x3ff71547652b82fe // 4: log2(e)
DATA mathc<>+72(SB)/8, $0x3ff71547652b82fe
DATA mathc<>+80(SB)/8, $0x3fe62e42fee00000 // 5: ln2Hi
DATA mathc<>+88(SB)/8, $0x3fe62e42fee00000
DATA mathc<>+96(SB)/8, $0x3dea39ef35793c76 // 6: ln2Lo
DATA mathc<>+104(SB)/8, $0x3dea39ef35793c76
DATA mathc<>+112(SB)/8, $0x3de6124613a86d09 // 7: 1/13!
DATA mathc<>+120(SB)/8, $0x3de6124613a86d09
DATA mathc<>+128(SB)/8, $0x3e21eed8eff8d898 // 8: 1/12!
DATA mathc<>+136(SB)/8, $0x3e21eed8eff8d898
DATA mathc<>+144(SB)/8, $0x3e5ae64567f544e4 // 9: 1/11!
DATA mathc<>+152(SB)/8, $0x3e5ae64567f544e4
DATA mathc<>+160(SB)/8, $0x3e927e4fb7789f5c // 10: 1/10!
DATA mathc<>+168(SB)/8, $0x3e927e4fb7789f5c
DATA mathc<>+176(SB)/8, $0x3ec71de3a556c734 // 11: 1/9!
DATA mathc<>+184(SB)/8, $0x3ec71de3a556c734
DATA mathc<>+192(SB)/8, $0x3efa01a01a01a01a // 12: 1/8!
DATA mathc<>+200(SB)/8, $0x3efa01a01a01a01a
DATA mathc<>+208(SB)/8, $0x3f2a01a01a01a01a // 13: 1/7!
DATA mathc<>+216(SB)/8, $0x3f2a01a01a01a01a
DATA mathc<>+224(SB)/8, $0x3f56c16c16c16c17 // 14: 1/6!
DATA mathc<>+232(SB)/8, $0x3f56c16c16c16c17
DATA mathc<>+240(SB)/8, $0x3f81111111111111 // 15: 1/5!
DATA mathc<>+248(SB)/8, $0x3f81111111111111
DATA mathc<>+256(SB)/8, $0x3fa5555555555555 // 16: 1/4!
DATA mathc<>+264(SB)/8, $0x3fa5555555555555
DATA mathc<>+272(SB)/8, $0x3fc5555555555555 // 17: 1/3!
DATA mathc<>+280(SB)/8, $0x3fc5555555555555
DATA mathc<>+288(SB)/8, $0x3fe0000000000000 // 18: 1/2!
DATA mathc<>+296(SB)/8, $0x3fe0000000000000
DATA mathc<>+304(SB)/8, $0x3ff0000000000000 // 19: 1/1!
DATA mathc<>+312(SB)/8, $0x3ff0000000000000
DATA mathc<>+320(SB)/8, $0x3ff0000000000000 // 20: 1/0!
DATA mathc<>+328(SB)/8, $0x3ff0000000000000
DATA mathc<>+336(SB)/8, $0x00000000000003ff // 21: int64 1023
DATA mathc<>+344(SB)/8, $0x00000000000003ff
DATA mathc<>+352(SB)/8, $0x4086200000000000 // 22: 708
DATA mathc<>+360(SB)/8, $0x4086200000000000
DATA mathc<>+368(SB)/8, $0xc086200000000000 // 23: -708
DATA mathc<>+376(SB)/8, $0xc086200000000000
DATA mathc<>+384(SB)/8, $0x0010000000000000 // 24: 2^-1022
DATA mathc<>+392(SB)/8, $0x0010000000000000
DATA mathc<>+400(SB)/8, $0x7fefffffffffffff // 25: MaxFloat64
DATA mathc<>+408(SB)/8, $0x7fefffffffffffff
DATA mathc<>+416(SB)/8, $0x000fffffffffffff // 26: mantissa mask
DATA mathc<>+424(SB)/8, $0x000fffffffffffff
DATA mathc<>+432(SB)/8, $0x408ff80000000000 // 27: 1023.0
DATA mathc<>+440(SB)/8, $0x408ff80000000000
DATA mathc<>+448(SB)/8, $0x3ff6a09e667f3bcd // 28: Sqrt2
DATA mathc<>+456(SB)/8, $0x3ff6a09e667f3bcd
DATA mathc<>+464(SB)/8, $0x3fc2f112df3e5244 // 29: L7
DATA mathc<>+472(SB)/8, $0x3fc2f112df3e5244
DATA mathc<>+480(SB)/8, $0x3fc7466496cb03de // 30: L5
DATA mathc<>+488(SB)/8, $0x3fc7466496cb03de
DATA mathc<>+496(SB)/8, $0x3fd2492494229359 // 31: L3
DATA mathc<>+504(SB)/8, $0x3fd2492494229359
DATA mathc<>+512(SB)/8, $0x3fe5555555555593 // 32: L1
DATA mathc<>+520(SB)/8, $0x3fe5555555555593
DATA mathc<>+528(SB)/8, $0x3fc39a09d078c69f // 33: L6
DATA mathc<>+536(SB)/8, $0x3fc39a09d078c69f
DATA mathc<>+544(SB)/8, $0x3fcc71c51d8e78af // 34: L4
DATA mathc<>+552(SB)/8, $0x3fcc71c51d8e78af
DATA mathc<>+560(SB)/8, $0x3fd999999997fa04 // 35: L2
DATA mathc<>+568(SB)/8, $0x3fd999999997fa04
DATA mathc<>+576(SB)/8, $0x41c0000000000000 // 36: 2^29
DATA mathc<>+584(SB)/8, $0x41c0000000000000
DATA mathc<>+592(SB)/8, $0x3ff45f306dc9c883 // 37: 4/Pi
DATA mathc<>+600(SB)/8, $0x3ff45f306dc9c883
DATA mathc<>+608(SB)/8, $0x0000000000000001 // 38: int64 1
DATA mathc<>+616(SB)/8, $0x0000000000000001
DATA mathc<>+624(SB)/8, $0x0000000000000002 // 39: int64 2
DATA mathc<>+632(SB)/8, $0x0000000000000002
DATA mathc<>+640(SB)/8, $0x0000000000000004 // 40: int64 4
DATA mathc<>+648(SB)/8, $0x0000000000000004
DATA mathc<>+656(SB)/8, $0x3fe921fb40000000 // 41: PI4A
DATA mathc<>+664(SB)/8, $0x3fe921fb40000000
DATA mathc<>+672(SB)/8, $0x3e64442d00000000 // 42: PI4B
DATA mathc<>+680(SB)/8, $0x3e64442d00000000
DATA mathc<>+688(SB)/8, $0x3ce8469898cc5170 // 43: PI4C
DATA mathc<>+696(SB)/8, $0x3ce8469898cc5170
DATA mathc<>+704(SB)/8, $0x3de5d8fd1fd19ccd // 44: sin0
DATA mathc<>+712(SB)/8, $0x3de5d8fd1fd19ccd
DATA mathc<>+720(SB)/8, $0xbe5ae5e5a9291f5d // 45: sin1
DATA mathc<>+728(SB)/8, $0xbe5ae5e5a9291f5d
DATA mathc<>+736(SB)/8, $0x3ec71de3567d48a1 // 46: sin2
DATA mathc<>+744(SB)/8, $0x3ec71de3567d48a1
DATA mathc<>+752(SB)/8, $0xbf2a01a019bfdf03 // 47: sin3
DATA mathc<>+760(SB)/8, $0xbf2a01a019bfdf03
DATA mathc<>+768(SB)/8, $0x3f8111111110f7d0 // 48: sin4
DATA mathc<>+776(SB)/8, $0x3f8111111110f7d0
DATA mathc<>+784(SB)/8, $0xbfc5555555555548 // 49: sin5
DATA mathc<>+792(SB)/8, $0xbfc5555555555548
DATA mathc<>+800(SB)/8, $0xbda8fa49a0861a9b // 50: cos0
DATA mathc<>+808(SB)/8, $0xbda8fa49a0861a9b
DATA mathc<>+816(SB)/8, $0x3e21ee9d7b4e3f05 // 51: cos1
DATA mathc<>+824(SB)/8, $0x3e21ee9d7b4e3f05
DATA mathc<>+832(SB)/8, $0xbe927e4f7eac4bc6 // 52: cos2
DATA mathc<>+840(SB)/8, $0xbe927e4f7eac4bc6
DATA mathc<>+848(SB)/8, $0x3efa01a019c844f5 // 53: cos3
DATA mathc<>+856(SB)/8, $0x3efa01a019c844f5
DATA mathc<>+864(SB)/8, $0xbf56c16c16c14f91 // 54: cos4
DATA mathc<>+872(SB)/8, $0xbf56c16c16c14f91
DATA mathc<>+880(SB)/8, $0x3fa555555555554b // 55: cos5
DATA mathc<>+888(SB)/8, $0x3fa555555555554b
DATA mathc<>+896(SB)/8, $0x8000000000000000 // 56: sign bit
DATA mathc<>+904(SB)/8, $0x8000000000000000
DATA mathc<>+912(SB)/8, $0x4036000000000000 // 57: 22
DATA mathc<>+920(SB)/8, $0x4036000000000000
DATA mathc<>+928(SB)/8, $0xbfeedc5baafd6f4b // 58: tanhP0
DATA mathc<>+936(SB)/8, $0xbfeedc5baafd6f4b
DATA mathc<>+944(SB)/8, $0xc058d26a0e26682d // 59: tanhP1
DATA mathc<>+952(SB)/8, $0xc058d26a0e26682d
DATA mathc<>+960(SB)/8, $0xc0993ac030580563 // 60: tanhP2
DATA mathc<>+968(SB)/8, $0xc0993ac030580563
DATA mathc<>+976(SB)/8, $0x405c33f28a581b86 // 61: tanhQ0
DATA mathc<>+984(SB)/8, $0x405c33f28a581b86
DATA mathc<>+992(SB)/8, $0x40a176fa0e5535fa // 62: tanhQ1
DATA mathc<>+1000(SB)/8, $0x40a176fa0e5535fa
DATA mathc<>+1008(SB)/8, $0x40b2ec102442040c // 63: tanhQ2
DATA mathc<>+1016(SB)/8, $0x40b2ec102442040c
DATA mathc<>+1024(SB)/8, $0x3fe4000000000000 // 64: 0.625
DATA mathc<>+1032(SB)/8, $0x3fe4000000000000
DATA mathc<>+1040(SB)/8, $0xc0c992d8d24f3f38 // 65: tanP0
DATA mathc<>+1048(SB)/8, $0xc0c992d8d24f3f38
DATA mathc<>+1056(SB)/8, $0x413199eca5fc9ddd // 66: tanP1
DATA mathc<>+1064(SB)/8, $0x413199eca5fc9ddd
DATA mathc<>+1072(SB)/8, $0xc1711fead3299176 // 67: tanP2
DATA mathc<>+1080(SB)/8, $0xc1711fead3299176
DATA mathc<>+1088(SB)/8, $0x40cab8a5eeb36572 // 68: tanQ1
DATA mathc<>+1096(SB)/8, $0x40cab8a5eeb36572
DATA mathc<>+1104(SB)/8, $0xc13427bc582abc96 // 69: tanQ2
DATA mathc<>+1112(SB)/8, $0xc13427bc582abc96
DATA mathc<>+1120(SB)/8, $0x4177d98fc2ead8ef // 70: tanQ3
DATA mathc<>+1128(SB)/8, $0x4177d98fc2ead8ef
DATA mathc<>+1136(SB)/8, $0xc189afe03cbe5a31 // 71: tanQ4
DATA mathc<>+1144(SB)/8, $0xc189afe03cbe5a31
DATA mathc<>+1152(SB)/8, $0x3d06849b86a12b9b // 72: 1e-14
DATA mathc<>+1160(SB)/8, $0x3d06849b86a12b9b
DATA mathc<>+1168(SB)/8, $0xbff0000000000000 // 73: -1.0
DATA mathc<>+1176(SB)/8, $0xbff0000000000000
DATA mathc<>+1184(SB)/8, $0x7ff0000000000000 // 74: +Inf
DATA mathc<>+1192(SB)/8, $0x7ff0000000000000
DATA mathc<>+1200(SB)/8, $0xfff0000000000000 // 75: -Inf
DATA mathc<>+1208(SB)/8, $0xfff0000000000000
DATA mathc<>+1216(SB)/8, $0x7ff8000000000001 // 76: math.NaN()
DATA mathc<>+1224(SB)/8, $0x7ff8000000000001
DATA mathc<>+1232(SB)/8, $0x4086300000000000 // 77: 710
DATA mathc<>+1240(SB)/8, $0x4086300000000000
DATA mathc<>+1248(SB)/8, $0xc087500000000000 // 78: -746
DATA mathc<>+1256(SB)/8, $0xc087500000000000
DATA mathc<>+1264(SB)/8, $0xc086300000000000 // 79: -710
DATA mathc<>+1272(SB)/8, $0xc086300000000000
DATA mathc<>+1280(SB)/8, $0xffffffffffffffff // 80: all ones
DATA mathc<>+1288(SB)/8, $0xffffffffffffffff
GLOBL mathc<>(SB), RODATA|NOPTR, $1296

#define K_1p0 0
#define K_2p0 1
#define K_0p5 2
#define K_m0p5 3
#define K_log2e 4
#define K_ln2Hi 5
#define K_ln2Lo 6
#define K_1_13f 7
#define K_1_12f 8
#define K_1_11f 9
#define K_1_10f 10
#define K_1_9f 11
#define K_1_8f 12
#define K_1_7f 13
#define K_1_6f 14
#define K_1_5f 15
#define K_1_4f 16
#define K_1_3f 17
#define K_1_2f 18
#define K_1_1f 19
#define K_1_0f 20
#define K_int64_1023 21
#define K_708 22
#define K_m708 23
#define K_2em1022 24
#define K_MaxFloat64 25
#define K_mantissa_mask 26
#define K_1023p0 27
#define K_Sqrt2 28
#define K_L7 29
#define K_L5 30
#define K_L3 31
#define K_L1 32
#define K_L6 33
#define K_L4 34
#define K_L2 35
#define K_2e29 36
#define K_4_Pi 37
#define K_int64_1 38
#define K_int64_2 39
#define K_int64_4 40
#define K_PI4A 41
#define K_PI4B 42
#define K_PI4C 43
#define K_sin0 44
#define K_sin1 45
#define K_sin2 46
#define K_sin3 47
#define K_sin4 48
#define K_sin5 49
#define K_cos0 50
#define K_cos1 51
#define K_cos2 52
#define K_cos3 53
#define K_cos4 54
#define K_cos5 55
#define K_sign_bit 56
#define K_22 57
#define K_tanhP0 58
#define K_tanhP1 59
#define K_tanhP2 60
#define K_tanhQ0 61
#define K_tanhQ1 62
#define K_tanhQ2 63
#define K_0p625 64
#define K_tanP0 65
#define K_tanP1 66
#define K_tanP2 67
#define K_tanQ1 68
#define K_tanQ2 69
#define K_tanQ3 70
#define K_tanQ4 71
#define K_1em14 72
#define K_m1p0 73
#define K_pinf 74
#define K_ninf 75
#define K_nan 76
#define K_710 77
#define K_m746 78
#define K_m710 79
#define K_ones 80

// EXPCORE: V20 = e^V19 for |V19| ≤ 708 (temps V21-V25). k = round(x/ln2)
// and r = x - k·ln2 (two fused steps, exact), e^r by its degree-13 Taylor
// polynomial, times 2^k built in the exponent field.
#define EXPCORE \
	LDC(21, K_log2e); FMUL(21, 19, 21); FRINTN(21, 21); \
	MOVV(22, 19); \
	LDC(23, K_ln2Hi); FMLS(22, 21, 23); \
	LDC(23, K_ln2Lo); FMLS(22, 21, 23); \
	LDC(20, K_1_13f); \
	HSTEP(23, 22, 20, K_1_12f); HSTEP(20, 22, 23, K_1_11f); \
	HSTEP(23, 22, 20, K_1_10f); HSTEP(20, 22, 23, K_1_9f); \
	HSTEP(23, 22, 20, K_1_8f); HSTEP(20, 22, 23, K_1_7f); \
	HSTEP(23, 22, 20, K_1_6f); HSTEP(20, 22, 23, K_1_5f); \
	HSTEP(23, 22, 20, K_1_4f); HSTEP(20, 22, 23, K_1_3f); \
	HSTEP(23, 22, 20, K_1_2f); HSTEP(20, 22, 23, K_1_1f); \
	HSTEP(23, 22, 20, K_1_0f); \
	FCVTZS(24, 21); LDC(25, K_int64_1023); ADDI(24, 24, 25); SHL(24, 24, 52); \
	FMUL(20, 23, 24)

// exp: the core on x clamped to ±708 (NaN stays NaN and comes out NaN);
// +Inf above 710, 0 below -746 (math.Exp's limits lie inside); hard:
// 708 < x ≤ 710 and -746 ≤ x < -708.
#define EXPOP \
	LDC(19, K_m708); FMAX(19, 16, 19); LDC(20, K_708); FMIN(19, 19, 20); \
	EXPCORE; MOVV(17, 20); \
	LDC(21, K_710); FCMGT(22, 16, 21); LDC(21, K_pinf); BIT(17, 21, 22); \
	LDC(21, K_m746); FCMGT(22, 21, 16); EORV(21, 21, 21); BIT(17, 21, 22); \
	LDC(21, K_708); FCMGT(22, 16, 21); LDC(21, K_710); FCMGE(23, 21, 16); ANDV(22, 22, 23); \
	LDC(21, K_m708); FCMGT(23, 21, 16); LDC(21, K_m746); FCMGE(24, 16, 21); ANDV(23, 23, 24); \
	ORRV(22, 22, 23); LDC(21, K_ones); EORV(18, 22, 21)

// LOGCORE: V17 = ln V16, V18 = (V16 normal, positive, finite); math.Log's
// fdlibm method: x = 2^k·m, m ∈ [√2/2, √2), f = m-1, s = f/(2+f).
#define LOGCORE \
	LDC(19, K_2em1022); FCMGE(18, 16, 19); \
	LDC(19, K_MaxFloat64); FCMGE(20, 19, 16); ANDV(18, 18, 20); \
	USHR(19, 16, 52); \
	LDC(20, K_mantissa_mask); ANDV(20, 16, 20); LDC(21, K_1p0); ORRV(20, 20, 21); \
	SCVTF(19, 19); LDC(21, K_1023p0); FSUB(19, 19, 21); \
	LDC(21, K_Sqrt2); FCMGE(22, 20, 21); \
	LDC(21, K_0p5); FMUL(23, 20, 21); BIT(20, 23, 22); \
	LDC(21, K_1p0); ANDV(23, 21, 22); FADD(19, 19, 23); \
	FSUB(20, 20, 21); \
	LDC(21, K_2p0); FADD(21, 21, 20); FDIV(21, 20, 21); \
	FMUL(22, 21, 21); FMUL(23, 22, 22); \
	LDC(24, K_L7); HSTEP(25, 23, 24, K_L5); HSTEP(24, 23, 25, K_L3); HSTEP(25, 23, 24, K_L1); FMUL(25, 25, 22); \
	LDC(24, K_L6); HSTEP(26, 23, 24, K_L4); HSTEP(24, 23, 26, K_L2); FMUL(24, 24, 23); \
	FADD(25, 25, 24); \
	FMUL(22, 20, 20); LDC(24, K_0p5); FMUL(22, 22, 24); \
	FADD(25, 25, 22); FMUL(25, 21, 25); LDC(24, K_ln2Lo); FMLA(25, 19, 24); \
	FSUB(22, 22, 25); FSUB(22, 22, 20); \
	LDC(24, K_ln2Hi); FMUL(17, 19, 24); FSUB(17, 17, 22)

// LOGOP is math.Log (pure Go on arm64): +Inf → +Inf, x < 0 → NaN,
// ±0 → -Inf, NaN → x; hard: positive subnormals (math.Log normalises them).
#define LOGOP \
	LOGCORE; \
	LDC(19, K_pinf); FCMEQ(20, 16, 19); BIT(17, 19, 20); \
	EORV(19, 19, 19); FCMGT(20, 19, 16); LDC(21, K_nan); BIT(17, 21, 20); \
	FCMEQ(20, 16, 19); LDC(21, K_ninf); BIT(17, 21, 20); \
	FCMEQ(20, 16, 16); BIF(17, 16, 20); \
	FCMGT(20, 16, 19); LDC(21, K_2em1022); FCMGT(22, 21, 16); ANDV(20, 20, 22); \
	LDC(21, K_ones); EORV(18, 20, 21)

// TRIGFIX: NaN for ±Inf and NaN (x - x), hard lanes finite |x| ≥ 2^29.
#define TRIGFIX \
	FABS(19, 16); LDC(20, K_MaxFloat64); FCMGE(21, 20, 19); FSUB(22, 16, 16); BIF(17, 22, 21); \
	LDC(20, K_2e29); FCMGE(22, 19, 20); ANDV(22, 22, 21); LDC(20, K_ones); EORV(18, 22, 20)

// TRIGREDUCE: math.Sin's reduction with the same unfused operations:
// z (V19) = |x| - j·π/4 in three parts, j (V21, int64) rounded up to
// even; V18 = |x| < 2^29.
#define TRIGREDUCE \
	FABS(19, 16); LDC(20, K_2e29); FCMGT(18, 20, 19); \
	LDC(20, K_4_Pi); FMUL(20, 19, 20); FRINTZ(20, 20); \
	FCVTZS(21, 20); LDC(22, K_int64_1); ANDV(22, 21, 22); ADDI(21, 21, 22); \
	SCVTF(23, 22); FADD(20, 20, 23); \
	LDC(23, K_PI4A); FMUL(23, 20, 23); FSUB(19, 19, 23); \
	LDC(23, K_PI4B); FMUL(23, 20, 23); FSUB(19, 19, 23); \
	LDC(23, K_PI4C); FMUL(23, 20, 23); FSUB(19, 19, 23)

// SINCOSPOLY: zz in V22, sin polynomial in V25, cos polynomial in V23,
// octant bit 1 mask in V26, bit 2 mask in V27, sign bit in V20.
#define SINCOSPOLY \
	FMUL(22, 19, 19); \
	LDC(23, K_sin0); HSTEP(24, 22, 23, K_sin1); HSTEP(23, 22, 24, K_sin2); \
	HSTEP(24, 22, 23, K_sin3); HSTEP(23, 22, 24, K_sin4); HSTEP(24, 22, 23, K_sin5); \
	FMUL(23, 19, 22); MOVV(25, 19); FMLA(25, 23, 24); \
	LDC(23, K_cos0); HSTEP(24, 22, 23, K_cos1); HSTEP(23, 22, 24, K_cos2); \
	HSTEP(24, 22, 23, K_cos3); HSTEP(23, 22, 24, K_cos4); HSTEP(24, 22, 23, K_cos5); \
	LDC(23, K_m0p5); FMUL(23, 22, 23); LDC(26, K_1p0); FADD(23, 23, 26); \
	FMUL(26, 22, 22); FMLA(23, 26, 24); \
	LDC(20, K_int64_2); CMTST(26, 21, 20); LDC(20, K_int64_4); CMTST(27, 21, 20); \
	LDC(20, K_sign_bit)

// sin: the cos polynomial where bit 1 is set; sign flipped by bit 2 and x.
#define SINOP \
	TRIGREDUCE; SINCOSPOLY; \
	BSL(26, 23, 25); \
	ANDV(27, 27, 20); ANDV(24, 16, 20); EORV(27, 27, 24); EORV(17, 26, 27); \
	TRIGFIX

// cos: the sin polynomial where bit 1 is set; sign flipped by bit 1 xor bit 2.
#define COSOP \
	TRIGREDUCE; SINCOSPOLY; \
	EORV(24, 26, 27); ANDV(24, 24, 20); \
	BSL(26, 25, 23); \
	EORV(17, 26, 24); \
	TRIGFIX

// tan: z + z·zz·P/Q (z alone when zz ≤ 1e-14), -1/y where bit 1 is set.
#define TANOP \
	TRIGREDUCE; \
	FMUL(22, 19, 19); \
	LDC(23, K_tanP0); HSTEP(24, 22, 23, K_tanP1); HSTEP(23, 22, 24, K_tanP2); FMUL(23, 22, 23); \
	LDC(24, K_1p0); HSTEP(25, 22, 24, K_tanQ1); HSTEP(24, 22, 25, K_tanQ2); \
	HSTEP(25, 22, 24, K_tanQ3); HSTEP(24, 22, 25, K_tanQ4); \
	FDIV(23, 23, 24); MOVV(25, 19); FMLA(25, 19, 23); \
	LDC(24, K_1em14); FCMGE(26, 24, 22); BIT(25, 19, 26); \
	LDC(24, K_m1p0); FDIV(24, 24, 25); \
	LDC(20, K_int64_2); CMTST(26, 21, 20); BIT(25, 24, 26); \
	LDC(20, K_sign_bit); ANDV(24, 16, 20); EORV(17, 25, 24); \
	TRIGFIX

// tanh: math.Tanh's rational function for |x| < 0.625, else
// 1 - 2/(e^{2|x|}+1) with |x| clamped to 22; the sign of x; NaN → x.
// No hard lanes.
#define TANHOP \
	FCMEQ(18, 16, 16); FABS(26, 16); \
	LDC(19, K_22); FMIN(19, 26, 19); FADD(19, 19, 19); \
	EXPCORE; \
	LDC(21, K_1p0); FADD(20, 20, 21); LDC(22, K_2p0); FDIV(22, 22, 20); FSUB(17, 21, 22); \
	FMUL(19, 16, 16); \
	LDC(20, K_tanhP0); HSTEP(21, 19, 20, K_tanhP1); HSTEP(20, 19, 21, K_tanhP2); \
	LDC(21, K_tanhQ0); FADD(21, 19, 21); HSTEP(22, 19, 21, K_tanhQ1); HSTEP(21, 19, 22, K_tanhQ2); \
	FMUL(22, 16, 19); FMUL(22, 22, 20); FDIV(22, 22, 21); FADD(22, 16, 22); \
	LDC(23, K_0p625); FCMGT(23, 23, 26); BIT(17, 22, 23); \
	LDC(24, K_sign_bit); ANDV(24, 16, 24); ORRV(17, 17, 24); \
	BIF(17, 16, 18); LDC(18, K_ones)

// LOGISTIC: V20 = 1 + e^-x with x clamped to ±708 (NaN stays NaN), +Inf
// where x < -710 (e^-x overflows), V21 = 1; hard: -710 ≤ x < -708.
#define LOGISTIC \
	LDC(19, K_m708); FMAX(19, 16, 19); LDC(20, K_708); FMIN(19, 19, 20); FNEG(19, 19); \
	EXPCORE; \
	LDC(21, K_1p0); FADD(20, 20, 21); \
	LDC(22, K_m710); FCMGT(23, 22, 16); LDC(22, K_pinf); BIT(20, 22, 23); \
	LDC(22, K_m708); FCMGT(23, 22, 16); LDC(22, K_m710); FCMGE(24, 16, 22); ANDV(23, 23, 24); \
	LDC(22, K_ones); EORV(18, 23, 22)

#define SIGMOIDOP LOGISTIC; FDIV(17, 21, 20)
#define SILUOP LOGISTIC; FDIV(17, 16, 20)

// pow (float32 only): e^(b·ln a) where a > 0 is normal and finite, b is
// finite and |b·ln a| ≤ 708.
#define POWOP \
	LOGCORE; \
	FMUL(19, 15, 17); \
	FABS(20, 15); LDC(21, K_MaxFloat64); FCMGE(20, 21, 20); ANDV(18, 18, 20); \
	FABS(20, 19); LDC(21, K_708); FCMGE(20, 21, 20); ANDV(18, 18, 20); \
	EXPCORE; MOVV(17, 20)

#define LOAD32 VLD1.P 16(R1), [V0.S4]; FCVTL2(1, 0); FCVTL(0, 0)
#define LOAD64 VLD1.P 32(R1), [V0.D2, V1.D2]
#define LOAD32B LOAD32; VLD1.P 16(R2), [V2.S4]; FCVTL2(3, 2); FCVTL(2, 2)
#define STORE32 FCVTN(30, 28); FCVTN2(30, 17); VST1.P [V30.S4], 16(R0)
#define STORE64 MOVV(29, 17); VST1.P [V28.D2, V29.D2], 32(R0)

// MATHLOOP is a whole kernel body; SETUP loads any extra pointer.
#define MATHLOOP(SETUP, LOAD, CORE, STORE, RETOFF) \
	MOVD dst_base+0(FP), R0; \
	MOVD dst_len+8(FP), R3; \
	MOVD a_base+24(FP), R1; \
	SETUP; \
	MOVD $mathc<>(SB), R10; \
	MOVD ZR, R9; \
loop: \
	CMP $4, R3; \
	BLT done; \
	LOAD; \
	MOVV(16, 0); MOVV(15, 2); CORE; MOVV(28, 17); MOVV(29, 18); \
	MOVV(16, 1); MOVV(15, 3); CORE; ANDV(29, 29, 18); \
	VMOV V29.D[0], R6; \
	VMOV V29.D[1], R7; \
	AND R6, R7; \
	CMN $1, R7; \
	BNE done; \
	STORE; \
	ADD $4, R9; \
	SUB $4, R3; \
	B loop; \
done: \
	MOVD R9, RETOFF; \
	RET

#define NOSETUP MOVD ZR, R2
#define POWSETUP MOVD b_base+48(FP), R2

// func exp32NEON(dst, a []float32) int
TEXT ·exp32NEON(SB), NOSPLIT, $0-56
	MATHLOOP(NOSETUP, LOAD32, EXPOP, STORE32, ret+48(FP))

// func exp64NEON(dst, a []float64) int
TEXT ·exp64NEON(SB), NOSPLIT, $0-56
	MATHLOOP(NOSETUP, LOAD64, EXPOP, STORE64, ret+48(FP))

// func log32NEON(dst, a []float32) int
TEXT ·log32NEON(SB), NOSPLIT, $0-56
	MATHLOOP(NOSETUP, LOAD32, LOGOP, STORE32, ret+48(FP))

// func log64NEON(dst, a []float64) int
TEXT ·log64NEON(SB), NOSPLIT, $0-56
	MATHLOOP(NOSETUP, LOAD64, LOGOP, STORE64, ret+48(FP))

// func sin32NEON(dst, a []float32) int
TEXT ·sin32NEON(SB), NOSPLIT, $0-56
	MATHLOOP(NOSETUP, LOAD32, SINOP, STORE32, ret+48(FP))

// func sin64NEON(dst, a []float64) int
TEXT ·sin64NEON(SB), NOSPLIT, $0-56
	MATHLOOP(NOSETUP, LOAD64, SINOP, STORE64, ret+48(FP))

// func cos32NEON(dst, a []float32) int
TEXT ·cos32NEON(SB), NOSPLIT, $0-56
	MATHLOOP(NOSETUP, LOAD32, COSOP, STORE32, ret+48(FP))

// func cos64NEON(dst, a []float64) int
TEXT ·cos64NEON(SB), NOSPLIT, $0-56
	MATHLOOP(NOSETUP, LOAD64, COSOP, STORE64, ret+48(FP))

// func tan32NEON(dst, a []float32) int
TEXT ·tan32NEON(SB), NOSPLIT, $0-56
	MATHLOOP(NOSETUP, LOAD32, TANOP, STORE32, ret+48(FP))

// func tan64NEON(dst, a []float64) int
TEXT ·tan64NEON(SB), NOSPLIT, $0-56
	MATHLOOP(NOSETUP, LOAD64, TANOP, STORE64, ret+48(FP))

// func tanh32NEON(dst, a []float32) int
TEXT ·tanh32NEON(SB), NOSPLIT, $0-56
	MATHLOOP(NOSETUP, LOAD32, TANHOP, STORE32, ret+48(FP))

// func tanh64NEON(dst, a []float64) int
TEXT ·tanh64NEON(SB), NOSPLIT, $0-56
	MATHLOOP(NOSETUP, LOAD64, TANHOP, STORE64, ret+48(FP))

// func sigmoid32NEON(dst, a []float32) int
TEXT ·sigmoid32NEON(SB), NOSPLIT, $0-56
	MATHLOOP(NOSETUP, LOAD32, SIGMOIDOP, STORE32, ret+48(FP))

// func sigmoid64NEON(dst, a []float64) int
TEXT ·sigmoid64NEON(SB), NOSPLIT, $0-56
	MATHLOOP(NOSETUP, LOAD64, SIGMOIDOP, STORE64, ret+48(FP))

// func silu32NEON(dst, a []float32) int
TEXT ·silu32NEON(SB), NOSPLIT, $0-56
	MATHLOOP(NOSETUP, LOAD32, SILUOP, STORE32, ret+48(FP))

// func silu64NEON(dst, a []float64) int
TEXT ·silu64NEON(SB), NOSPLIT, $0-56
	MATHLOOP(NOSETUP, LOAD64, SILUOP, STORE64, ret+48(FP))

// func pow32NEON(dst, a, b []float32) int
TEXT ·pow32NEON(SB), NOSPLIT, $0-80
	MATHLOOP(POWSETUP, LOAD32B, POWOP, STORE32, ret+72(FP))
