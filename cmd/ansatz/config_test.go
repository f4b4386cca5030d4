package main

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alecthomas/kong"

	"github.com/ansatz/ansatz/internal/inputerr"
)

// TestConfigFileChecks: a config file is read only up to a size no flag
// settings need, two keys naming one flag are an error (one of them would
// win at random), and values must be what a command line can say: a
// scalar or a flat list. Each is one line naming the file, exit 2.
func TestConfigFileChecks(t *testing.T) {
	cases := []struct{ name, content, want string }{
		{"too large", `{"threads": 1` + strings.Repeat(" ", 2<<20) + `}`, "run.json: larger than 1048576 bytes"},
		{"same flag twice", "{\"log-format\": \"json\",\n\"log_format\": \"text\"}", `run.json:2: "log_format" sets the same flag as "log-format"`},
		{"object value", `{"features": {"a": 1}}`, `run.json:1: "features": an object is not a flag value`},
		{"nested list", `{"hidden": [8, [4, 2]]}`, `run.json:1: "hidden": a list inside a list is not a flag value`},
		{"trailing data", `{"threads": 1} {"seed": 2}`, "run.json:1: not a JSON object of flag settings"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, "run.json", c.content)
			code, _, errs := runT(t, "--config", p, "info")
			if code != exitInput {
				t.Errorf("exit %d, want 2 (stderr %q)", code, errs)
			}
			oneErrorLine(t, errs, strings.Replace(c.want, "run.json", p, 1))
		})
	}
}

// FuzzConfigFile checks fuzzed config files, then parses command lines with
// those the file checks accept (parsing only: no verb runs, so no setting
// can start a server or write a file).
// Parsing must not panic, and a refused file must be an input or usage
// error, which run turns into exit 2.
//
//	go test ./cmd/ansatz -run '^$' -fuzz FuzzConfigFile -fuzztime 1m
func FuzzConfigFile(f *testing.F) {
	verbs := [][]string{
		{"train", "d.csv", "--out", "m.model"},
		{"search", "d.csv"},
		{"refine", "m.model", "d.csv", "--grid", "9", "--out", "r.model"},
		{"info"},
	}
	f.Add([]byte(`{"threads": 3, "log_format": "json", "json": true}`), byte(0))
	f.Add([]byte(`{"hidden": [8, 4], "features": ["a", "b"], "lr": 1e-3, "float64": true}`), byte(0))
	f.Add([]byte(`{"ops": "+,-,*", "maxsize": 12, "time": "5s", "target": "y"}`), byte(1))
	f.Add([]byte(`{"steps": 10, "opt": "adam", "sep": "tab"}`), byte(2))
	f.Add([]byte("{\n\"threads\": 2,\n}"), byte(3))
	p := filepath.Join(f.TempDir(), "run.json")
	f.Fuzz(func(t *testing.T, content []byte, verb byte) {
		// The file's own checks first: cheap, and most fuzzed bytes stop here.
		if _, err := parseConfig(p, content); err != nil {
			if !inputerr.Is(err) {
				t.Fatalf("not an input error: %v", err)
			}
			return
		}
		if err := os.WriteFile(p, content, 0o644); err != nil {
			t.Fatal(err)
		}
		var cli CLI
		parser, err := kong.New(&cli, kong.Exit(func(int) {}), kong.Writers(io.Discard, io.Discard))
		if err != nil {
			t.Fatal(err)
		}
		args := append([]string{"--config", p}, verbs[int(verb)%len(verbs)]...)
		if _, err := parser.Parse(args); err != nil {
			var pe *kong.ParseError
			if !inputerr.Is(err) && !errors.As(err, &pe) {
				t.Fatalf("%T is neither an input nor a usage error: %v", err, err)
			}
		}
	})
}
