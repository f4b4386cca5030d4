package table

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// npyBytes writes an NPY v1 file; vals are in file order.
func npyBytes(t testing.TB, descr string, fortran bool, shape []int, vals []float64) string {
	t.Helper()
	var sh []string
	for _, d := range shape {
		sh = append(sh, fmt.Sprint(d))
	}
	shs := strings.Join(sh, ", ")
	if len(shape) == 1 {
		shs += ","
	}
	fo := "False"
	if fortran {
		fo = "True"
	}
	dict := fmt.Sprintf("{'descr': '%s', 'fortran_order': %s, 'shape': (%s), }", descr, fo, shs)
	for (10+len(dict)+1)%64 != 0 {
		dict += " "
	}
	dict += "\n"
	var b bytes.Buffer
	b.WriteString("\x93NUMPY\x01\x00")
	binary.Write(&b, binary.LittleEndian, uint16(len(dict)))
	b.WriteString(dict)
	var order binary.ByteOrder = binary.LittleEndian
	if descr[0] == '>' {
		order = binary.BigEndian
	}
	for _, v := range vals {
		if strings.HasSuffix(descr, "4") {
			binary.Write(&b, order, float32(v))
		} else {
			binary.Write(&b, order, v)
		}
	}
	return b.String()
}

func TestNPY(t *testing.T) {
	// rows (1,10), (2,20), (3,31) in C order and in Fortran order.
	c := []float64{1, 10, 2, 20, 3, 31}
	f := []float64{1, 2, 3, 10, 20, 31}
	for _, tc := range []struct {
		descr   string
		fortran bool
		vals    []float64
	}{{"<f8", false, c}, {"<f4", false, c}, {">f8", false, c}, {"<f8", true, f}} {
		tb, err := Read(strings.NewReader(npyBytes(t, tc.descr, tc.fortran, []int{3, 2}, tc.vals)), "a.npy", Options{})
		if err != nil {
			t.Fatalf("%s fortran=%v: %v", tc.descr, tc.fortran, err)
		}
		if tb.Target != "x1" || !reflect.DeepEqual(tb.X, [][]float64{{1, 2, 3}}) || !reflect.DeepEqual(tb.Y, []float64{10, 20, 31}) {
			t.Errorf("%s fortran=%v: target %q X %v Y %v", tc.descr, tc.fortran, tb.Target, tb.X, tb.Y)
		}
	}
}

func TestNPYSidecarAndGzip(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "d.npy.gz")
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write([]byte(npyBytes(t, "<f8", false, []int{3, 3}, []float64{1, 2, 3, 4, 5, 6.5, 7, 8, 9, math.Inf(1)}[:9])))
	zw.Close()
	if err := os.WriteFile(p, z.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p+".names", []byte("mass\r\nradius\r\nforce\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tb, err := Load(p, Options{Target: "radius"})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(tb.Features, []string{"mass", "force"}) || !reflect.DeepEqual(tb.Y, []float64{2, 5, 8}) {
		t.Errorf("features %q Y %v", tb.Features, tb.Y)
	}
	os.WriteFile(p+".names", []byte("a,b\n"), 0o644)
	if _, err := Load(p, Options{}); err == nil || !strings.Contains(err.Error(), "has 2 names, the array has 3 columns") {
		t.Errorf("wrong sidecar: %v", err)
	}
}
