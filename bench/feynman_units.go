package bench

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/ansatz/ansatz/symreg/units"
)

// FeynmanUnits resolves the --units flag of `ansatz bench feynman`: "none"
// turns dimensional analysis off (nil), "" means units.csv beside the
// equation table if that file exists (nil otherwise), anything else is a
// units table to load (errors name the file and position).
func FeynmanUnits(flag, table string) (*units.Table, error) {
	switch flag {
	case "none":
		return nil, nil
	case "":
		p := filepath.Join(filepath.Dir(table), "units.csv")
		if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return units.Load(p)
	}
	return units.Load(flag)
}
