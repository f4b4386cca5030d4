package main

import (
	"encoding/json"
	"fmt"
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
	raw, err := os.ReadFile(string(path))
	if err != nil {
		return inputerr.New("--config: %v", err)
	}
	var values map[string]any
	if err := json.Unmarshal(raw, &values); err != nil {
		return inputerr.At(string(path), jsonLine(raw, err), 0, "not a JSON object of flag settings: %v", err)
	}
	known := map[string]bool{}
	collectFlags(k.Model.Node, known)
	norm := make(map[string]any, len(values))
	var unknown []string
	for key, v := range values {
		n := normFlag(key)
		if n == "config" {
			return inputerr.At(string(path), 0, 0, "a config file cannot name another config file")
		}
		if !known[n] {
			unknown = append(unknown, key)
		}
		norm[n] = v
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return inputerr.At(string(path), 0, 0, "unknown setting %q: no flag of that name", strings.Join(unknown, `", "`))
	}
	ctx.AddResolver(kong.ResolverFunc(func(_ *kong.Context, _ *kong.Path, f *kong.Flag) (any, error) {
		v, ok := norm[normFlag(f.Name)]
		if !ok {
			return nil, nil
		}
		return configValue(v), nil
	}))
	return nil
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

// jsonLine finds the line of a JSON syntax error, 0 if unknown.
func jsonLine(raw []byte, err error) int {
	if se, ok := err.(*json.SyntaxError); ok {
		return 1 + strings.Count(string(raw[:min(int(se.Offset), len(raw))]), "\n")
	}
	return 0
}
