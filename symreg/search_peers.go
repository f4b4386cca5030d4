package symreg

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/ansatz/ansatz/internal/inputerr"
)

// RankMigrants counts the members that crossed between the ranks of a
// distributed search (see Peers), in this run (not before a resume).
type RankMigrants struct {
	Sent   int64 `json:"sent"`   // members sent to another rank's migration pool
	Placed int64 `json:"placed"` // of those, members that replaced one of the receiving rank's
	// Seconds is the time this rank spent in the exchanges, waiting for
	// the slowest rank included: what distributing costs it.
	Seconds float64 `json:"exchange_seconds"`
}

// dist is the engine's part in a distributed search; its zero value is a
// search running alone, where every method below does nothing.
type dist struct {
	peers Peers
	// wish samples this rank's stop and checkpoint wishes (set by run);
	// agreed is what all ranks wished at the last exchange.
	wish   func() wishes
	agreed wishes
	synced int64 // e.evals after the last exchange (a job total)
	// sent and placed since the last exchange (this rank's); migrants
	// the job's totals up to it.
	sent, placed int64
	migrants     RankMigrants
	err          error // the first failed exchange; the search ends with it
}

// wishes are the events one rank may see first; a distributed search acts
// on them only once every rank knows, at the next exchange.
type wishes struct {
	interrupted, timeUp, checkpoint bool
}

func (e *engine) alone() bool { return e.dist.peers == nil }

func (e *engine) rank() int {
	if e.alone() {
		return 0
	}
	return e.dist.peers.Rank()
}

// engineSeed is the random stream of rank's engine (migration choices);
// rank 0's is the stream of a search running alone.
func engineSeed(seed uint64, rank int) *rand.PCG {
	return rand.NewPCG(seed, 0xda3e39cb94b95bdb+uint64(rank))
}

// shiftStride is the ring stride of the migration after iteration it: the
// same on every rank (a function of the seed and the iteration), never 0,
// and changing every iteration so that members reach every rank in a few
// iterations, not size of them.
func shiftStride(seed uint64, it, size int) int {
	r := rand.New(rand.NewPCG(seed^0x5bd1e995, uint64(it)))
	return 1 + r.IntN(size-1)
}

// exchange is the per-iteration step of a distributed search: it adds up
// over the ranks freqDelta (the complexities born in this iteration, added
// in place), the evaluations, the migrant counts and the wishes, and
// replaces *cands (this rank's hall-of-fame candidates) by the job's best
// candidate of each complexity: the lowest loss, on a tie the first of the
// lowest rank. Offering only those leaves the hall of fame as offering
// every rank's candidates in rank order would, and only they cross, so
// the bytes exchanged do not grow with the number of ranks. A failure is
// kept in e.dist.err and leaves *cands empty.
func (e *engine) exchange(cands *[]*Member, freqDelta []float64) {
	d := &e.dist
	if e.alone() {
		return
	}
	if d.err != nil {
		*cands = nil
		return
	}
	defer d.clock()()
	n := len(e.freq.Counts)
	v := make([]float64, n+6)
	copy(v, freqDelta)
	w := d.wish()
	v[n], v[n+1], v[n+2] = float64(e.evals-d.synced), float64(d.sent), float64(d.placed)
	v[n+3], v[n+4], v[n+5] = flag(w.interrupted), flag(w.timeUp), flag(w.checkpoint)
	if d.err = d.peers.AllSum(v); d.err != nil {
		*cands = nil
		return
	}
	copy(freqDelta, v[:n])
	e.evals = d.synced + int64(v[n])
	d.synced = e.evals
	d.migrants.Sent += int64(v[n+1])
	d.migrants.Placed += int64(v[n+2])
	d.sent, d.placed = 0, 0
	d.agreed = wishes{interrupted: v[n+3] > 0, timeUp: v[n+4] > 0, checkpoint: v[n+5] > 0}

	best := e.hof.bestNew(*cands)
	*cands = nil
	lows := make([]float64, len(best))
	for c, m := range best {
		lows[c] = math.Inf(1)
		if m != nil {
			lows[c] = m.Loss
		}
	}
	if d.err = d.peers.AllMin(lows); d.err != nil {
		return
	}
	owner := make([]float64, len(best))
	for c, m := range best {
		owner[c] = math.Inf(1)
		if m != nil && m.Loss == lows[c] {
			owner[c] = float64(d.peers.Rank())
		}
	}
	if d.err = d.peers.AllMin(owner); d.err != nil {
		return
	}
	var won []*Member
	for c, m := range best {
		if owner[c] == float64(d.peers.Rank()) {
			won = append(won, m)
		}
	}
	parts, err := d.peers.AllGather(encodeMembers(won))
	if d.err = err; err != nil {
		return
	}
	for r, p := range parts {
		ms, err := e.decodeMembers(p)
		if err != nil {
			d.err = fmt.Errorf("hall of fame from rank %d: %w", r, err)
			*cands = nil
			return
		}
		*cands = append(*cands, ms...)
	}
}

// clock starts timing an exchange; the function it returns stops it.
func (d *dist) clock() func() {
	start := time.Now()
	return func() { d.migrants.Seconds += time.Since(start).Seconds() }
}

func flag(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// bestNew returns, indexed by complexity, the first of the lowest-loss
// cands of each complexity if it would improve the hall of fame, else nil.
func (h *HallOfFame) bestNew(cands []*Member) []*Member {
	best := make([]*Member, len(h.Best))
	for _, m := range cands {
		c := m.Complexity
		if h.wouldAccept(c, m.Loss, 1) && (best[c] == nil || m.Loss < best[c].Loss) {
			best[c] = m
		}
	}
	return best
}

// immigrants sends pool (this rank's migration pool) to the rank
// shiftStride ahead and returns the pool of the rank as far behind.
func (e *engine) immigrants(pool []*Member) []*Member {
	d := &e.dist
	if e.alone() || d.err != nil {
		return nil
	}
	defer d.clock()()
	k := shiftStride(e.opts.Seed, e.iteration, d.peers.Size())
	got, err := d.peers.Shift(k, encodeMembers(pool))
	if d.err = err; err != nil {
		return nil
	}
	ms, err := e.decodeMembers(got)
	if err != nil {
		d.err = fmt.Errorf("migrants: %w", err)
		return nil
	}
	d.sent += int64(len(pool))
	return ms
}

// encodeMembers writes members as a checkpoint does: trees in the prefix
// notation with exact constants and their losses, so the receiving rank
// sees bit-identical members.
func encodeMembers(ms []*Member) []byte {
	cm := make([]ckptMember, len(ms))
	for i, m := range ms {
		cm[i] = ckptMember{Tree: encodeTree(m.Tree), Loss: ckptFloat(m.Loss)}
	}
	b, _ := json.Marshal(cm) // cannot fail: strings and ckptFloats
	return b
}

// decodeMembers reads encodeMembers' output, scoring each member's cost
// and complexity as this engine does.
func (e *engine) decodeMembers(b []byte) ([]*Member, error) {
	var cm []ckptMember
	if err := json.Unmarshal(b, &cm); err != nil {
		return nil, err
	}
	out := make([]*Member, len(cm))
	for i, c := range cm {
		t, err := decodeTree(c.Tree, len(e.data.X))
		if err != nil {
			return nil, err
		}
		out[i] = e.member(t, nil, float64(c.Loss))
	}
	return out, nil
}

// sync is an exchange with no candidates: before the first iteration it
// makes the ranks agree on the wishes (one may already be out of time or
// interrupted), after the last one it adds up the last counts.
func (e *engine) sync() {
	var none []*Member
	e.exchange(&none, nil)
}

// interrupted, timeUp and checkpointDue are, in a distributed search, what
// the ranks agreed at the last exchange; alone, what this process sees.
func (e *engine) interrupted(local bool) bool {
	if e.alone() {
		return local
	}
	return e.dist.agreed.interrupted
}

func (e *engine) timeUp(local bool) bool {
	if e.alone() {
		return local
	}
	return e.dist.agreed.timeUp
}

func (e *engine) checkpointDue(local bool) bool {
	if e.alone() {
		return local
	}
	return e.dist.agreed.checkpoint
}

// rankShare keeps, after a checkpoint was restored, this rank's share of
// its islands: a contiguous block, the same for a given number of ranks
// whatever number wrote the checkpoint. Rank 0 keeps the checkpoint's
// engine stream; other ranks take the one saved for them, or a new one.
func (e *engine) rankShare(c *Checkpoint) error {
	if e.alone() {
		return nil
	}
	r, n, total := e.rank(), e.dist.peers.Size(), len(e.islands)
	if total < n {
		return inputerr.At(c.File, 0, 0, "checkpoint has %d islands, fewer than the %d ranks resuming it", total, n)
	}
	e.islands = e.islands[r*total/n : (r+1)*total/n]
	if r == 0 {
		return nil
	}
	if r-1 < len(c.RankRNGs) {
		e.src = &rand.PCG{}
		if err := e.src.UnmarshalBinary(c.RankRNGs[r-1]); err != nil {
			return inputerr.At(c.File, 0, 0, "bad random state of rank %d: %v", r, err)
		}
	} else {
		e.src = engineSeed(e.opts.Seed^uint64(c.Iteration), r)
	}
	e.rng = rand.New(e.src)
	return nil
}

// rankIslands is what each rank adds to a checkpoint: its islands and
// its engine's random state.
type rankIslands struct {
	RNG     []byte       `json:"rng"`
	Islands []ckptIsland `json:"islands"`
}

// gatherIslands, in a distributed search, replaces c's islands by every
// rank's, in rank order, on rank 0, with the other ranks' engine streams
// in c.RankRNGs. It reports whether this rank writes the checkpoint (rank
// 0, or a search alone).
func (e *engine) gatherIslands(c *Checkpoint) (bool, error) {
	if e.alone() {
		return true, nil
	}
	b, err := json.Marshal(rankIslands{RNG: c.RNG, Islands: c.Islands})
	if err != nil {
		return false, err
	}
	parts, err := e.dist.peers.Gather(b)
	if err != nil {
		e.dist.err = err
		return false, err
	}
	if e.rank() != 0 {
		return false, nil
	}
	c.Islands, c.RankRNGs, c.Ranks = nil, nil, len(parts)
	for r, p := range parts {
		var ri rankIslands
		if err := json.Unmarshal(p, &ri); err != nil {
			return false, fmt.Errorf("checkpoint part of rank %d: %w", r, err)
		}
		c.Islands = append(c.Islands, ri.Islands...)
		if r > 0 {
			c.RankRNGs = append(c.RankRNGs, ri.RNG)
		}
	}
	return true, nil
}
