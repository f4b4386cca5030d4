package report

// block is one piece of a report: *heading, *para, *grid or *chart.
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

// grid is a table; right[j] right-aligns column j (numbers).
type grid struct {
	head  []string
	rows  [][]string
	right []bool
}

// chart is an SVG drawing with a caption (HTML only).
type chart struct {
	svg     string
	caption string
}

func (*heading) isBlock() {}
func (*para) isBlock()    {}
func (*grid) isBlock()    {}
func (*chart) isBlock()   {}
