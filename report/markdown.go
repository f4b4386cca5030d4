package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// markdown renders the blocks as GitHub-flavoured Markdown. Charts are
// left out (they live in report.html).
func markdown(w io.Writer, blocks []block) error {
	b := bufio.NewWriter(w)
	for _, bl := range blocks {
		switch v := bl.(type) {
		case *heading:
			fmt.Fprintf(b, "%s %s\n\n", strings.Repeat("#", v.level), v.text)
		case *para:
			if v.note {
				fmt.Fprintf(b, "> **Note:** %s\n\n", v.text)
			} else {
				fmt.Fprintf(b, "%s\n\n", v.text)
			}
		case *box:
			for i, p := range v.paras {
				if i > 0 {
					b.WriteString(">\n")
				}
				fmt.Fprintf(b, "> %s\n", p)
			}
			b.WriteString("\n")
		case *grid:
			mdRow(b, v.head)
			sep := make([]string, len(v.head))
			for j := range sep {
				sep[j] = "---"
				if j < len(v.right) && v.right[j] {
					sep[j] = "---:"
				}
			}
			mdRow(b, sep)
			for _, r := range v.rows {
				mdRow(b, r)
			}
			b.WriteString("\n")
		}
	}
	return b.Flush()
}

// mdRow writes one table row; pipes inside cells are escaped.
func mdRow(b *bufio.Writer, cells []string) {
	b.WriteString("|")
	for _, c := range cells {
		b.WriteString(" " + strings.ReplaceAll(c, "|", `\|`) + " |")
	}
	b.WriteString("\n")
}
