package kernels

// splineAccGeneric is the reference of SplineAcc: the loop of its doc
// comment, the silu term first, then q = 0 … K, each over j.
func splineAccGeneric[T Float](m, k int, idx []int32, v, s, wb, ws, y []T) {
	w := k + 1
	for r, ix := range idx {
		yr := y[r*m : (r+1)*m]
		sr := s[r]
		for j, b := range wb[:m] {
			yr[j] += sr * b
		}
		rows := ws[int(ix)*m : (int(ix)+w)*m]
		for q := 0; q < w; q++ {
			vq := v[r*w+q]
			for j, c := range rows[q*m : (q+1)*m] {
				yr[j] += vq * c
			}
		}
	}
}

// splineGradGeneric is the reference of SplineGrad: per row the weight
// gradients (silu row, then q = 0 … K), then dx[r] summed over j of
// dy·(ds·wb + Σ_q d_q·ws_q) in T.
func splineGradGeneric[T Float](m, k int, idx []int32, v, d, s, ds, wb, ws, dy, gb, gs, dx []T) {
	w := k + 1
	for r, ix := range idx {
		g := dy[r*m : (r+1)*m]
		lo, hi := int(ix)*m, (int(ix)+w)*m
		if gb != nil {
			sr := s[r]
			for j, gj := range g {
				gb[j] += sr * gj
			}
			gr := gs[lo:hi]
			for q := 0; q < w; q++ {
				vq := v[r*w+q]
				row := gr[q*m : (q+1)*m]
				for j, gj := range g {
					row[j] += vq * gj
				}
			}
		}
		if dx != nil {
			rows := ws[lo:hi]
			dr := d[r*w : (r+1)*w]
			var acc T
			for j, gj := range g {
				c := ds[r] * wb[j]
				for q, dq := range dr {
					c += dq * rows[q*m+j]
				}
				acc += gj * c
			}
			dx[r] = acc
		}
	}
}
