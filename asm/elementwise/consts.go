package main

import (
	"fmt"
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
)

// Read-only constants are 32 bytes (one YMM register's worth), so any
// vector instruction can take them as a memory operand; scalar and XMM
// instructions read their first bytes. Each distinct value is emitted once.
var consts = map[string]Mem{}

// splat64 is a constant holding four copies of the 64-bit pattern bits.
func splat64(bits uint64) Mem {
	name := fmt.Sprintf("c64_%016x", bits)
	if m, ok := consts[name]; ok {
		return m
	}
	m := GLOBL(name, RODATA|NOPTR)
	for o := 0; o < 32; o += 8 {
		DATA(o, U64(bits))
	}
	consts[name] = m
	return m
}

// f64c is a float64 constant in every lane.
func f64c(v float64) Mem { return splat64(math.Float64bits(v)) }

// f32c is a float32 constant in every lane.
func f32c(v float32) Mem { return u32c(math.Float32bits(v)) }

// u32c is a 32-bit pattern in every 32-bit lane.
func u32c(bits uint32) Mem { return splat64(uint64(bits)<<32 | uint64(bits)) }

// signMask and absMask clear or flip the sign bit of each element.
func signMask(bits int) Mem {
	if bits == 32 {
		return u32c(1 << 31)
	}
	return splat64(1 << 63)
}

func absMask(bits int) Mem {
	if bits == 32 {
		return u32c(1<<31 - 1)
	}
	return splat64(1<<63 - 1)
}
