package expr

import (
	"strconv"
	"strings"

	"github.com/ansatz/ansatz/internal/inputerr"
)

// Weights give each operator, constants and variables a complexity cost.
// The complexity of a tree is the sum of its nodes' costs; a nil *Weights
// (or DefaultWeights) counts nodes.
type Weights struct {
	cost [numOps]int
}

// DefaultWeights costs 1 for every node.
func DefaultWeights() *Weights {
	w := &Weights{}
	for i := range w.cost {
		w.cost[i] = 1
	}
	return w
}

// Set gives op (or OpConst / OpVar) the cost c.
func (w *Weights) Set(op Op, c int) { w.cost[op] = c }

// Cost is the cost of one node with operator op (1 for a nil *Weights).
func (w *Weights) Cost(op Op) int {
	if w == nil {
		return 1
	}
	return w.cost[op]
}

// Complexity is the sum of the node costs of n.
func (w *Weights) Complexity(n *Node) int {
	if n == nil {
		return 0
	}
	return w.Cost(n.Op) + w.Complexity(n.L) + w.Complexity(n.R)
}

// Complexity is the node count of n (the default complexity).
func Complexity(n *Node) int { return n.Size() }

// ParseWeights reads "sin=3,exp=2,const=1,var=1" (operator names as in
// --ops, plus const and var; unlisted ones cost 1). Costs must be
// positive integers. Errors are input errors naming the entry.
func ParseWeights(s string) (*Weights, error) {
	w := DefaultWeights()
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		name, val, ok := strings.Cut(item, "=")
		if !ok {
			return nil, inputerr.New("complexity weight %q: want name=cost", item)
		}
		name = strings.TrimSpace(name)
		var op Op
		switch name {
		case "const":
			op = OpConst
		case "var":
			op = OpVar
		default:
			if op, ok = OpByName(name); !ok {
				if op, ok = funcAliases[name]; !ok {
					return nil, inputerr.New("complexity weight %q: unknown operator %q", item, name)
				}
			}
		}
		c, err := strconv.Atoi(strings.TrimSpace(val))
		if err != nil || c < 1 {
			return nil, inputerr.New("complexity weight %q: cost must be a positive integer", item)
		}
		w.Set(op, c)
	}
	return w, nil
}
