package table

import (
	"bytes"
	"encoding/csv"
	"strings"
)

// sniffCandidates are tried in this order; tab first since TSV cells
// sometimes hold commas, never the other way round.
var sniffCandidates = []rune{'\t', ',', ';', '|'}

// sniff picks the separator from a sample of the file's first bytes: the
// first candidate that splits every sampled row into the same number (>1)
// of fields; else runs of blanks if they do; else the candidate giving the
// header the most fields (a later ragged-row error will say what is
// wrong); else ','.
func sniff(sample []byte) rune {
	if i := bytes.LastIndexByte(sample, '\n'); i >= 0 && i < len(sample)-1 {
		sample = sample[:i+1] // drop a line cut off by the sample's end
	}
	best, bestN := ',', 1
	for _, c := range sniffCandidates {
		counts := fieldCounts(sample, c)
		if len(counts) == 0 {
			continue
		}
		if counts[0] > 1 && same(counts) {
			return c
		}
		if counts[0] > bestN {
			best, bestN = c, counts[0]
		}
	}
	var counts []int
	for _, line := range strings.Split(string(sample), "\n") {
		if f := strings.Fields(line); len(f) > 0 && len(counts) < 50 {
			counts = append(counts, len(f))
		}
	}
	if len(counts) > 0 && counts[0] > 1 && same(counts) && bestN == 1 {
		return ' '
	}
	return best
}

// fieldCounts parses up to 50 rows of sample with separator c and returns
// each row's field count.
func fieldCounts(sample []byte, c rune) []int {
	r := csv.NewReader(bytes.NewReader(sample))
	r.Comma = c
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = true
	var counts []int
	for len(counts) < 50 {
		rec, err := r.Read()
		if err != nil {
			break
		}
		counts = append(counts, len(rec))
	}
	return counts
}

func same(counts []int) bool {
	for _, n := range counts {
		if n != counts[0] {
			return false
		}
	}
	return true
}
