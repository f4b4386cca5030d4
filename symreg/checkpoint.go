package symreg

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/ansatz/ansatz/internal/atomicfile"
	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/symreg/expr"
)

// Checkpoint is the complete state of a search: populations, hall of fame,
// random streams, counters and settings. Resuming from it continues the
// search where it stopped (same iteration count, same hall of fame).
// Trees are stored in a prefix notation with exact constants (see
// encodeTree) so a resumed search sees bit-identical members.
type Checkpoint struct {
	Version    int          `json:"version"`
	Features   []string     `json:"features"`
	Settings   Options      `json:"settings"`
	Iteration  int          `json:"iteration"`
	Evals      int64        `json:"evals"`
	Elapsed    float64      `json:"elapsed_seconds"`
	RNG        []byte       `json:"rng"`
	Freq       []float64    `json:"size_frequencies"`
	HallOfFame []ckptMember `json:"hall_of_fame"`
	// Islands are every rank's islands, in rank order. Ranks is how many
	// ranks wrote them (0 or 1: a search alone) and RankRNGs the engine
	// streams of ranks 1 and up (RNG is rank 0's).
	Islands  []ckptIsland `json:"islands"`
	Ranks    int          `json:"ranks,omitempty"`
	RankRNGs [][]byte     `json:"rank_rngs,omitempty"`
	// File is where LoadCheckpoint read it from, named by restore's errors
	// ("" for a checkpoint built in memory).
	File string `json:"-"`
}

type ckptIsland struct {
	RNG     []byte       `json:"rng"`
	Births  int64        `json:"births"`
	Members []ckptMember `json:"members"`
}

type ckptMember struct {
	Tree  string    `json:"tree"`
	Loss  ckptFloat `json:"loss"`
	Birth int64     `json:"birth,omitempty"`
}

const checkpointVersion = 1

// encodeTree writes t in prefix notation: operator names, "vK" for
// variable K and "c<value>" with the shortest exact float64 text.
func encodeTree(t *expr.Node) string {
	var b strings.Builder
	var walk func(n *expr.Node)
	walk = func(n *expr.Node) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		switch n.Op {
		case expr.OpConst:
			b.WriteString("c" + strconv.FormatFloat(n.Value, 'g', -1, 64))
		case expr.OpVar:
			b.WriteString("v" + strconv.Itoa(n.Var))
		default:
			b.WriteString(n.Op.Name())
			walk(n.L)
			if n.R != nil {
				walk(n.R)
			}
		}
	}
	walk(t)
	return b.String()
}

// decodeTree reads encodeTree's output; nvar bounds the variable indices.
func decodeTree(s string, nvar int) (*expr.Node, error) {
	toks := strings.Fields(s)
	pos := 0
	var read func() (*expr.Node, error)
	read = func() (*expr.Node, error) {
		if pos >= len(toks) {
			return nil, fmt.Errorf("tree %q ends early", s)
		}
		tok := toks[pos]
		pos++
		op, isOp := expr.OpByName(tok)
		switch {
		case isOp:
		case tok[0] == 'c':
			v, err := strconv.ParseFloat(tok[1:], 64)
			if err != nil {
				return nil, fmt.Errorf("bad constant %q", tok)
			}
			return &expr.Node{Op: expr.OpConst, Value: v}, nil
		case tok[0] == 'v':
			k, err := strconv.Atoi(tok[1:])
			if err != nil || k < 0 || k >= nvar {
				return nil, fmt.Errorf("bad variable %q", tok)
			}
			return &expr.Node{Op: expr.OpVar, Var: k}, nil
		default:
			return nil, fmt.Errorf("unknown operator %q", tok)
		}
		n := &expr.Node{Op: op}
		var err error
		if n.L, err = read(); err != nil {
			return nil, err
		}
		if op.Arity() == 2 {
			if n.R, err = read(); err != nil {
				return nil, err
			}
		}
		return n, nil
	}
	t, err := read()
	if err == nil && pos != len(toks) {
		err = fmt.Errorf("tree %q has trailing tokens", s)
	}
	return t, err
}

// snapshot captures the engine's state.
func (e *engine) snapshot(elapsed time.Duration) (*Checkpoint, error) {
	c := &Checkpoint{
		Version: checkpointVersion, Features: e.data.Names, Settings: e.opts,
		Iteration: e.iteration, Evals: e.evals, Elapsed: elapsed.Seconds(),
		Freq: e.freq.Counts,
	}
	var err error
	if c.RNG, err = e.src.MarshalBinary(); err != nil {
		return nil, err
	}
	for _, m := range e.hof.Best {
		if m != nil {
			c.HallOfFame = append(c.HallOfFame, ckptMember{Tree: encodeTree(m.Tree), Loss: ckptFloat(m.Loss)})
		}
	}
	for _, is := range e.islands {
		ci := ckptIsland{Births: is.pop.births}
		if ci.RNG, err = is.src.MarshalBinary(); err != nil {
			return nil, err
		}
		for _, m := range is.pop.Members {
			ci.Members = append(ci.Members, ckptMember{Tree: encodeTree(m.Tree), Loss: ckptFloat(m.Loss), Birth: m.Birth})
		}
		c.Islands = append(c.Islands, ci)
	}
	return c, nil
}

// save writes a checkpoint atomically; in a distributed search every rank
// calls it and rank 0 writes every rank's islands.
func (e *engine) save(path string, elapsed time.Duration) error {
	c, err := e.snapshot(elapsed)
	if err != nil {
		return err
	}
	if writer, err := e.gatherIslands(c); !writer || err != nil {
		return err
	}
	return c.Save(path)
}

// Save writes the checkpoint to path atomically: a reader sees the old
// file or the new one, never half of one.
func (c *Checkpoint) Save(path string) error {
	return atomicfile.Write(path, func(w io.Writer) error {
		return json.NewEncoder(w).Encode(c)
	})
}

// LoadCheckpoint reads a checkpoint file.
func LoadCheckpoint(path string) (*Checkpoint, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, inputerr.New("%v", err)
	}
	c := Checkpoint{File: path}
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, inputerr.At(path, 0, 0, "not a checkpoint: %v", err)
	}
	if c.Version != checkpointVersion {
		return nil, inputerr.At(path, 0, 0, "checkpoint version %d, this ansatz reads %d", c.Version, checkpointVersion)
	}
	if err := c.check(); err != nil {
		return nil, err
	}
	return &c, nil
}

// restore loads a checkpoint into e: evolution settings come from the
// checkpoint, stopping rules, threads, checkpointing and progress from the
// options given now.
func (e *engine) restore(c *Checkpoint) error {
	bad := func(format string, args ...any) error { return inputerr.At(c.File, 0, 0, format, args...) }
	if len(c.Features) != len(e.data.Names) {
		return bad("checkpoint has %d features, data has %d", len(c.Features), len(e.data.Names))
	}
	for i, n := range c.Features {
		if n != e.data.Names[i] {
			return bad("checkpoint feature %d is %q, data has %q", i+1, n, e.data.Names[i])
		}
	}
	now := e.opts
	e.opts = c.Settings
	e.opts.Iterations, e.opts.Time, e.opts.MaxEvals, e.opts.StopLoss, e.opts.StopExact = now.Iterations, now.Time, now.MaxEvals, now.StopLoss, now.StopExact
	e.opts.StopPlateau = now.StopPlateau
	e.opts.Threads, e.opts.CheckpointPath, e.opts.CheckpointEvery, e.opts.Progress = now.Threads, now.CheckpointPath, now.CheckpointEvery, now.Progress
	e.opts.Peers = now.Peers
	if err := e.opts.validate(); err != nil {
		return err
	}
	e.iteration, e.evals = c.Iteration, c.Evals
	e.elapsed = time.Duration(c.Elapsed * float64(time.Second))
	e.src = &rand.PCG{}
	if err := e.src.UnmarshalBinary(c.RNG); err != nil {
		return bad("bad random state: %v", err)
	}
	e.rng = rand.New(e.src)
	e.freq = newSizeFreq(e.opts.MaxSize)
	if len(c.Freq) == len(e.freq.Counts) {
		copy(e.freq.Counts, c.Freq)
	}
	nvar := len(e.data.X)
	cx := e.opts.weights.Complexity
	mk := func(cm ckptMember) (*Member, error) {
		t, err := decodeTree(cm.Tree, nvar)
		if err != nil {
			return nil, bad("%v", err)
		}
		m := &Member{Tree: t, Loss: float64(cm.Loss), Complexity: cx(t), Birth: cm.Birth}
		m.Cost = 0 // set once the baseline is known (rescore below)
		return m, nil
	}
	e.hof = newHallOfFame(e.opts.MaxSize, exactFloor(e.data))
	for _, cm := range c.HallOfFame {
		m, err := mk(cm)
		if err != nil {
			return err
		}
		if m.Complexity < len(e.hof.Best) {
			e.hof.Best[m.Complexity] = m
		}
	}
	for _, ci := range c.Islands {
		is := &island{src: &rand.PCG{}}
		if err := is.src.UnmarshalBinary(ci.RNG); err != nil {
			return bad("bad random state: %v", err)
		}
		is.rng = rand.New(is.src)
		is.pop.births = ci.Births
		for _, cm := range ci.Members {
			m, err := mk(cm)
			if err != nil {
				return err
			}
			is.pop.Members = append(is.pop.Members, m)
		}
		e.islands = append(e.islands, is)
	}
	if len(e.islands) == 0 {
		return bad("checkpoint has no populations")
	}
	return nil
}

// fixCosts recomputes costs from stored losses after a restore (members
// and hall-of-fame entries, which migrate into the islands).
func (e *engine) fixCosts() {
	fix := func(m *Member) {
		b := m.Birth
		*m = *e.member(m.Tree, m.prog, m.Loss)
		m.Birth = b
	}
	for _, is := range e.islands {
		for _, m := range is.pop.Members {
			fix(m)
		}
	}
	for _, m := range e.hof.Best {
		if m != nil {
			fix(m)
		}
	}
}
