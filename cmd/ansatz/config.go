package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/alecthomas/kong"

	"github.com/ansatz/ansatz/internal/inputerr"
)

// configFile is the --config flag: a JSON object whose keys are flag names
// ("threads", "log-format" or "log_format", "target", ...) and whose values
// set those flags unless the command line sets them too. A key that is no
// flag of any verb is an error, so a typo never silently does nothing; a
// flag of another verb is ignored, so one file can serve several verbs.
type configFile string

// BeforeResolve is called by kong once the command line is parsed: it
// loads the file and adds it as a resolver, which kong consults only for
// flags the command line left unset.
func (configFile) BeforeResolve(k *kong.Kong, ctx *kong.Context, trace *kong.Path) error {
	// The receiver is the zero value at this point; the parsed value is
	// in the context.
	path, _ := ctx.FlagValue(trace.Flag).(configFile)
	norm, err := readConfig(string(path))
	if err != nil {
		return err
	}
	known := map[string]bool{}
	collectFlags(k.Model.Node, known)
	var unknown []string
	for n, s := range norm {
		if n == "config" {
			return inputerr.At(string(path), 0, 0, "a config file cannot name another config file")
		}
		if !known[n] {
			unknown = append(unknown, s.key)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return inputerr.At(string(path), 0, 0, "unknown setting %q: no flag of that name", strings.Join(unknown, `", "`))
	}
	ctx.AddResolver(kong.ResolverFunc(func(_ *kong.Context, _ *kong.Path, f *kong.Flag) (any, error) {
		s, ok := norm[normFlag(f.Name)]
		if !ok {
			return nil, nil
		}
		return configValue(s.value), nil
	}))
	return nil
}

// maxConfig bounds what is read of a config file: flag settings take a
// few hundred bytes, so anything much larger is the wrong file.
const maxConfig = 1 << 20

// setting is one entry of a config file: the key as written and its value.
type setting struct {
	key   string
	value any
}

// readConfig reads the settings of a config file, keyed by normalised
// flag name.
func readConfig(path string) (map[string]setting, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, inputerr.New("--config: %v", err)
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, maxConfig+1))
	if err != nil {
		return nil, inputerr.New("--config: %v", err)
	}
	if len(raw) > maxConfig {
		return nil, inputerr.At(path, 0, 0, "larger than %d bytes: not a file of flag settings", maxConfig)
	}
	return parseConfig(path, raw)
}

// parseConfig reads a JSON object of flag settings key by key, so that two
// keys naming the same flag ("log-format", "log_format") are caught rather
// than one of them winning at random, and every error has a line.
func parseConfig(path string, raw []byte) (map[string]setting, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	bad := func(err error) error {
		return inputerr.At(path, jsonLine(raw, dec.InputOffset(), err), 0, "not a JSON object of flag settings: %v", err)
	}
	out := map[string]setting{}
	tok, err := dec.Token()
	if err != nil {
		return nil, bad(err)
	}
	if tok == nil { // null: no settings
		return out, nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, bad(fmt.Errorf("found %v", tok))
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, bad(err)
		}
		key, _ := tok.(string) // object keys are strings
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, bad(err)
		}
		line := jsonLine(raw, dec.InputOffset(), nil)
		n := normFlag(key)
		if prev, dup := out[n]; dup {
			return nil, inputerr.At(path, line, 0, "%q sets the same flag as %q", key, prev.key)
		}
		if why := flagValueProblem(v); why != "" {
			return nil, inputerr.At(path, line, 0, "%q: %s is not a flag value", key, why)
		}
		out[n] = setting{key: key, value: v}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, bad(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, bad(errors.New("more after the object"))
	}
	return out, nil
}

// flagValueProblem says why a JSON value cannot stand for what a command
// line says ("" when it can): a scalar, or a flat list for list flags.
func flagValueProblem(v any) string {
	switch x := v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		for _, e := range x {
			switch e.(type) {
			case []any:
				return "a list inside a list"
			case map[string]any:
				return "an object inside a list"
			}
		}
	}
	return ""
}

// collectFlags records the normalised names of every flag of every verb.
func collectFlags(n *kong.Node, into map[string]bool) {
	for _, f := range n.Flags {
		into[normFlag(f.Name)] = true
	}
	for _, c := range n.Children {
		collectFlags(c, into)
	}
}

func normFlag(s string) string { return strings.ReplaceAll(strings.TrimLeft(s, "-"), "_", "-") }

// configValue turns a JSON value into the form kong's mappers take from a
// command line: numbers without a float's exponent, lists comma-joined.
func configValue(v any) any {
	switch x := v.(type) {
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e18 {
			return strconv.FormatInt(int64(x), 10)
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = fmt.Sprint(configValue(e))
		}
		return strings.Join(parts, ",")
	case bool:
		if x {
			return "true"
		}
		return "false"
	}
	return v
}

// jsonLine is the line of a JSON error: at a syntax error's offset, else
// at offset (where the decoder stopped).
func jsonLine(raw []byte, offset int64, err error) int {
	if se, ok := err.(*json.SyntaxError); ok {
		offset = se.Offset
	}
	return 1 + bytes.Count(raw[:min(max(offset, 0), int64(len(raw)))], []byte("\n"))
}
