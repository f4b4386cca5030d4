package feynman

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ansatz/ansatz/internal/inputerr"
)

// A table with every known fault of the published file: byte-order mark,
// CRLF, a wrong "# variables" count, an extra column, trailing empty rows.
const faultyTable = "\xef\xbb\xbfFilename,Number,Output,Formula,# variables,v1_name,v1_low,v1_high,v2_name,v2_low,v2_high,Comment\r\n" +
	"E.1,1,f,x*y,1,x,1,3,y,2,4,first\r\n" +
	"E.2,2,g,exp(-t**2/2)/sqrt(2*pi),2,t,1,3,,,,\r\n" +
	",,,,,,,,,,,\r\n" +
	",,,,,,,,,,,\r\n"

func writeTable(t *testing.T, s string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "eqs.csv")
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadToleratesFaults(t *testing.T) {
	eqs, err := Read(writeTable(t, faultyTable))
	if err != nil {
		t.Fatal(err)
	}
	if len(eqs) != 2 {
		t.Fatalf("%d equations, want 2", len(eqs))
	}
	if eqs[0].Name != "E.1" || len(eqs[0].Vars) != 2 || eqs[0].Vars[1] != (Var{"y", 2, 4}) {
		t.Fatalf("first equation %+v", eqs[0])
	}
	if eqs[1].Formula != "exp(-t**2/2)/sqrt(2*pi)" || len(eqs[1].Vars) != 1 {
		t.Fatalf("second equation %+v", eqs[1])
	}
	for _, bad := range []string{
		"Name,Formula\nx,y\n",
		"Filename,Formula,v1_name,v1_low,v1_high\nA,x,x,3,1\n", // low > high
		"Filename,Formula,v1_name,v1_low,v1_high\nA,x,x,a,1\n",
		"Filename,Formula,v1_name,v1_low,v1_high\n,,,,\n",
	} {
		t.Run(bad, func(t *testing.T) {
			if _, err := Read(writeTable(t, bad)); err == nil || !inputerr.Is(err) {
				t.Errorf("table %q: err %v, want an input error", bad, err)
			}
		})
	}
}
