package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/alecthomas/kong"

	"github.com/ansatz/ansatz/internal/inputerr"
	"github.com/ansatz/ansatz/kernels"
	"github.com/ansatz/ansatz/table"
)

// runT runs the CLI in-process and returns exit code, stdout and stderr.
func runT(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// oneErrorLine checks stderr is exactly one "ansatz: ..." line holding want.
func oneErrorLine(t *testing.T, stderr, want string) {
	t.Helper()
	if !strings.HasPrefix(stderr, "ansatz: ") || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, want) {
		t.Errorf("stderr = %q, want one line \"ansatz: ...%s...\"", stderr, want)
	}
}

func TestHelp(t *testing.T) {
	code, out, _ := runT(t, "--help")
	if code != 0 || !strings.Contains(out, "search") || !strings.Contains(out, "--threads") {
		t.Errorf("--help: code %d, out %q", code, out)
	}
}

func TestUsageErrorsExit2(t *testing.T) {
	unavailable := kernels.NEON
	if runtime.GOARCH == "arm64" {
		unavailable = kernels.AVX2
	}
	refuse(t, []badInput{
		{[]string{"info", "--no-such-flag"}, "unknown flag --no-such-flag"},
		{[]string{"no-such-verb"}, "unexpected argument no-such-verb"},
		{[]string{"--isa", "sse9", "info"}, "--isa"},
		{[]string{"--isa", unavailable, "info"}, "not available"},
		{[]string{"--threads=-1", "info"}, "--threads must be 0"},
		{[]string{"--threads", "two", "info"}, "--threads"},
		{[]string{"--log-format", "xml", "info"}, "--log-format"},
		{[]string{"--pprof-addr", "not-an-address", "info"}, "--pprof-addr"},
		{[]string{"--cpuprofile", "/no/such/dir/cpu.prof", "info"}, "--cpuprofile"},
		{[]string{"--memprofile", "/no/such/dir/mem.prof", "info"}, "--memprofile"},
	})
}

// quickModel trains a one-epoch MLP on data (target y) into dir and
// returns the model file.
func quickModel(t *testing.T, data, dir string) string {
	t.Helper()
	mf := filepath.Join(dir, "quick.model")
	if code, _, errs := runT(t, "--quiet", "train", data, "--target", "y", "--epochs", "1", "--out", mf); code != 0 {
		t.Fatalf("train: %d %s", code, errs)
	}
	return mf
}

// badInput is a command line that must be refused as bad input: exit 2,
// nothing on stdout, and one error line holding want.
type badInput struct {
	args []string
	want string
}

// refuse runs each case as a subtest named by what its error must say.
func refuse(t *testing.T, cases []badInput) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) {
			code, out, errs := runT(t, c.args...)
			if code != exitInput || out != "" {
				t.Fatalf("%q: exit %d, stdout %q, want 2 and nothing (stderr %q)", c.args, code, out, errs)
			}
			oneErrorLine(t, errs, c.want)
		})
	}
}

func TestReportExitCodes(t *testing.T) {
	var b bytes.Buffer
	if c := report(&b, fmt.Errorf("loading: %w", inputerr.At("d.csv", 3, 2, "not a number"))); c != exitInput {
		t.Errorf("input error: exit %d", c)
	}
	if c := report(&b, errors.New("disk on fire\nsecond line")); c != exitInternal {
		t.Errorf("internal error: exit %d", c)
	}
	if got := b.String(); got != "ansatz: loading: d.csv:3:2: not a number\nansatz: disk on fire second line\n" {
		t.Errorf("report printed %q", got)
	}
}

// infoJSON runs info --json and decodes it.
func infoJSON(t *testing.T, args ...string) (rep struct {
	Build   buildInfo `json:"build"`
	Threads int       `json:"threads"`
	Kernels kernelInfo
}) {
	t.Helper()
	code, out, errs := runT(t, args...)
	if code != 0 {
		t.Fatalf("%q: exit %d: %s", args, code, errs)
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%q: output is not JSON: %v\n%s", args, err, out)
	}
	return rep
}

func TestInfoListsEveryKernelFamily(t *testing.T) {
	code, out, errs := runT(t, "--isa", "generic", "info")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	names, impl := kernels.Implementations()
	for _, n := range names {
		if !strings.Contains(out, fmt.Sprintf("%-12s %s", n, impl[n])) {
			t.Errorf("info does not list family %q (%s):\n%s", n, impl[n], out)
		}
		if impl[n] != kernels.Generic {
			t.Errorf("--isa generic: family %q runs %q", n, impl[n])
		}
	}
	for _, w := range []string{runtime.Version(), "cpu:", "cores:", "kernels:  isa generic"} {
		if !strings.Contains(out, w) {
			t.Errorf("info lacks %q:\n%s", w, out)
		}
	}
	rep := infoJSON(t, "info", "--json")
	if rep.Kernels.ISA != kernels.Best() || len(rep.Kernels.Families) != len(names) || rep.Build.Go != runtime.Version() {
		t.Errorf("info --json: %+v", rep)
	}
	kernels.Use("auto")
}

func TestPseudoVersion(t *testing.T) {
	for v, want := range map[string]bool{"v0.0.0-20261122031500-abcdef123456": true, "v1.2.4-0.20261122031500-abcdef123456+dirty": true, "v1.2.3": false} {
		t.Run(v, func(t *testing.T) {
			if pseudoVersion.MatchString(v) != want {
				t.Errorf("pseudoVersion(%q) != %v", v, want)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := runT(t, "version")
	if code != 0 || out != fmt.Sprintf("ansatz %s (%s %s/%s)\n", readBuildInfo().Version, runtime.Version(), runtime.GOOS, runtime.GOARCH) {
		t.Errorf("version: %d %q", code, out)
	}
	code, out, _ = runT(t, "version", "--json")
	var b buildInfo
	if code != 0 || json.Unmarshal([]byte(out), &b) != nil || b.Version == "" || b.Go != runtime.Version() {
		t.Errorf("version --json: %d %q", code, out)
	}
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestConfigFile(t *testing.T) {
	cfg := writeFile(t, "run.json", `{"threads": 3, "log_format": "json", "json": true}`)
	// The config sets a global (threads) and a verb flag (info's --json).
	if rep := infoJSON(t, "--config", cfg, "info"); rep.Threads != 3 {
		t.Errorf("threads from config = %d, want 3", rep.Threads)
	}
	// The command line wins.
	if rep := infoJSON(t, "--config", cfg, "--threads", "1", "info"); rep.Threads != 1 {
		t.Errorf("threads = %d, want the command line's 1", rep.Threads)
	}
	if runtime.GOMAXPROCS(0) != runtime.NumCPU() {
		t.Errorf("GOMAXPROCS not restored: %d", runtime.GOMAXPROCS(0))
	}
	bad := []struct{ content, want string }{
		{`{"thread": 2}`, `unknown setting "thread"`},
		{"{\n\"threads\": 2,\n}", "run.json:3: not a JSON object"},
		{`{"isa": "sse9"}`, "--isa"},
		{`{"threads": "many"}`, "--threads"},
	}
	for _, b := range bad {
		p := writeFile(t, "run.json", b.content)
		code, _, errs := runT(t, "--config", p, "info")
		if code != exitInput {
			t.Errorf("%s: exit %d, want 2", b.content, code)
		}
		oneErrorLine(t, errs, b.want)
	}
	code, _, errs := runT(t, "--config", "/no/such/run.json", "info")
	if code != exitInput {
		t.Errorf("missing config: exit %d", code)
	}
	oneErrorLine(t, errs, "--config")
}

func TestProfilesWritten(t *testing.T) {
	dir := t.TempDir()
	cpu, mem, tr := filepath.Join(dir, "cpu.prof"), filepath.Join(dir, "mem.prof"), filepath.Join(dir, "trace.out")
	code, out, errs := runT(t, "--cpuprofile", cpu, "--memprofile", mem, "--trace", tr,
		"--pprof-addr", "127.0.0.1:0", "version")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.HasPrefix(out, "ansatz ") || !strings.Contains(errs, "serving pprof") {
		t.Errorf("stdout %q stderr %q", out, errs)
	}
	for _, p := range []string{cpu, mem, tr} {
		if st, err := os.Stat(p); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v (want a non-empty file)", filepath.Base(p), err)
		}
	}
	// --quiet silences info messages; json format gives JSON log lines.
	_, _, errs = runT(t, "--quiet", "--pprof-addr", "127.0.0.1:0", "version")
	if errs != "" {
		t.Errorf("--quiet still logged %q", errs)
	}
	_, _, errs = runT(t, "--log-format", "json", "--pprof-addr", "127.0.0.1:0", "version")
	var line map[string]any
	if json.Unmarshal([]byte(errs), &line) != nil || line["msg"] != "serving pprof" {
		t.Errorf("json log line %q", errs)
	}
}

// tableVerb is a verb as the real ones are written: it embeds table.Flags.
type tableVerb struct {
	Data string `arg:""`
	table.Flags
}

func (v *tableVerb) Run() error { return nil }

type otherVerb struct {
	Level int
}

func (v *otherVerb) Run() error { return nil }

// TestTableFlagsEmbed checks the shared table flags come out with the
// documented names when a verb embeds table.Flags, also from a config file.
func TestTableFlagsEmbed(t *testing.T) {
	var cli struct {
		Globals
		Fit   tableVerb `cmd:""`
		Other otherVerb `cmd:""`
	}
	p, err := kong.New(&cli, kong.Exit(func(int) {}))
	if err != nil {
		t.Fatal(err)
	}
	cfg := writeFile(t, "run.json", `{"drop-nonfinite": true, "features": ["a", "b"], "level": 3}`)
	// "level" is a flag of the other verb: ignored when running fit.
	if _, err := p.Parse([]string{"fit", "d.csv", "--config", cfg, "--target", "y", "--drop", "id", "--sep", "tab"}); err != nil {
		t.Fatal(err)
	}
	f := cli.Fit.Flags
	if f.Target != "y" || strings.Join(f.Features, "|") != "a|b" || strings.Join(f.Drop, "|") != "id" ||
		f.Sep != "tab" || !f.DropNonfinite {
		t.Errorf("flags parsed as %+v", f)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
