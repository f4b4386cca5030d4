package report

import (
	"bufio"
	"fmt"
	"html/template"
	"io"
	"strings"
)

// style is the page's whole stylesheet: readable on screen and in print.
const style = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.6em;border-bottom:2px solid #ddd;padding-bottom:.3em}h2{font-size:1.25em;margin-top:1.8em;border-bottom:1px solid #eee}
h3{font-size:1.05em}code{font-family:ui-monospace,Menlo,Consolas,monospace;background:#f4f4f4;padding:0 .25em;border-radius:3px}
table{border-collapse:collapse;margin:.6em 0 1em;font-size:.92em;max-width:100%}td code{overflow-wrap:anywhere}th,td{border:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f6f6f6}td.r,th.r{text-align:right;font-variant-numeric:tabular-nums}td.r{white-space:nowrap}td:last-child:not(.r){min-width:14em}
.note{background:#fff6e0;border-left:4px solid #e0a000;padding:.5em .8em}
figure{margin:1em 0}figcaption{font-size:.88em;color:#555;margin-top:.2em}svg{max-width:100%;height:auto}
.panels{display:flex;flex-wrap:wrap;gap:.6em;align-items:flex-start}.panels svg{flex:0 1 auto}
.conjecture{border:2px solid #3b6ea5;border-radius:6px;padding:.4em 1em;margin:1em 0;background:#f5f8fc}`

// html renders the blocks as one self-contained page.
func html(w io.Writer, title string, blocks []block) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n<style>%s</style>\n</head>\n<body>\n",
		template.HTMLEscapeString(title), style)
	for _, bl := range blocks {
		switch v := bl.(type) {
		case *heading:
			fmt.Fprintf(b, "<h%d>%s</h%d>\n", v.level, inline(v.text), v.level)
		case *para:
			if v.note {
				fmt.Fprintf(b, "<p class=\"note\">%s</p>\n", inline(v.text))
			} else {
				fmt.Fprintf(b, "<p>%s</p>\n", inline(v.text))
			}
		case *box:
			b.WriteString("<div class=\"conjecture\">\n")
			for _, p := range v.paras {
				fmt.Fprintf(b, "<p>%s</p>\n", inline(p))
			}
			b.WriteString("</div>\n")
		case *grid:
			b.WriteString("<table>\n<tr>")
			for j, h := range v.head {
				fmt.Fprintf(b, "<th%s>%s</th>", rightClass(v.right, j), inline(h))
			}
			b.WriteString("</tr>\n")
			for _, r := range v.rows {
				b.WriteString("<tr>")
				for j, c := range r {
					fmt.Fprintf(b, "<td%s>%s</td>", rightClass(v.right, j), inline(c))
				}
				b.WriteString("</tr>\n")
			}
			b.WriteString("</table>\n")
		case *chart:
			fmt.Fprintf(b, "<figure>\n<div class=\"panels\">\n%s\n</div>\n<figcaption>%s</figcaption>\n</figure>\n",
				strings.Join(v.svg, "\n"), inline(v.caption))
		}
	}
	b.WriteString("</body>\n</html>\n")
	return b.Flush()
}

func rightClass(right []bool, j int) string {
	if j < len(right) && right[j] {
		return ` class="r"`
	}
	return ""
}

// inline escapes text for HTML and turns `code` spans and **bold** into
// their tags (the small Markdown subset the content uses).
func inline(s string) string {
	var b strings.Builder
	code := false
	parts := strings.Split(s, "`")
	for i, p := range parts {
		if i > 0 {
			if code {
				b.WriteString("</code>")
			} else if i < len(parts)-1 || strings.Count(s, "`")%2 == 0 {
				b.WriteString("<code>")
			} else {
				b.WriteString("`")
				b.WriteString(template.HTMLEscapeString(p))
				continue
			}
			code = !code
		}
		e := template.HTMLEscapeString(p)
		if !code {
			e = bold(e)
		}
		b.WriteString(e)
	}
	return b.String()
}

// bold turns **x** pairs into <strong>x</strong>.
func bold(s string) string {
	parts := strings.Split(s, "**")
	if len(parts) < 3 {
		return s
	}
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			if i%2 == 1 && i < len(parts)-1 || i%2 == 0 {
				b.WriteString(map[bool]string{true: "<strong>", false: "</strong>"}[i%2 == 1])
			} else {
				b.WriteString("**")
			}
		}
		b.WriteString(p)
	}
	return b.String()
}
