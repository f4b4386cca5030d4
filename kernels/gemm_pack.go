package kernels

// Packing copies a panel of op(A) or op(B) into the order the micro-kernel
// reads: slivers of w rows (A) or w columns (B), each stored step by step
// of k (w values per step), zero-padded to the full width at the matrix
// edge so the kernel never needs a partial-width case.

// packA packs op(A) rows [ic, ic+mcb) × k range [pc, pc+kcb) into ap as
// mr-high slivers.
func packA[T Float](r *gemmRun[T], ap []T, ic, mcb int) {
	mr, kcb := r.im.mr, r.kcb
	for q := 0; q < mcb; q += mr {
		rows := min(mr, mcb-q)
		dst := ap[q*kcb : (q+mr)*kcb]
		i := ic + q
		if r.transA { // A is k×m: step p holds the rows side by side
			packSteps(dst, r.a[r.pc*r.lda+i:], r.lda, kcb, mr, rows)
		} else { // A is m×k: each row runs along k
			packLines(dst, r.a[i*r.lda+r.pc:], r.lda, kcb, mr, rows)
		}
	}
}

// packB packs slivers [s0, s1) of op(B) k range [pc, pc+kcb) × columns
// [jc, jc+ncb) into r.bp; sliver s holds columns [s·nr, s·nr+nr).
func packB[T Float](r *gemmRun[T], s0, s1 int) {
	nr, kcb := r.im.nr, r.kcb
	for j := s0 * nr; j < min(s1*nr, r.ncb); j += nr {
		cols := min(nr, r.ncb-j)
		dst := r.bp[j*kcb : (j+nr)*kcb]
		col := r.jc + j
		if r.transB { // B is n×k: each column of op(B) runs along k
			packLines(dst, r.b[col*r.ldb+r.pc:], r.ldb, kcb, nr, cols)
		} else { // B is k×n: step p holds the columns side by side
			packSteps(dst, r.b[r.pc*r.ldb+col:], r.ldb, kcb, nr, cols)
		}
	}
}

// packSteps fills dst[p*w+x] = src[p*ld+x] for p < kc, x < used, and zero
// for used <= x < w: each step is a contiguous run in src.
func packSteps[T Float](dst, src []T, ld, kc, w, used int) {
	for p := 0; p < kc; p++ {
		d := dst[p*w : p*w+w]
		copy(d, src[p*ld:p*ld+used])
		clear(d[used:])
	}
}

// packLines fills dst[p*w+x] = src[x*ld+p] for p < kc, x < used, and zero
// for used <= x < w: each of the used lines is a contiguous run in src.
func packLines[T Float](dst, src []T, ld, kc, w, used int) {
	if w == 6 && used == 6 {
		packLines6(dst, src, ld, kc)
		return
	}
	for x := 0; x < w; x++ {
		if x >= used {
			for p := 0; p < kc; p++ {
				dst[p*w+x] = 0
			}
			continue
		}
		line := src[x*ld : x*ld+kc]
		d := dst[x:]
		for p, v := range line {
			d[p*w] = v
		}
	}
}

// packLines6 is packLines for six full lines, the common A case: it reads
// the six lines in step and writes each step's six values together.
func packLines6[T Float](dst, src []T, ld, kc int) {
	l0 := src[0*ld : 0*ld+kc]
	l1 := src[1*ld : 1*ld+kc]
	l2 := src[2*ld : 2*ld+kc]
	l3 := src[3*ld : 3*ld+kc]
	l4 := src[4*ld : 4*ld+kc]
	l5 := src[5*ld : 5*ld+kc]
	for p := range l0 {
		d := dst[p*6 : p*6+6 : p*6+6]
		d[0], d[1], d[2], d[3], d[4], d[5] = l0[p], l1[p], l2[p], l3[p], l4[p], l5[p]
	}
}
