package report

// block is one piece of a report: *heading, *para, *box, *grid or *chart.
type block interface{ isBlock() }

// heading is a section title (level 1 = page title).
type heading struct {
	level int
	text  string
}

// para is a paragraph. Text between backquotes is code (a formula or a
// column name); note paragraphs are set apart (warnings, interruptions).
type para struct {
	text string
	note bool
}

// box is a framed group of paragraphs: the conjecture at the top.
type box struct {
	paras []string
}

// grid is a table; right[j] right-aligns column j (numbers).
type grid struct {
	head  []string
	rows  [][]string
	right []bool
}

// chart is one figure of the HTML report: one or more SVG panels side
// by side, with a caption (HTML only).
type chart struct {
	svg     []string
	caption string
}

func (*heading) isBlock() {}
func (*para) isBlock()    {}
func (*box) isBlock()     {}
func (*grid) isBlock()    {}
func (*chart) isBlock()   {}
