package report

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"

	"github.com/ansatz/ansatz/internal/atomicfile"
	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/pipeline"
)

// Files are the names Write creates inside the directory.
var Files = []string{"result.json", "report.md", "report.html"}

// Write creates dir if needed and writes result.json, report.md and
// report.html into it, each atomically (a reader never sees half a file;
// an earlier report's file survives a failed write).
func Write(dir string, res *pipeline.Result) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return inputerr.New("%v", err)
	}
	err := atomicfile.Write(filepath.Join(dir, "result.json"), func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	})
	if err != nil {
		return err
	}
	blocks := content(res)
	if err := atomicfile.Write(filepath.Join(dir, "report.md"), func(w io.Writer) error {
		return markdown(w, blocks)
	}); err != nil {
		return err
	}
	return atomicfile.Write(filepath.Join(dir, "report.html"), func(w io.Writer) error {
		return html(w, title(res), blocks)
	})
}
