package kan

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ansatz/ansatz/internal/inputerr"
)

// Nodes describes one layer of nodes: Sum plain addition nodes followed by
// multiplication nodes, Mult[m] being the arity of the m-th one (pykan's
// MultKAN: [5,2] is 5 sum nodes and 2 multiplication nodes of arity 2).
// A multiplication node of arity a multiplies a consecutive subnodes, so
// the layer of edges feeding this node layer has Sum + Σ Mult outputs.
type Nodes struct {
	Sum  int   `json:"sum"`
	Mult []int `json:"mult,omitempty"`
}

// Count is the number of nodes (what the next layer of edges sees).
func (n Nodes) Count() int { return n.Sum + len(n.Mult) }

// Subnodes is the number of edge sums feeding the nodes.
func (n Nodes) Subnodes() int {
	s := n.Sum
	for _, a := range n.Mult {
		s += a
	}
	return s
}

// String spells the layer as ParseWidth reads it.
func (n Nodes) String() string {
	if len(n.Mult) == 0 {
		return strconv.Itoa(n.Sum)
	}
	// Group equal arities in order: 5+2 (two of arity 2), 5+1x3.
	var b strings.Builder
	b.WriteString(strconv.Itoa(n.Sum))
	for i := 0; i < len(n.Mult); {
		j := i
		for j < len(n.Mult) && n.Mult[j] == n.Mult[i] {
			j++
		}
		fmt.Fprintf(&b, "+%d", j-i)
		if n.Mult[i] != 2 {
			fmt.Fprintf(&b, "x%d", n.Mult[i])
		}
		i = j
	}
	return b.String()
}

// FormatWidth spells a width spec as ParseWidth reads it.
func FormatWidth(w []Nodes) string {
	s := make([]string, len(w))
	for i, n := range w {
		s[i] = n.String()
	}
	return strings.Join(s, ",")
}

// ParseWidth reads a width spec: comma-separated node layers, each either
// a count of sum nodes ("5") or sum and multiplication nodes ("5+2": 5 sum
// nodes and 2 product nodes of arity 2; "5+2x3": product nodes of arity 3;
// terms may repeat: "4+1+1x3"). "2,5+2,1" is pykan's width=[2,[5,2],1].
// The input layer must be plain sum nodes; every layer needs a node.
func ParseWidth(spec string) ([]Nodes, error) {
	parts := strings.Split(strings.TrimSpace(spec), ",")
	w := make([]Nodes, len(parts))
	for l, p := range parts {
		terms := strings.Split(strings.TrimSpace(p), "+")
		sum, err := strconv.Atoi(strings.TrimSpace(terms[0]))
		if err != nil || sum < 0 {
			return nil, inputerr.Field("kan.Config.Width", "%q: layer %d: %q is not a node count", spec, l+1, terms[0])
		}
		w[l].Sum = sum
		for _, t := range terms[1:] {
			cnt, ar := strings.TrimSpace(t), "2"
			if i := strings.IndexByte(cnt, 'x'); i >= 0 {
				cnt, ar = cnt[:i], cnt[i+1:]
			}
			c, err1 := strconv.Atoi(cnt)
			a, err2 := strconv.Atoi(ar)
			if err1 != nil || err2 != nil || c < 1 || a < 2 {
				return nil, inputerr.Field("kan.Config.Width", "%q: layer %d: %q is not COUNT or COUNTxARITY with arity >= 2", spec, l+1, t)
			}
			for ; c > 0; c-- {
				w[l].Mult = append(w[l].Mult, a)
			}
		}
	}
	if problem := widthProblem(w); problem != "" {
		return nil, inputerr.Field("kan.Config.Width", "%q: %s", spec, problem)
	}
	return w, nil
}

// widthProblem says what makes w unusable as a network's width, "" if
// nothing: the one check of a width's shape, behind ParseWidth and New.
func widthProblem(w []Nodes) string {
	if len(w) < 2 {
		return "need at least an input and an output layer (e.g. 2,5,1)"
	}
	if len(w[0].Mult) > 0 {
		return "the input layer cannot have multiplication nodes"
	}
	for l, n := range w {
		if n.Count() < 1 || n.Sum < 0 {
			return fmt.Sprintf("layer %d has no nodes", l+1)
		}
		if n.Count() > 1<<16 || len(n.Mult) > 1<<16 {
			return fmt.Sprintf("layer %d is too wide", l+1)
		}
		for _, a := range n.Mult {
			if a < 2 || a > 64 {
				return fmt.Sprintf("layer %d: multiplication arity must be in 2..64, not %d", l+1, a)
			}
		}
	}
	return ""
}
