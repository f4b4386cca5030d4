package report

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ansatz/ansatz/model"
	"github.com/ansatz/ansatz/pipeline"
)

// mark is one element of a chart that carries data-* attributes.
type mark map[string]string

// charts reads every <svg> of an HTML page as XML (so each must be well
// formed) and returns the marks of each chart by its data-chart name.
func charts(t *testing.T, page string) map[string][]mark {
	t.Helper()
	out := map[string][]mark{}
	for rest := page; ; {
		i := strings.Index(rest, "<svg")
		if i < 0 {
			return out
		}
		j := strings.Index(rest[i:], "</svg>")
		if j < 0 {
			t.Fatal("an <svg> is not closed")
		}
		svg := rest[i : i+j+len("</svg>")]
		rest = rest[i+j:]
		dec := xml.NewDecoder(strings.NewReader(svg))
		name := ""
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("chart %q is not well-formed XML: %v", name, err)
			}
			se, ok := tok.(xml.StartElement)
			if !ok {
				continue
			}
			m := mark{}
			for _, a := range se.Attr {
				if strings.HasPrefix(a.Name.Local, "data-") {
					m[strings.TrimPrefix(a.Name.Local, "data-")] = a.Value
				}
			}
			if se.Name.Local == "svg" {
				name = m["chart"]
				if _, dup := out[name]; dup || name == "" {
					t.Fatalf("chart name %q is empty or repeated", name)
				}
				out[name] = []mark{}
				continue
			}
			if len(m) > 0 {
				out[name] = append(out[name], m)
			}
		}
	}
}

// f reads a data attribute as a number.
func (m mark) f(t *testing.T, key string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(m[key], 64)
	if err != nil {
		t.Fatalf("data-%s=%q: %v", key, m[key], err)
	}
	return v
}

// pairs are the finite (x, y) pairs as sorted strings (with repeats), so
// two lists compare as multisets.
func pairs(pts []pipeline.Point) []string {
	var out []string
	for _, p := range pts {
		if x, y := float64(p[0]), float64(p[1]); finite(x) && finite(y) {
			out = append(out, fmt.Sprint(x, y))
		}
	}
	slices.Sort(out)
	return out
}

// drawn are the (x, y) pairs a chart's marks stand for (bubbles counted
// data-n times), optionally only those of one series.
func drawn(t *testing.T, ms []mark, series string) []string {
	var out []string
	for _, m := range ms {
		if _, ok := m["x"]; !ok || (series != "" && m["series"] != series) {
			continue
		}
		n := 1
		if _, ok := m["n"]; ok {
			n = int(m.f(t, "n"))
		}
		for range n {
			out = append(out, fmt.Sprint(m.f(t, "x"), m.f(t, "y")))
		}
	}
	slices.Sort(out)
	return out
}

// TestChartsMatchResult renders reports and checks every chart is there
// and draws exactly the numbers of result.json.
func TestChartsMatchResult(t *testing.T) {
	classes := sample()
	classes.Task, classes.Classes = model.Classification, []float64{-2, 0, 2}
	classes.Signal.Scatter = []pipeline.Point{{0, 0}, {2, 2}, {0, 0}, {-2, 0}, {0, 0}}
	classes.Law.Metric, classes.Law.Classes, classes.Law.TestAcc, classes.Law.ValAcc = "accuracy", []float64{-2, 0, 2}, 0.75, 0.8
	for name, res := range map[string]*pipeline.Result{"regression": sample(), "numeric classes": classes} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := Write(dir, res); err != nil {
				t.Fatal(err)
			}
			var r pipeline.Result
			b, err := os.ReadFile(filepath.Join(dir, "result.json"))
			if err != nil || json.Unmarshal(b, &r) != nil {
				t.Fatalf("result.json: %v", err)
			}
			page, err := os.ReadFile(filepath.Join(dir, "report.html"))
			if err != nil {
				t.Fatal(err)
			}
			got := charts(t, string(page))
			want := []string{"network", "saliency", "curve", "front", "law-scatter", "network-scatter"}
			for _, res := range r.Law.Residuals {
				want = append(want, "residuals:"+res.Feature)
			}
			if names := slices.Sorted(maps.Keys(got)); !slices.Equal(names, slices.Sorted(slices.Values(want))) {
				t.Fatalf("charts %v, want %v", names, want)
			}
			checkSaliency(t, got["saliency"], r.Attribution.Saliency)
			var val, test []pipeline.Point
			for _, p := range r.Focus.Curve {
				val, test = append(val, pipeline.Point{pipeline.Num(p.Inputs), p.Val}), append(test, pipeline.Point{pipeline.Num(p.Inputs), p.Test})
			}
			same(t, "curve, validation", drawn(t, got["curve"], "validation rows (chooses)"), pairs(val))
			same(t, "curve, test", drawn(t, got["curve"], "test rows (scored once)"), pairs(test))
			for _, run := range r.Law.Runs {
				var fit, held []pipeline.Point
				for _, p := range run.Front {
					if p.Loss > 0 {
						fit = append(fit, pipeline.Point{pipeline.Num(p.Complexity), p.Loss})
					}
					if p.TestLoss > 0 {
						held = append(held, pipeline.Point{pipeline.Num(p.Complexity), p.TestLoss})
					}
				}
				same(t, "front, training", drawn(t, got["front"], "training: "+run.Label), pairs(fit))
				same(t, "front, test", drawn(t, got["front"], "test: "+run.Label), pairs(held))
			}
			same(t, "law scatter", drawn(t, got["law-scatter"], ""), pairs(r.Law.Scatter))
			same(t, "network scatter", drawn(t, got["network-scatter"], ""), pairs(r.Signal.Scatter))
			for _, res := range r.Law.Residuals {
				same(t, "residuals of "+res.Feature, drawn(t, got["residuals:"+res.Feature], ""), pairs(res.Points))
			}
			checkNetwork(t, got["network"], r.Signal.Network)
		})
	}
}

func same(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(want) == 0 || !slices.Equal(got, want) {
		t.Errorf("%s: the chart draws %v, result.json holds %v", what, got, want)
	}
}

func checkSaliency(t *testing.T, ms []mark, rank []model.Ranked) {
	t.Helper()
	if len(ms) != min(len(rank), maxBars) {
		t.Fatalf("saliency: %d bars for %d features", len(ms), len(rank))
	}
	for i, m := range ms {
		if m["label"] != rank[i].Feature || m.f(t, "value") != rank[i].Score || m.f(t, "spread") != rank[i].Spread {
			t.Errorf("saliency bar %d: %v, result.json %+v", i, m, rank[i])
		}
	}
}

func checkNetwork(t *testing.T, ms []mark, nw *pipeline.Network) {
	t.Helper()
	var want, got []string
	for l, es := range nw.Edges {
		for _, e := range es {
			want = append(want, fmt.Sprint(l, e.From, e.To, float64(e.Score)))
		}
	}
	for _, m := range ms {
		got = append(got, fmt.Sprint(m.f(t, "layer"), m.f(t, "from"), m.f(t, "to"), m.f(t, "score")))
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("network edges %v, result.json %v", got, want)
	}
}
