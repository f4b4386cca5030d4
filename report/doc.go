// Package report renders a pipeline.Result for people and scripts: it
// writes result.json (the Result as is), report.md and a self-contained
// report.html (inline CSS and SVG charts, no scripts, no external files)
// into a directory, each file atomically. It only renders; every number
// comes from the Result.
//
// Both text forms are rendered from one list of blocks (headings,
// paragraphs, tables, charts) built in content.go, sections.go and law.go,
// so the Markdown and the HTML always say the same thing; charts appear
// in the HTML only. Charts are drawn by hand as SVG (svg.go, charts.go,
// network.go): no scripts, no fonts or files to ship, and every mark
// carries the numbers it stands for in data-* attributes, which the tests
// read back against result.json.
package report
